package dev.meshsdk.spi.policy;

import java.util.Objects;

/**
 * A column the policies allow a plan to drop although the contract keeps its major version: the engine then plans
 * {@link dev.meshsdk.plan.Change.DropColumn} in place of the storage adapter's refusal that names the column. Without
 * such an allowance a dropped column stays refused: no column is dropped silently.
 *
 * @param port   the output port's name
 * @param table  the table ({@link dev.meshsdk.plan.Change#target()}), or null for the column in any table of the port
 * @param column the column, as the refusal names it ({@link dev.meshsdk.plan.Change.Refused#droppedColumn()})
 * @param reason why it may go, as the policy says it (shown in the plan)
 */
public record AllowedColumnDrop(String port, String table, String column, String reason) {
    public AllowedColumnDrop {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(column, "column");
        reason = reason == null || reason.isBlank() ? "the policies allow it" : reason;
    }

    /** Whether this allows dropping {@code columnName} of {@code tableName} of {@code portName}. */
    public boolean covers(String portName, String tableName, String columnName) {
        return port.equals(portName) && (table == null || table.equals(tableName)) && column.equals(columnName);
    }
}
