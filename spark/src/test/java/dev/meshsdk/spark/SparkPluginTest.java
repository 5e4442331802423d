package dev.meshsdk.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.MeshPlugin;
import dev.meshsdk.spi.quality.QualityEngine;
import dev.meshsdk.spi.quality.QualityEngineFactory;
import dev.meshsdk.spi.storage.DeltaEraser;
import dev.meshsdk.testkit.Fixtures;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The services this module registers, and that loading them starts no Spark session. */
class SparkPluginTest {
    @Test
    void theSparkEngineAndTheEraserAreFoundAndStartNothing() {
        QualityEngineFactory factory = ServiceLoader.load(MeshPlugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .flatMap(p -> p.qualityEngines().stream())
                .filter(f -> f.name().equals("spark"))
                .findFirst()
                .orElseThrow();
        DeltaEraser eraser = ServiceLoader.load(DeltaEraser.class).findFirst().orElseThrow();

        try (QualityEngine engine =
                factory.create(new AdapterContext("dev", Path.of("."), Map.of(), null, null, null))) {
            assertThat(engine.supports(Fixtures.binding(
                            Fixtures.ordersContract(), Fixtures.server("l", "local", Map.of("path", "data")))))
                    .isTrue();
            assertThat(engine.supports(Fixtures.binding(
                            Fixtures.ordersContract(),
                            Fixtures.server("s", "s3", Map.of("location", "s3://b/p", "format", "parquet")))))
                    .isTrue();
            assertThat(engine.supports(
                            Fixtures.binding(Fixtures.ordersContract(), Fixtures.server("p", "postgres", Map.of()))))
                    .isFalse();
            assertThat(engine.supports(Fixtures.binding(
                            Fixtures.ordersContract(),
                            Fixtures.server("c", "local", Map.of("path", "x", "format", "csv")))))
                    .isFalse();
        }
        assertThat(eraser).isInstanceOf(SparkDeltaEraser.class);
        assertThat(SparkSession.getDefaultSession().isDefined())
                .as("a Spark session was started")
                .isFalse();
        assertThat(SparkSession.getActiveSession().isDefined()).isFalse();
    }
}
