package dev.meshsdk.spi;

import java.util.Objects;

/** Who owns a port: the product, its domain and its owning team, as adapters record them in stores. */
public record ProductRef(String id, String name, String version, String domain, String team) {
    public ProductRef {
        Objects.requireNonNull(id, "id");
    }
}
