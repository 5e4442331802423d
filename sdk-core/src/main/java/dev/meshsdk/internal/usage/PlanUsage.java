package dev.meshsdk.internal.usage;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
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
 * under each changed port and what policies see as {@code plan.ports[].usage}. A registry that keeps no usage
 * history makes every port {@link PortReads#notCollected()}.
 */
public final class PlanUsage {
    private final Map<String, List<UsageDay>> days;
    private final LocalDate today;

    private PlanUsage(Map<String, List<UsageDay>> days, LocalDate today) {
        this.days = days;
        this.today = today;
    }

    /** The last 90 days of usage of {@code productIds} as of {@code today} (UTC). */
    public static PlanUsage read(Registry registry, String environment, Collection<String> productIds,
                                 LocalDate today) {
        try {
            return new PlanUsage(registry.usage().days(environment, productIds, today.minusDays(89), today), today);
        } catch (MeshException e) {
            if (e.code() != ErrorCode.UNSUPPORTED) throw e;
            return new PlanUsage(Map.of(), today);
        }
    }

    /** The use of one port of one product. */
    public PortReads port(String productId, String port) {
        return PortReads.of(days.getOrDefault(productId, List.of()).stream().filter(d -> d.port().equals(port))
                .toList(), today);
    }

    /**
     * {@code plan} with the usage line ({@link dev.meshsdk.plan.PortPlan#usage()}) of each port that exists; a port
     * about to be created has no readers to tell of.
     */
    public DeploymentPlan annotate(DeploymentPlan plan) {
        List<ProductPlan> products = new ArrayList<>();
        for (ProductPlan p : plan.products()) {
            products.add(new ProductPlan(p.productId(), p.name(), p.version(), p.checksum(), p.deployedChecksum(),
                    p.consumes(), p.ports().stream().map(x -> x.observed().exists()
                    ? x.withUsage(port(p.productId(), x.port()).line()) : x).toList()));
        }
        return new DeploymentPlan(plan.formatVersion(), plan.environment(), plan.createdAt(), products);
    }
}
