package dev.meshsdk.internal.usage;

import dev.meshsdk.UsageReport;
import dev.meshsdk.UsageReport.PortUsage;
import dev.meshsdk.UsageReport.ReaderReads;
import dev.meshsdk.UsageReport.Unused;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.UsageHistory;
import dev.meshsdk.spi.registry.UsageSummary;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads the usage history of every product of the catalog once and rolls it up into a {@link UsageReport}. */
public final class UsageReporting {
    private static final int TOP_READERS = 5;

    private UsageReporting() {}

    /**
     * The report as of {@code today}; {@code deployed} reads a product as deployed, for the grants that tell a
     * consumer's reads ({@link ConsumerReading}); {@code deployments} the products' successful deployments with
     * their entries, by product id, for when a consumer's input port and a port were first deployed (a port first
     * deployed within {@code unusedDays} and not read since is new, not unused). With {@code productIds} (not empty), the report holds only their
     * ports, unused ports and unobserved ports, and the consumers where one of them is the producer or the consumer;
     * whether a port is unused or its whole product is, and whether a consumer reads, is told as in the whole report.
     *
     * @throws dev.meshsdk.MeshException {@code NOT_FOUND} when one of {@code productIds} is not deployed
     */
    public static UsageReport report(
            String environment,
            List<CatalogEntry> entries,
            UsageHistory history,
            LocalDate today,
            int unusedDays,
            java.util.function.Function<String, dev.meshsdk.ProductSource> deployed,
            Map<String, List<dev.meshsdk.spi.registry.DeployedEntry>> deployments,
            List<String> productIds) {
        if (unusedDays < 1) {
            throw new IllegalArgumentException("Cannot report unused ports over " + unusedDays
                    + " day(s): use at least 1 (mesh.usage.unusedDays)");
        }
        Set<String> selected = new TreeSet<>();
        dev.meshsdk.internal.engine.DeployedProducts.select(entries, environment, productIds, "report the usage of")
                .forEach(e -> selected.add(e.productId()));
        Set<Integer> windows = new TreeSet<>(List.of(7, 30, 90, unusedDays));
        Map<String, Map<String, UsageSummary>> all = history.summaries(
                environment, entries.stream().map(CatalogEntry::productId).toList(), today, windows);
        List<PortUsage> ports = new ArrayList<>();
        List<Unused> unused = new ArrayList<>();
        List<String> unobserved = new ArrayList<>();
        for (CatalogEntry e : entries) {
            if (!selected.contains(e.productId())) continue;
            String team = e.owner() == null ? null : e.owner().team();
            List<String> owners = e.owner() == null
                    ? List.of()
                    : e.owner().members().stream()
                            .map(CatalogEntry.Member::username)
                            .filter(java.util.Objects::nonNull)
                            .toList();
            Map<String, UsageSummary> byPort = all.getOrDefault(e.productId(), Map.of());
            Set<String> livePorts = new LinkedHashSet<>();
            e.outputPorts().stream().filter(CatalogEntry.Port::live).forEach(p -> livePorts.add(p.name()));
            List<Unused> mine = new ArrayList<>();
            int observed = 0;
            for (String port : livePorts) {
                UsageSummary summary = byPort.get(port);
                if (summary == null) {
                    unobserved.add(e.productId() + "/" + port);
                    continue;
                }
                observed++;
                UsageSummary.Window inWindow = summary.window(unusedDays);
                LocalDate deployedOn = firstDeployed(deployments.getOrDefault(e.productId(), List.of()), port);
                // deployed within the window and not read since: new, which is not unused
                LocalDate newSince =
                        inWindow.reads() == 0 && deployedOn != null && deployedOn.isAfter(today.minusDays(unusedDays))
                                ? deployedOn
                                : null;
                PortUsage u = portUsage(team, owners, summary, newSince);
                ports.add(u);
                if (newSince == null && inWindow.observedDays() > 0 && inWindow.reads() == 0) {
                    mine.add(new Unused(
                            e.productId(),
                            port,
                            team,
                            owners,
                            u.bytes(),
                            u.lastRead(),
                            inWindow.observedDays(),
                            false));
                }
            }
            boolean whole = observed > 0 && mine.size() == observed;
            for (Unused x : mine) {
                unused.add(new Unused(
                        x.productId(),
                        x.port(),
                        x.team(),
                        x.owners(),
                        x.bytes(),
                        x.lastRead(),
                        x.observedDays(),
                        whole));
            }
        }
        unused.sort(Comparator.comparing(Unused::bytes, Comparator.nullsFirst(Comparator.<Long>naturalOrder()))
                .reversed()
                .thenComparing(Unused::productId)
                .thenComparing(Unused::port));
        ConsumerReading reading = new ConsumerReading(deployed, deployments);
        List<UsageReport.ConsumerReads> consumers =
                reading.of(entries, all, today, unusedDays, UsageSummary.longest(windows)).stream()
                        .filter(c -> selected.contains(c.producer()) || selected.contains(c.consumer()))
                        .toList();
        return new UsageReport(environment, today, unusedDays, ports, unused, unobserved, consumers, reading.notes());
    }

    /** The day (UTC) of the first deployment whose entry lists {@code port}; null when none is kept. */
    private static LocalDate firstDeployed(List<dev.meshsdk.spi.registry.DeployedEntry> deployments, String port) {
        for (dev.meshsdk.spi.registry.DeployedEntry d : deployments) {
            if (d.entry().outputPorts().stream().anyMatch(p -> p.name().equals(port)))
                return dev.meshsdk.spi.registry.UsageRollup.day(d.record().deployedAt());
        }
        return null;
    }

    private static PortUsage portUsage(String team, List<String> owners, UsageSummary s, LocalDate newSince) {
        UsageSummary.Window w90 = s.window(90);
        List<ReaderReads> top = w90.readers().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_READERS)
                .map(x -> new ReaderReads(x.getKey(), x.getValue()))
                .toList();
        return new PortUsage(
                s.productId(),
                s.port(),
                team,
                owners,
                s.window(7).reads(),
                s.window(30).reads(),
                w90.reads(),
                s.window(30).readers().size(),
                top,
                s.lastRead(),
                w90.observedDays(),
                s.bytes(),
                newSince);
    }
}
