package dev.meshsdk.spi;

import java.util.Objects;

/**
 * A principal that should have access to a port, from the contract's {@code roles} (and the policy
 * decision). {@code privilege} is {@code read} or {@code write}.
 */
public record AccessGrant(String principal, String privilege) {
    public AccessGrant {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(privilege, "privilege");
    }
}
