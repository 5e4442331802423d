package dev.meshsdk.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.spi.Secrets.Credential;
import java.util.Map;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.junit.jupiter.api.Test;

class SettingsSecretsTest {

    @Test
    void readsSettingsServersFirst() {
        Settings settings = new Settings();
        Server server = new Server();
        server.setId("warehouse-prod");
        server.setUsername("loader");
        server.setPassword("s3cr3t");
        settings.addServer(server);
        SettingsSecrets secrets = new SettingsSecrets(
                settings, Map.of("MESH_WAREHOUSE_PROD_USERNAME", "other", "MESH_WAREHOUSE_PROD_PASSWORD", "other"));

        assertThat(secrets.credential("warehouse-prod")).contains(new Credential("loader", "s3cr3t"));
    }

    @Test
    void fallsBackToEnvironmentVariablesNamedAfterTheId() {
        SettingsSecrets secrets = new SettingsSecrets(
                new Settings(),
                Map.of("MESH_WAREHOUSE_PROD_USERNAME", "loader", "MESH_WAREHOUSE_PROD_PASSWORD", "s3cr3t"));

        assertThat(secrets.credential("warehouse.prod")).contains(new Credential("loader", "s3cr3t"));
        assertThat(secrets.credential("elsewhere")).isEmpty();
        assertThat(secrets.credential("")).isEmpty();
    }

    @Test
    void neverShowsTheSecret() {
        SettingsSecrets secrets = new SettingsSecrets(null, Map.of("MESH_DB_PASSWORD", "s3cr3t"));

        assertThat(secrets.credential("db"))
                .hasValueSatisfying(c -> assertThat(c.toString()).doesNotContain("s3cr3t"));
    }

    @Test
    void givesAForkedJvmTheSameAnswersThroughItsEnvironmentOnly() {
        Settings settings = new Settings();
        settings.addServer(server("warehouse-prod", "loader", "s3cr3t"));
        settings.addServer(server("warehouse.prod", "other", "other"));
        settings.addServer(server("token-only", null, "t0ken"));
        settings.addServer(server("no-credential", null, null));
        Map<String, String> inherited = Map.of("MESH_TOKEN_ONLY_USERNAME", "stale", "MESH_ELSEWHERE_PASSWORD", "env");
        SettingsSecrets here = new SettingsSecrets(settings, inherited);

        Map<String, String> fork = SettingsSecrets.forkEnvironment(settings);
        java.util.HashMap<String, String> child = new java.util.HashMap<>(inherited);
        fork.forEach((k, v) -> {
            if (v == null) child.remove(k);
            else child.put(k, v);
        });
        EnvironmentSecrets there = new EnvironmentSecrets(child);

        assertThat(fork)
                .containsOnlyKeys(
                        "MESH_WAREHOUSE_PROD_USERNAME",
                        "MESH_WAREHOUSE_PROD_PASSWORD",
                        "MESH_TOKEN_ONLY_USERNAME",
                        "MESH_TOKEN_ONLY_PASSWORD");
        for (String id : new String[] {"warehouse-prod", "token-only", "no-credential", "elsewhere"}) {
            assertThat(there.credential(id)).as(id).isEqualTo(here.credential(id));
        }
        assertThat(there.credential("token-only")).contains(new Credential(null, "t0ken"));
    }

    private static Server server(String id, String username, String password) {
        Server server = new Server();
        server.setId(id);
        server.setUsername(username);
        server.setPassword(password);
        return server;
    }
}
