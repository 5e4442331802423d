package dev.meshsdk.internal.usage;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.plan.Change;
import dev.meshsdk.plan.DeploymentPlan;
import dev.meshsdk.plan.ProductPlan;
import dev.meshsdk.spi.registry.Registry;
import dev.meshsdk.spi.registry.UsageDay;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The use of the ports a plan touches, read once from the registry's usage history: what {@code mesh:plan} prints
 * under each changed port (with the use of each column it drops, where reads told their columns) and what policies
 * see as {@code plan.ports[].usage}. A registry that keeps no usage
 * history, or an environment where usage was never collected, makes every port {@link PortReads#notCollected()}, and
 * the plan then prints no usage lines: they would all say the same nothing.
 */
public final class PlanUsage {
    private final Map<String, List<UsageDay>> days;
    private final LocalDate today;
    private final boolean collected;

    private PlanUsage(Map<String, List<UsageDay>> days, LocalDate today, boolean collected) {
        this.days = days;
        this.today = today;
        this.collected = collected;
    }

    /** The last 90 days of usage of {@code productIds} as of {@code today} (UTC). */
    public static PlanUsage read(
            Registry registry, String environment, Collection<String> productIds, LocalDate today) {
        try {
            if (!registry.usage().collected(environment)) return new PlanUsage(Map.of(), today, false);
            return new PlanUsage(
                    registry.usage().days(environment, productIds, today.minusDays(89), today), today, true);
        } catch (MeshException e) {
            if (e.code() != ErrorCode.UNSUPPORTED) throw e;
            return new PlanUsage(Map.of(), today, false);
        }
    }

    /** The use of one port of one product. */
    public PortReads port(String productId, String port) {
        return PortReads.of(
                days.getOrDefault(productId, List.of()).stream()
                        .filter(d -> d.port().equals(port))
                        .toList(),
                today);
    }

    /**
     * {@code plan} with the usage line ({@link dev.meshsdk.plan.PortPlan#usage()}) of each port that exists; a port
     * about to be created has no readers to tell of. Unchanged when usage was never collected in the environment.
     */
    public DeploymentPlan annotate(DeploymentPlan plan) {
        if (!collected) return plan;
        List<ProductPlan> products = new ArrayList<>();
        for (ProductPlan p : plan.products()) {
            products.add(new ProductPlan(
                    p.productId(),
                    p.name(),
                    p.version(),
                    p.checksum(),
                    p.deployedChecksum(),
                    p.consumes(),
                    p.ports().stream()
                            .map(x -> x.observed().exists() ? x.withUsage(line(port(p.productId(), x.port()), x)) : x)
                            .toList()));
        }
        return new DeploymentPlan(plan.formatVersion(), plan.environment(), plan.createdAt(), products);
    }

    /**
     * The port's line, and for each column the port's changes drop whose use is known while the port was read, that
     * column's: {@code ...; column 'coupon': no reads recorded in the last 30 days}.
     */
    private static String line(PortReads reads, dev.meshsdk.plan.PortPlan port) {
        StringBuilder b = new StringBuilder(reads.line());
        if (reads.last90().reads() == 0) return b.toString();
        for (Change c : port.changes()) {
            String column = c instanceof Change.Refused r
                    ? r.droppedColumn()
                    : c instanceof Change.DropColumn d ? d.column() : null;
            if (column != null)
                reads.column(column).ifPresent(u -> b.append("; column '")
                        .append(column)
                        .append("': ")
                        .append(u.line()));
        }
        return b.toString();
    }
}
