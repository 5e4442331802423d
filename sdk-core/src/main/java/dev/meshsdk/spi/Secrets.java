package dev.meshsdk.spi;

import java.util.Optional;

/**
 * Looks up credentials by id (a server's {@code credentialsId} custom property, or the server name).
 * Implementations read Maven {@code settings.xml} servers or the environment. Called from any thread.
 */
@FunctionalInterface
public interface Secrets {
    Optional<Credential> credential(String id);

    static Secrets none() {
        return id -> Optional.empty();
    }

    /** A user name and a secret; {@link #toString()} never shows the secret. */
    record Credential(String username, String secret) {
        @Override
        public String toString() {
            return "Credential[username=" + username + ", secret=****]";
        }
    }
}
