package dev.meshsdk.internal.usage;

import dev.meshsdk.MeshException;
import dev.meshsdk.ProductSource;
import dev.meshsdk.UsageReport.ConsumerReads;
import dev.meshsdk.UsageReport.ConsumerStatus;
import dev.meshsdk.internal.descriptor.Suggestions;
import dev.meshsdk.internal.engine.Bindings;
import dev.meshsdk.model.CustomProperty;
import dev.meshsdk.model.InputPort;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.DeployedEntry;
import dev.meshsdk.spi.registry.UsageSummary;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Whether each consumer still reads the ports it consumes: the one place that decides who a consumer reads as, and
 * when it has stopped.
 *
 * <p>A consumer reads a producer's port as the principals of its grants there: the read roles of the port's contract
 * named after the consuming product's id or its team's name (case and {@code -} / {@code _} aside: team {@code
 * finance-analytics} reads as role {@code finance_analytics}), and the principals its input port lists in the custom
 * property {@value #READERS} (a list, or names separated by commas); a read role is one the storage adapters grant
 * reading by ({@link Bindings#access}). It has stopped reading when collections observed
 * the port in the last {@code days} days and none of those principals read it in them; with no principal known, or
 * no observation of the port in those days, nobody can tell. Nor can anybody tell while a consumer has not read
 * since its input port was first deployed (within the history read): it has not started, which is not stopping.
 */
final class ConsumerReading {
    /** The input port's custom property naming the principals a consumer reads with. */
    static final String READERS = "readers";

    private final Function<String, ProductSource> deployed;
    private final Map<String, List<DeployedEntry>> deployments;
    private final Map<String, ProductSource> sources = new HashMap<>();
    private final List<String> notes = new ArrayList<>();

    /**
     * {@code deployed} reads a product as deployed (its descriptors from the registry); a failure is "unknown".
     * {@code deployments} are the products' successful deployments with their catalog entries, oldest first, by
     * product id ({@link dev.meshsdk.spi.registry.DeploymentHistory#deployedEntries}): when a consumer's input port
     * was first deployed.
     */
    ConsumerReading(Function<String, ProductSource> deployed, Map<String, List<DeployedEntry>> deployments) {
        this.deployed = deployed;
        this.deployments = deployments;
    }

    /** The warnings of the last {@link #of}: {@value #READERS} entries that name a principal nobody knows. */
    List<String> notes() {
        return List.copyOf(notes);
    }

    /**
     * The consumers of every port of {@code entries}, by producer, port and consumer.
     *
     * @param summaries the ports' usage by product id, then port, with the window of {@code window} days
     * @param history   the longest window of {@code summaries}: the days their last reads are taken over
     */
    List<ConsumerReads> of(
            Collection<CatalogEntry> entries,
            Map<String, Map<String, UsageSummary>> summaries,
            LocalDate today,
            int window,
            int history) {
        notes.clear();
        Map<String, CatalogEntry> byId = new HashMap<>();
        entries.forEach(e -> byId.put(e.productId(), e));
        LocalDate since = today.minusDays(window - 1L);
        LocalDate kept = today.minusDays(history - 1L);
        Set<String> collected = new TreeSet<>();
        summaries.values().forEach(ports -> ports.values()
                .forEach(u -> collected.addAll(u.lastReadDays().keySet())));
        Set<String> warned = new TreeSet<>();
        List<ConsumerReads> out = new ArrayList<>();
        for (CatalogEntry consumer : entries) {
            for (CatalogEntry.Input in : consumer.inputPorts()) {
                CatalogEntry producer = in.producer() == null ? null : byId.get(in.producer());
                if (producer == null || in.producerPort() == null) continue;
                List<String> roles = readRoles(in, producer);
                List<String> listed = listed(consumer, in);
                for (String r : listed) {
                    if (!collected.contains(r)
                            && !roles.contains(r)
                            && warned.add(consumer.productId() + "/" + in.name() + "/" + r)) {
                        Set<String> known = new TreeSet<>(collected);
                        known.addAll(roles);
                        notes.add(unknownReader(consumer, in, r, known));
                    }
                }
                List<String> principals = principals(consumer, roles, listed);
                UsageSummary summary =
                        summaries.getOrDefault(producer.productId(), Map.of()).get(in.producerPort());
                LocalDate last = null;
                int observed = 0;
                if (summary != null) {
                    for (String p : principals) {
                        LocalDate day = summary.lastReadDays().get(p);
                        if (day != null && (last == null || day.isAfter(last))) last = day;
                    }
                    observed = summary.window(window).observedDays();
                }
                ConsumerStatus status;
                String reason = null;
                LocalDate deployedOn = firstDeployed(consumer.productId(), in);
                if (principals.isEmpty()) {
                    status = ConsumerStatus.CANNOT_TELL;
                    reason = "no principal it reads with is known; grant it a read role named '" + consumer.productId()
                            + "'" + (team(consumer) == null ? "" : " or '" + team(consumer) + "'")
                            + " in the port's contract" + near(consumer, roles)
                            + ", or list its principals in the input port's custom property '" + READERS + "'";
                } else if (last != null && !last.isBefore(since)) {
                    status = ConsumerStatus.READING;
                } else if (observed == 0) {
                    status = ConsumerStatus.CANNOT_TELL;
                    reason = "no usage collected on the port in the last " + window + " days";
                } else if (last == null && deployedOn != null && !deployedOn.isBefore(kept)) {
                    status = ConsumerStatus.CANNOT_TELL;
                    reason = "deployed on " + deployedOn + ", has not read yet";
                } else {
                    status = ConsumerStatus.STOPPED;
                }
                out.add(new ConsumerReads(
                        producer.productId(),
                        in.producerPort(),
                        consumer.productId(),
                        in.name(),
                        principals,
                        status,
                        last,
                        observed,
                        reason));
            }
        }
        out.sort(java.util.Comparator.comparing(ConsumerReads::producer)
                .thenComparing(ConsumerReads::port)
                .thenComparing(ConsumerReads::consumer)
                .thenComparing(c -> String.valueOf(c.inputPort())));
        return out;
    }

    /**
     * The principals a consumer reads as: the read roles named after its product id or team, and those its input
     * port lists in {@value #READERS}.
     */
    private static List<String> principals(CatalogEntry consumer, List<String> roles, List<String> listed) {
        Set<String> names = new TreeSet<>();
        names.add(key(consumer.productId()));
        if (team(consumer) != null) names.add(key(team(consumer)));
        Set<String> found = new TreeSet<>(listed);
        roles.stream().filter(r -> names.contains(key(r))).forEach(found::add);
        return List.copyOf(found);
    }

    /**
     * Who each principal of a consumer is, per producer's port ({@code product/port}): {@code product 'churn', team
     * customer-insights}, as {@link #of} tells consumers apart; a principal of several consumers names them all. Of
     * the ports of {@code producers} only.
     */
    Map<String, Map<String, String>> readerProducts(Collection<CatalogEntry> entries, Collection<String> producers) {
        Map<String, CatalogEntry> byId = new HashMap<>();
        entries.forEach(e -> byId.put(e.productId(), e));
        Map<String, Map<String, String>> out = new HashMap<>();
        for (CatalogEntry consumer : entries) {
            for (CatalogEntry.Input in : consumer.inputPorts()) {
                if (in.producer() == null || !producers.contains(in.producer())) continue; // only those asked about
                CatalogEntry producer = byId.get(in.producer());
                if (producer == null || in.producerPort() == null) continue;
                String label = "product '" + consumer.productId() + "'"
                        + (team(consumer) == null ? "" : ", team " + team(consumer));
                for (String p : principals(consumer, readRoles(in, producer), listed(consumer, in))) {
                    out.computeIfAbsent(producer.productId() + "/" + in.producerPort(), k -> new TreeMap<>())
                            .merge(p, label, (a, b) -> a.equals(b) ? a : a + "; " + b);
                }
            }
        }
        return out;
    }

    /** The principals the port's contract (of the consumed major version) grants reading to. */
    private List<String> readRoles(CatalogEntry.Input in, CatalogEntry producer) {
        Set<String> out = new TreeSet<>();
        ProductSource produced = source(producer.productId());
        if (produced != null) {
            producer.outputPorts().stream()
                    .filter(p -> p.name().equals(in.producerPort()) && p.majorVersion() == in.majorVersion())
                    .forEach(p -> produced.contracts().stream()
                            .filter(c -> c.contract().id().equals(p.contractId())
                                    && (p.contractVersion() == null
                                            || p.contractVersion()
                                                    .equals(c.contract().version())))
                            .flatMap(c -> Bindings.access(c.contract()).stream())
                            .forEach(g -> out.add(g.principal())));
        }
        return List.copyOf(out);
    }

    /** The principals the consumer's input port lists in {@value #READERS}. */
    private List<String> listed(CatalogEntry consumer, CatalogEntry.Input in) {
        ProductSource consuming = source(consumer.productId());
        if (consuming == null) return List.of();
        List<String> out = new ArrayList<>();
        consuming.product().inputPorts().stream()
                .filter(p -> p.name().equals(in.name()))
                .forEach(p -> out.addAll(declared(p)));
        return out;
    }

    /** A name as a role matches it: lower case, {@code _} as {@code -} ({@code Finance_Analytics}). */
    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** {@code (perhaps you meant 'x', a read role of the port)} when a read role is near the product id or team. */
    private static String near(CatalogEntry consumer, List<String> roles) {
        String best = Suggestions.closest(consumer.productId(), roles);
        if (best == null && team(consumer) != null) best = Suggestions.closest(team(consumer), roles);
        return best == null ? "" : " (perhaps you meant '" + best + "', a read role of the port)";
    }

    private static String unknownReader(
            CatalogEntry consumer, CatalogEntry.Input in, String reader, Set<String> known) {
        String best = Suggestions.closest(reader, known);
        return "Input port '" + in.name() + "' of product '" + consumer.productId() + "' lists reader '" + reader
                + "' in its custom property '" + READERS + "', but no collected read and no read role of "
                + in.producer() + "/" + in.producerPort() + " knows it"
                + (best == null ? "" : "; perhaps you meant '" + best + "'")
                + "; known: " + Suggestions.nearestFirst(reader, known);
    }

    /**
     * The day (UTC) of the first successful deployment of {@code productId} whose entry has {@code in} resolved to
     * the same producer's port and major version; null when the registry keeps no such entry.
     */
    private LocalDate firstDeployed(String productId, CatalogEntry.Input in) {
        for (DeployedEntry d : deployments.getOrDefault(productId, List.of())) {
            boolean has = d.entry().inputPorts().stream()
                    .anyMatch(i -> i.name().equals(in.name())
                            && in.producer().equals(i.producer())
                            && in.producerPort().equals(i.producerPort())
                            && i.majorVersion() == in.majorVersion());
            if (has) return LocalDate.ofInstant(d.record().deployedAt(), java.time.ZoneOffset.UTC);
        }
        return null;
    }

    private static List<String> declared(InputPort port) {
        List<String> out = new ArrayList<>();
        for (CustomProperty p : port.customProperties()) {
            if (!READERS.equals(p.property()) || p.value() == null) continue;
            if (p.value() instanceof Collection<?> c) {
                c.forEach(v -> out.add(String.valueOf(v).strip()));
            } else {
                for (String v : String.valueOf(p.value()).split(",")) out.add(v.strip());
            }
        }
        out.removeIf(String::isEmpty);
        return out;
    }

    private ProductSource source(String productId) {
        return sources.computeIfAbsent(productId, id -> {
            try {
                return deployed.apply(id);
            } catch (MeshException e) {
                return null; // descriptors the registry cannot give back: nothing is known of its grants
            }
        });
    }

    private static String team(CatalogEntry e) {
        return e.owner() == null ? null : e.owner().team();
    }
}
