package dev.meshsdk.plan;

import java.util.Objects;

/**
 * An input port of a product that reads another contract major version of its producer's port than the registry's
 * catalog records for it: what lets the older version be retired. Not a change to any store, so not counted among
 * a plan's changes; deploying the product records the new version in the catalog.
 *
 * @param inputPort the consumer's input port
 */
public record InputMove(
        String inputPort, String producer, String producerPort, int fromMajorVersion, int toMajorVersion) {
    public InputMove {
        Objects.requireNonNull(inputPort, "inputPort");
        Objects.requireNonNull(producer, "producer");
        Objects.requireNonNull(producerPort, "producerPort");
    }

    /** {@code input port orders: reads 'orders'/'orders' v1 -> v2}. */
    public String summary() {
        return "input port " + inputPort + ": reads '" + producer + "'/'" + producerPort + "' v" + fromMajorVersion
                + " -> v" + toMajorVersion;
    }
}
