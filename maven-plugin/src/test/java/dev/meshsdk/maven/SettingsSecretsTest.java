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
        SettingsSecrets secrets = new SettingsSecrets(settings,
                Map.of("MESH_WAREHOUSE_PROD_USERNAME", "other", "MESH_WAREHOUSE_PROD_PASSWORD", "other"));

        assertThat(secrets.credential("warehouse-prod")).contains(new Credential("loader", "s3cr3t"));
    }

    @Test
    void fallsBackToEnvironmentVariablesNamedAfterTheId() {
        SettingsSecrets secrets = new SettingsSecrets(new Settings(),
                Map.of("MESH_WAREHOUSE_PROD_USERNAME", "loader", "MESH_WAREHOUSE_PROD_PASSWORD", "s3cr3t"));

        assertThat(secrets.credential("warehouse.prod")).contains(new Credential("loader", "s3cr3t"));
        assertThat(secrets.credential("elsewhere")).isEmpty();
        assertThat(secrets.credential("")).isEmpty();
    }

    @Test
    void neverShowsTheSecret() {
        SettingsSecrets secrets = new SettingsSecrets(null, Map.of("MESH_DB_PASSWORD", "s3cr3t"));

        assertThat(secrets.credential("db")).hasValueSatisfying(c -> assertThat(c.toString()).doesNotContain("s3cr3t"));
    }
}
