package dev.meshsdk.plan;

import java.util.List;
import java.util.Objects;

/**
 * The changes for one output port in one environment, and the state they were computed against.
 *
 * @param address a readable location: {@code s3://bucket/prefix}, {@code db.schema.table}, a folder
 */
public record PortPlan(String port, String contractId, String contractVersion, String server, String serverType,
                       String address, PortState observed, List<Change> changes) {
    public PortPlan {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(serverType, "serverType");
        Objects.requireNonNull(observed, "observed");
        changes = List.copyOf(changes);
    }

    /** Whether applying changes anything: every change but a {@link Change.KeepTable} does. */
    public boolean hasChanges() {
        return changes.stream().anyMatch(c -> !(c instanceof Change.KeepTable));
    }

    public List<Change.Refused> refusals() {
        return changes.stream().filter(c -> c instanceof Change.Refused).map(c -> (Change.Refused) c).toList();
    }
}
