package dev.meshsdk.spi.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry's part that keeps the quality results of each output port: every check and publish
 * records one {@link QualityRecord}; the catalog shows the latest and a history. May run concurrently.
 */
public interface QualityHistory {

    /** Appends a record. Records of one port are kept in the order of their {@code checkedAt}. */
    void record(QualityRecord record);

    /**
     * The latest {@code limit} records of one output port of a product in an environment, newest first;
     * {@code port} null means every port of the product.
     */
    List<QualityRecord> latest(String productId, String port, String environment, int limit);

    /**
     * The latest {@code perPort} records of every port of each of {@code productIds} in an environment, in one
     * call: what a view of the whole environment (the catalog site, a lineage export) reads. By product id;
     * each product's records grouped by port, ports sorted by name, newest first within a port, so that the
     * records of one port are exactly what {@link #latest(String, String, String, int) latest(productId, port,
     * environment, perPort)} returns. A product without records is absent. May run concurrently; fails as
     * {@code latest} of one product does.
     *
     * <p>The default reads every record of each product through {@link #latest(String, String, String, int)};
     * a registry should answer with one read of its store instead.
     */
    default Map<String, List<QualityRecord>> latest(String environment, Collection<String> productIds, int perPort) {
        Map<String, List<QualityRecord>> out = new LinkedHashMap<>();
        if (perPort <= 0) return out;
        for (String productId : productIds) {
            List<QualityRecord> records = new ArrayList<>();
            latest(productId, null, environment, Integer.MAX_VALUE).stream()
                    .map(QualityRecord::port)
                    .distinct()
                    .sorted()
                    .forEach(port -> records.addAll(latest(productId, port, environment, perPort)));
            if (!records.isEmpty()) out.put(productId, List.copyOf(records));
        }
        return out;
    }
}
