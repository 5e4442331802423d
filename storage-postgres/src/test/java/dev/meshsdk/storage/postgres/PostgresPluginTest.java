package dev.meshsdk.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.spi.MeshPlugin;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class PostgresPluginTest {

    @Test
    void isFoundByTheServiceLoaderWithItsAdapterRegistryAndQualityEngine() {
        MeshPlugin plugin = ServiceLoader.load(MeshPlugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p instanceof PostgresPlugin)
                .findFirst()
                .orElseThrow();

        assertThat(plugin.storageAdapters()).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("postgres");
            assertThat(f.serverTypes()).containsExactlyInAnyOrder("postgres", "postgresql");
        });
        assertThat(plugin.registries()).singleElement().satisfies(f -> assertThat(f.name())
                .isEqualTo("postgres"));
        assertThat(plugin.qualityEngines()).singleElement().satisfies(f -> assertThat(f.name())
                .isEqualTo("postgres"));
    }
}
