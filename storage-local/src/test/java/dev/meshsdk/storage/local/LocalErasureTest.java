package dev.meshsdk.storage.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.DataContract;
import dev.meshsdk.plan.Change;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.storage.DeltaEraser;
import dev.meshsdk.spi.storage.ErasureRequest;
import dev.meshsdk.spi.storage.StorageAdapter;
import dev.meshsdk.testkit.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Erasure on local tables when no {@link DeltaEraser} is on the class path, as in this module's own tests
 * (mesh-spark is not a dependency of storage-local). The erasure through Spark's eraser is tested end to end
 * in the mesh-spark module ({@code LocalErasureIT}).
 */
class LocalErasureTest {
    @TempDir
    Path base;

    private PortBinding deployed(StorageAdapter adapter, DataContract contract) {
        PortBinding b = Fixtures.binding(contract, Fixtures.server("local-dev", "local", Map.of("path", "data")));
        for (Change c : adapter.plan(b, adapter.inspect(b))) adapter.apply(b, c);
        return b;
    }

    private StorageAdapter adapter(Map<String, String> config) {
        return new LocalStorageAdapterFactory().create(new AdapterContext("dev", base, config, null, null, null));
    }

    @Test
    void withoutAnEraserTheErrorNamesTheModuleToAddAndNothingIsAudited() {
        assertThat(ServiceLoader.load(DeltaEraser.class).findFirst())
                .as("precondition: no eraser here")
                .isEmpty();
        try (StorageAdapter adapter = adapter(Map.of())) {
            PortBinding b = deployed(adapter, Fixtures.ordersContract());

            MeshException e = catchThrowableOfType(
                    MeshException.class, () -> adapter.erase(b, new ErasureRequest("req-7", "subject-4711", "dpo")));

            assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
            assertThat(e.getMessage())
                    .contains("'orders'", "dev.meshsdk:mesh-spark", "DeltaEraser")
                    .doesNotContain("subject-4711");
            assertThat(Files.exists(base.resolve("data").resolve(LocalErasure.AUDIT_FILE)))
                    .isFalse();
        }
    }

    @Test
    void aContractWithoutSubjectKeySaysWhatToMark() {
        DataContract noKey = Fixtures.withProperty(
                Fixtures.ordersContract(),
                Fixtures.OBJECT_NAME,
                Fixtures.property("id", "integer", "bigint", true, null, null));
        try (StorageAdapter adapter = adapter(Map.of())) {
            PortBinding b = deployed(adapter, noKey);

            MeshException e = catchThrowableOfType(
                    MeshException.class, () -> adapter.erase(b, new ErasureRequest("req-8", "42", "dpo")));

            assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
            assertThat(e.getMessage()).contains("subjectKey: true");
        }
    }

    @Test
    void aBadPurgeRetentionIsAConfigurationError() {
        try (StorageAdapter adapter = adapter(Map.of(LocalErasure.PURGE_RETENTION, "a week"))) {
            PortBinding b = deployed(adapter, Fixtures.ordersContract());

            MeshException e = catchThrowableOfType(
                    MeshException.class, () -> adapter.erase(b, new ErasureRequest("req-9", "42", "dpo")));

            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
            assertThat(e.getMessage()).contains(LocalErasure.PURGE_RETENTION, "a week", "P7D");
            assertThat(List.of(e.getMessage())).noneMatch(m -> m.contains("'42'"));
        }
    }
}
