package dev.meshsdk.internal.usage;

import dev.meshsdk.MeshException;
import dev.meshsdk.ProductSource;
import dev.meshsdk.UsageReport.ConsumerReads;
import dev.meshsdk.UsageReport.ConsumerStatus;
import dev.meshsdk.internal.engine.Bindings;
import dev.meshsdk.model.CustomProperty;
import dev.meshsdk.model.InputPort;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.UsageSummary;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Whether each consumer still reads the ports it consumes: the one place that decides who a consumer reads as, and
 * when it has stopped.
 *
 * <p>A consumer reads a producer's port as the principals of its grants there: the read roles of the port's contract
 * named after the consuming product's id or its team's name, and the principals its input port lists in the custom
 * property {@value #READERS} (a list, or names separated by commas); a read role is one the storage adapters grant
 * reading by ({@link Bindings#access}). It has stopped reading when collections observed
 * the port in the last {@code days} days and none of those principals read it in them; with no principal known, or
 * no observation of the port in those days, nobody can tell.
 */
final class ConsumerReading {
    /** The input port's custom property naming the principals a consumer reads with. */
    static final String READERS = "readers";

    private final Function<String, ProductSource> deployed;
    private final Map<String, ProductSource> sources = new HashMap<>();

    /** {@code deployed} reads a product as deployed (its descriptors from the registry); a failure is "unknown". */
    ConsumerReading(Function<String, ProductSource> deployed) {
        this.deployed = deployed;
    }

    /**
     * The consumers of every port of {@code entries}, by producer, port and consumer.
     *
     * @param summaries the ports' usage by product id, then port, with the window of {@code window} days
     */
    List<ConsumerReads> of(
            Collection<CatalogEntry> entries,
            Map<String, Map<String, UsageSummary>> summaries,
            LocalDate today,
            int window) {
        Map<String, CatalogEntry> byId = new HashMap<>();
        entries.forEach(e -> byId.put(e.productId(), e));
        LocalDate since = today.minusDays(window - 1L);
        List<ConsumerReads> out = new ArrayList<>();
        for (CatalogEntry consumer : entries) {
            for (CatalogEntry.Input in : consumer.inputPorts()) {
                CatalogEntry producer = in.producer() == null ? null : byId.get(in.producer());
                if (producer == null || in.producerPort() == null) continue;
                List<String> principals = List.copyOf(principals(consumer, in, producer));
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
                if (principals.isEmpty()) {
                    status = ConsumerStatus.CANNOT_TELL;
                    reason = "no principal it reads with is known; grant it a read role named '" + consumer.productId()
                            + "'" + (team(consumer) == null ? "" : " or '" + team(consumer) + "'")
                            + " in the port's contract, or list its principals in the input port's custom property '"
                            + READERS + "'";
                } else if (last != null && !last.isBefore(since)) {
                    status = ConsumerStatus.READING;
                } else if (observed == 0) {
                    status = ConsumerStatus.CANNOT_TELL;
                    reason = "no usage collected on the port in the last " + window + " days";
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

    private Set<String> principals(CatalogEntry consumer, CatalogEntry.Input in, CatalogEntry producer) {
        Set<String> names = new TreeSet<>();
        names.add(consumer.productId());
        if (team(consumer) != null) names.add(team(consumer));
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
                            .filter(g -> names.contains(g.principal()))
                            .forEach(g -> out.add(g.principal())));
        }
        ProductSource consuming = source(consumer.productId());
        if (consuming != null) {
            consuming.product().inputPorts().stream()
                    .filter(p -> p.name().equals(in.name()))
                    .forEach(p -> out.addAll(declared(p)));
        }
        return out;
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
