package dev.meshsdk.maven;

import dev.meshsdk.spi.Secrets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;

/**
 * Credentials from Maven {@code settings.xml} {@code <servers>} (matched by {@code <id>}), then from the
 * environment variables {@code MESH_<ID>_USERNAME} and {@code MESH_<ID>_PASSWORD} ({@link EnvironmentSecrets}).
 * Encrypted settings passwords are not decrypted. Nothing here logs a secret.
 */
final class SettingsSecrets implements Secrets {
    private final Settings settings;
    private final EnvironmentSecrets environment;

    SettingsSecrets(Settings settings, Map<String, String> environment) {
        this.settings = settings;
        this.environment = new EnvironmentSecrets(environment);
    }

    @Override
    public Optional<Credential> credential(String id) {
        if (id == null || id.isBlank()) return Optional.empty();
        Server server = settings == null ? null : settings.getServer(id);
        if (hasCredential(server)) return Optional.of(new Credential(server.getUsername(), server.getPassword()));
        return environment.credential(id);
    }

    /**
     * The environment variables that give a forked JVM's {@link EnvironmentSecrets} the same answers as this:
     * per {@code settings.xml} server with a credential, its user name and password; a value the server does
     * not have maps to {@code null}, which removes a variable inherited from this JVM (the server wins as a
     * whole, as it does here). Where two ids share a variable name ({@code a-b}, {@code a.b}) the first
     * server in {@code settings.xml} wins, as {@link Settings#getServer} does for a repeated id.
     */
    static Map<String, String> forkEnvironment(Settings settings) {
        Map<String, String> out = new HashMap<>();
        if (settings == null) return out;
        Set<String> seen = new HashSet<>();
        for (Server server : settings.getServers()) {
            if (server.getId() == null || server.getId().isBlank()) continue;
            if (!seen.add(EnvironmentSecrets.usernameVariable(server.getId())) || !hasCredential(server)) continue;
            out.put(EnvironmentSecrets.usernameVariable(server.getId()), server.getUsername());
            out.put(EnvironmentSecrets.passwordVariable(server.getId()), server.getPassword());
        }
        return out;
    }

    private static boolean hasCredential(Server server) {
        return server != null && (server.getUsername() != null || server.getPassword() != null);
    }
}
