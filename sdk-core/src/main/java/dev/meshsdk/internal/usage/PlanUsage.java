package dev.meshsdk.internal.usage;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.plan.Change;
import dev.meshsdk.plan.DeploymentPlan;
import dev.meshsdk.plan.ProductPlan;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.Registry;
import dev.meshsdk.spi.registry.UsageDay;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The use of the ports a plan touches, read once from the registry's usage history: what {@code mesh:plan} prints
 * under each changed port (with the use of each column it drops, where reads told their columns) and what policies
 * see as {@code plan.ports[].usage}. A registry that keeps no usage
 * history, or an environment where usage was never collected, makes every port {@link PortReads#notCollected()}, and
 * the plan then prints no usage lines: they would all say the same nothing. A port's usage counts the reads of all
 * its live major versions (a port's day rows do not tell them apart), so a new major version's readers so far are
 * those of the versions it supersedes ({@link #supersedes}).
 */
public final class PlanUsage {
    private final Map<String, List<UsageDay>> days;
    private final Map<String, CatalogEntry> deployed;
    private final LocalDate today;
    private final boolean collected;

    /** By producer's port ({@code product/port}), the consumer product each reader reads for. */
    private final Map<String, Map<String, String>> readerProducts;

    private PlanUsage(
            Map<String, List<UsageDay>> days,
            Map<String, CatalogEntry> deployed,
            LocalDate today,
            boolean collected,
            Map<String, Map<String, String>> readerProducts) {
        this.days = days;
        this.deployed = deployed;
        this.today = today;
        this.collected = collected;
        this.readerProducts = readerProducts;
    }

    /** The last 90 days of usage of {@code productIds} as of {@code today} (UTC), readers by login name only. */
    public static PlanUsage read(
            Registry registry, String environment, Collection<String> productIds, LocalDate today) {
        return read(registry, environment, productIds, today, null);
    }

    /**
     * As {@link #read(Registry, String, Collection, LocalDate)}, naming the consumer product (and team) next to each
     * reader that reads as one ({@link ConsumerReading}); {@code products} reads a product as deployed, null for none.
     */
    public static PlanUsage read(
            Registry registry,
            String environment,
            Collection<String> productIds,
            LocalDate today,
            java.util.function.Function<String, dev.meshsdk.ProductSource> products) {
        try {
            if (!registry.usage().collected(environment))
                return new PlanUsage(Map.of(), Map.of(), today, false, Map.of());
            Map<String, CatalogEntry> deployed = new HashMap<>();
            for (String id : productIds)
                registry.catalog().entry(id, environment).ifPresent(e -> deployed.put(id, e));
            Map<String, Map<String, String>> readerProducts = products == null
                    ? Map.of()
                    : new ConsumerReading(products, Map.of())
                            .readerProducts(registry.catalog().entries(environment), productIds);
            return new PlanUsage(
                    registry.usage().days(environment, productIds, today.minusDays(89), today),
                    deployed,
                    today,
                    true,
                    readerProducts);
        } catch (MeshException e) {
            if (e.code() != ErrorCode.UNSUPPORTED) throw e;
            return new PlanUsage(Map.of(), Map.of(), today, false, Map.of());
        }
    }

    /** The consumer product each reader of the port reads for ({@code product 'churn', team ...}), by reader. */
    public Map<String, String> readerProducts(String productId, String port) {
        return readerProducts.getOrDefault(productId + "/" + port, Map.of());
    }

    /**
     * The live major versions a new major version {@code contractVersion} of the port supersedes, lowest first:
     * those deployed below it. Empty when the version's major is deployed already, or nothing of the port is.
     */
    public List<Integer> supersedes(String productId, String port, String contractVersion) {
        CatalogEntry entry = deployed.get(productId);
        if (entry == null) return List.of();
        int major = PortBinding.majorOf(contractVersion);
        List<Integer> live = entry.outputPorts().stream()
                .filter(p -> p.name().equals(port) && p.live())
                .map(CatalogEntry.Port::majorVersion)
                .sorted()
                .toList();
        return live.contains(major)
                ? List.of()
                : live.stream().filter(m -> m < major).toList();
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
     * {@code plan} with the usage line ({@link dev.meshsdk.plan.PortPlan#usage()}) of each port that exists, and of
     * each new major version of a deployed port: the readers of the versions it supersedes ({@code v1: 3 readers in
     * the last 30 days: a, b, c; they keep reading v1 until they move}); a port about to be created for the first
     * time has no readers to tell of. Unchanged when usage was never collected in the environment.
     */
    public DeploymentPlan annotate(DeploymentPlan plan) {
        if (!collected) return plan;
        List<ProductPlan> products = new ArrayList<>();
        for (ProductPlan p : plan.products()) {
            products.add(p.withPorts(
                    p.ports().stream().map(x -> annotate(p.productId(), x)).toList()));
        }
        return new DeploymentPlan(plan.formatVersion(), plan.environment(), plan.createdAt(), products);
    }

    private dev.meshsdk.plan.PortPlan annotate(String productId, dev.meshsdk.plan.PortPlan x) {
        PortReads reads = port(productId, x.port());
        Map<String, String> products = readerProducts(productId, x.port());
        if (x.observed().exists()) return x.withUsage(line(reads, x, products));
        List<Integer> superseded = supersedes(productId, x.port(), x.contractVersion());
        if (superseded.isEmpty()) return x;
        String versions = superseded.stream().map(m -> "v" + m).collect(java.util.stream.Collectors.joining(", "));
        return x.withUsage(versions + ": " + reads.line(products)
                + (reads.last30().reads() > 0 ? "; they keep reading " + versions + " until they move" : ""));
    }

    /**
     * The port's line, and for each column the port's changes drop whose use is known while the port was read, that
     * column's: {@code ...; column 'coupon': no reads recorded in the last 30 days}.
     */
    private static String line(PortReads reads, dev.meshsdk.plan.PortPlan port, Map<String, String> products) {
        StringBuilder b = new StringBuilder(reads.line(products));
        if (reads.last90().reads() == 0) return b.toString();
        for (Change c : port.changes()) {
            String column = c instanceof Change.Refused r
                    ? r.droppedColumn()
                    : c instanceof Change.DropColumn d ? d.column() : null;
            if (column != null)
                reads.column(column).ifPresent(u -> b.append("; column '")
                        .append(column)
                        .append("': ")
                        .append(u.line(products)));
        }
        return b.toString();
    }
}
