package dev.meshsdk.policy;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.policy.AllowedColumnDrop;
import java.util.Map;

/**
 * Reads an item of a package's {@code allow_column_drop} rule, for both engines: an object {@code {port, table,
 * column, msg}} naming a column the plan may drop ({@code table} left out: any table of the port).
 */
final class AllowedDrops {
    static final String RULE = "allow_column_drop";

    private AllowedDrops() {}

    /** @param origin where the rule came from, for the message: {@code (breaking.rego)}, {@code from the OPA server} */
    static AllowedColumnDrop of(String pkg, String origin, Object item) {
        if (item instanceof Map<?, ?> m
                && m.get("port") instanceof String port
                && m.get("column") instanceof String column) {
            Object table = m.get("table");
            Object msg = m.get("msg");
            return new AllowedColumnDrop(
                    port, table instanceof String t ? t : null, column, msg == null ? null : String.valueOf(msg));
        }
        throw new MeshException(
                ErrorCode.POLICY_DENIED,
                "Cannot read data." + pkg + "." + RULE + " " + origin
                        + ": its items must be objects {port, table, column, msg}, found " + item
                        + "; the deploy is blocked until the policy is fixed");
    }
}
