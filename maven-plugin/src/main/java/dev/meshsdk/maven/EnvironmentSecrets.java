package dev.meshsdk.maven;

import dev.meshsdk.spi.Secrets;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials from the environment variables {@code MESH_<ID>_USERNAME} and {@code MESH_<ID>_PASSWORD}, where
 * {@code <ID>} is the id upper-cased with every character other than a letter or digit replaced by {@code _}.
 * What a forked goal reads its secrets from: the parent puts the {@code settings.xml} credentials there, so
 * they never touch the command line or a file. Nothing here logs a secret.
 */
final class EnvironmentSecrets implements Secrets {
    private final Map<String, String> environment;

    EnvironmentSecrets(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Optional<Credential> credential(String id) {
        if (id == null || id.isBlank()) return Optional.empty();
        String username = environment.get(usernameVariable(id));
        String password = environment.get(passwordVariable(id));
        if (username == null && password == null) return Optional.empty();
        return Optional.of(new Credential(username, password));
    }

    static String usernameVariable(String id) {
        return Secrets.environmentVariable(id, "USERNAME");
    }

    static String passwordVariable(String id) {
        return Secrets.environmentVariable(id, "PASSWORD");
    }
}
