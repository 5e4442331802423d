package dev.meshsdk.spi.registry;

import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry's part that keeps how each output port is read: per environment, product, port and day (UTC),
 * the reads, the readers by name, the last read and the size; and per product the counters and watermarks of
 * the last collection, so that collecting twice counts nothing twice. May be used concurrently, from several
 * processes; failures throw {@link dev.meshsdk.MeshException} with {@code REGISTRY_FAILURE}.
 */
public interface UsageHistory {

    /**
     * Records one collection of one product atomically: reads the product's {@link UsageState}, applies
     * {@link UsageRollup#apply} and keeps the new state with the day rows added to, in one step that excludes
     * a concurrent record of the same product (a lock, a transaction). Called once per product and collection,
     * by {@link #record(List)} unless a registry records several at once.
     *
     * @return what the collection added
     */
    UsageRollup.Result record(UsageUpdate update);

    /**
     * Records one collection of several products, each as {@link #record(UsageUpdate)} does, in as few steps as
     * the registry can: a collection of the whole mesh records thousands of products, and a step per product
     * (a transaction, a file written) is most of its time. Called once per collection with every product it
     * observed; each product is still recorded atomically and excludes a concurrent record of it. The default
     * records each in turn.
     *
     * @return what the collection added to each product, in the order of {@code updates}
     */
    default List<UsageRollup.Result> record(List<UsageUpdate> updates) {
        return updates.stream().map(this::record).toList();
    }

    /** The day rows of one product (every port) from {@code from} to {@code to} inclusive, by port then day. */
    List<UsageDay> days(String environment, String productId, LocalDate from, LocalDate to);

    /**
     * The day rows of each of {@code productIds} in one call, by product id (a product without rows is absent):
     * what the mesh-wide reports read. The default asks per product; a registry should answer with one read.
     */
    default Map<String, List<UsageDay>> days(
            String environment, Collection<String> productIds, LocalDate from, LocalDate to) {
        Map<String, List<UsageDay>> out = new LinkedHashMap<>();
        for (String id : productIds) {
            List<UsageDay> days = days(environment, id, from, to);
            if (!days.isEmpty()) out.put(id, days);
        }
        return out;
    }

    /**
     * Whether any usage was ever recorded for {@code environment}: one cheap read, so that a plan in an environment
     * where nobody collects usage says nothing about it. The default answers true (a plan then tells each port's
     * use, or that none was collected); a registry should answer from what it holds.
     */
    default boolean collected(String environment) {
        return true;
    }

    /**
     * The summary of each port of each of {@code productIds} over {@code windows} (lengths in days) ending with
     * {@code today}, by product id then port (a port without a row in the longest window is absent): what the
     * mesh-wide reports read, hundreds of thousands of day rows summed. The default sums {@link #days(String,
     * Collection, LocalDate, LocalDate)} as {@link UsageSummary#of} does; a registry should sum where the rows are,
     * and must give the same answer.
     */
    default Map<String, Map<String, UsageSummary>> summaries(
            String environment, Collection<String> productIds, LocalDate today, java.util.Set<Integer> windows) {
        LocalDate from = today.minusDays(UsageSummary.longest(windows) - 1L);
        return UsageSummary.of(
                days(environment, productIds, from, today).values().stream()
                        .flatMap(List::stream)
                        .toList(),
                today,
                windows);
    }
}
