package dev.meshsdk.maven;

import dev.meshsdk.spi.Secrets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;

/**
 * Credentials from Maven {@code settings.xml} {@code <servers>} (matched by {@code <id>}), then from the
 * environment variables {@code MESH_<ID>_USERNAME} and {@code MESH_<ID>_PASSWORD}, where {@code <ID>} is the
 * id upper-cased with every character other than a letter or digit replaced by {@code _}. Encrypted
 * settings passwords are not decrypted. Nothing here logs a secret.
 */
final class SettingsSecrets implements Secrets {
    private final Settings settings;
    private final Map<String, String> environment;

    SettingsSecrets(Settings settings, Map<String, String> environment) {
        this.settings = settings;
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Optional<Credential> credential(String id) {
        if (id == null || id.isBlank()) return Optional.empty();
        Server server = settings == null ? null : settings.getServer(id);
        if (server != null && (server.getUsername() != null || server.getPassword() != null)) {
            return Optional.of(new Credential(server.getUsername(), server.getPassword()));
        }
        String prefix = "MESH_" + environmentName(id) + "_";
        String username = environment.get(prefix + "USERNAME");
        String password = environment.get(prefix + "PASSWORD");
        if (username == null && password == null) return Optional.empty();
        return Optional.of(new Credential(username, password));
    }

    static String environmentName(String id) {
        return id.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
