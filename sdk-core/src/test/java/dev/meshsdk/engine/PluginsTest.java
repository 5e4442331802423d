package dev.meshsdk.engine;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshsdk.Mesh;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.MeshPlugin;
import dev.meshsdk.spi.storage.StorageAdapterFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class PluginsTest {
    static MeshPlugin providing(StorageAdapterFactory... factories) {
        return new MeshPlugin() {
            @Override
            public List<StorageAdapterFactory> storageAdapters() {
                return List.of(factories);
            }
        };
    }

    @Test
    void twoAdaptersWithOneNameIsAClearError() {
        assertThatThrownBy(() -> Mesh.builder()
                        .plugins(List.of(providing(new InMemoryStorage()), providing(new InMemoryStorage())))
                        .build())
                .isInstanceOf(MeshException.class)
                .hasMessageContaining("Cannot load storage adapters: two are named 'memory'")
                .hasMessageContaining("remove one of the modules");
    }

    @Test
    void anUnknownRegistryListsWhatWasFound() {
        try (Mesh mesh = Mesh.builder()
                .plugins(List.of(providing(new InMemoryStorage())))
                .registry("nope")
                .build()) {
            assertThatThrownBy(mesh::registry)
                    .isInstanceOf(MeshException.class)
                    .hasMessageContaining("Cannot find registry 'nope': loaded ones are []");
        }
    }

    @Test
    void aMisspeltRegistrySuggestsTheSdksOwnEvenWhenItsModuleIsNotLoaded() {
        try (Mesh mesh = Mesh.builder()
                .plugins(List.of(providing(new InMemoryStorage())))
                .registry("postgress")
                .build()) {
            assertThatThrownBy(mesh::registry)
                    .isInstanceOf(MeshException.class)
                    .hasMessageContaining(
                            "Cannot find registry 'postgress'; perhaps you meant 'postgres': loaded ones are []");
        }
    }

    @Test
    void theRightNameOfAnSdkRegistryWhoseModuleIsMissingNamesTheModuleToAdd() {
        try (Mesh mesh = Mesh.builder()
                .plugins(List.of(providing(new InMemoryStorage())))
                .registry("postgres")
                .build()) {
            assertThatThrownBy(mesh::registry)
                    .isInstanceOf(MeshException.class)
                    .hasMessage("Cannot find registry 'postgres': it is provided by dev.meshsdk:mesh-storage-postgres,"
                            + " which is not loaded (loaded ones are []); add dev.meshsdk:mesh-storage-postgres to the"
                            + " plugin's <dependencies>");
        }
    }
}
