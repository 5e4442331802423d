package dev.meshsdk.plan;

import java.util.List;
import java.util.Objects;

/**
 * The changes for one output port in one environment, and the state they were computed against.
 *
 * @param address a readable location: {@code s3://bucket/prefix}, {@code db.schema.table}, a folder
 * @param usage   how the port was read when planning, in one line ({@code 3 readers in the last 30 days: ...}), or
 *                null when not looked up; for people, not compared when deploying
 */
public record PortPlan(
        String port,
        String contractId,
        String contractVersion,
        String server,
        String serverType,
        String address,
        PortState observed,
        List<Change> changes,
        String usage) {
    public PortPlan {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(serverType, "serverType");
        Objects.requireNonNull(observed, "observed");
        changes = List.copyOf(changes);
    }

    /** A port plan without its usage. */
    public PortPlan(
            String port,
            String contractId,
            String contractVersion,
            String server,
            String serverType,
            String address,
            PortState observed,
            List<Change> changes) {
        this(port, contractId, contractVersion, server, serverType, address, observed, changes, null);
    }

    /** This plan with {@code usage} as its usage line. */
    public PortPlan withUsage(String usage) {
        return new PortPlan(port, contractId, contractVersion, server, serverType, address, observed, changes, usage);
    }

    /** Whether applying changes anything: every change but a {@link Change.KeepTable} does. */
    public boolean hasChanges() {
        return changes.stream().anyMatch(c -> !(c instanceof Change.KeepTable));
    }

    public List<Change.Refused> refusals() {
        return changes.stream()
                .filter(c -> c instanceof Change.Refused)
                .map(c -> (Change.Refused) c)
                .toList();
    }
}
