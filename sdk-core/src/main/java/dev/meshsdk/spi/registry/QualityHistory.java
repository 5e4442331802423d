package dev.meshsdk.spi.registry;

import java.util.List;

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
}
