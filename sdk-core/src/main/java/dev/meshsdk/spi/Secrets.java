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

    /**
     * The environment variable that holds a part ({@code USERNAME}, {@code PASSWORD}) of credential {@code id}:
     * {@code MESH_<ID>_<PART>}, the id upper-cased with every character other than a letter or digit replaced by
     * {@code _}. The one naming rule, for readers of the environment and for messages that name the variable.
     */
    static String environmentVariable(String id, String part) {
        return "MESH_" + id.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_" + part;
    }

    /** A user name and a secret; {@link #toString()} never shows the secret. */
    record Credential(String username, String secret) {
        @Override
        public String toString() {
            return "Credential[username=" + username + ", secret=****]";
        }
    }
}
