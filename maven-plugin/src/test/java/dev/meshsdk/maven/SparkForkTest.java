package dev.meshsdk.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshsdk.Mesh;
import dev.meshsdk.ProductSource;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkForkTest {

    @Test
    void readsTheForkMode() throws Exception {
        assertThat(SparkFork.mode(null)).isEqualTo(SparkFork.Mode.AUTO);
        assertThat(SparkFork.mode(" Always ")).isEqualTo(SparkFork.Mode.ALWAYS);
        assertThat(SparkFork.mode("never")).isEqualTo(SparkFork.Mode.NEVER);
        assertThatThrownBy(() -> SparkFork.mode("sometimes")).isInstanceOf(MojoFailureException.class)
                .hasMessage("Invalid <fork> (-Dmesh.fork): 'sometimes'; use auto (fork only when Spark needs it),"
                        + " always or never");
    }

    /** Surefire runs this module's tests without Spark's flags, as Maven runs without them. */
    @Test
    void seesThatThisJvmLacksSparksFlags() {
        assertThat(SparkFork.missingOpens()).containsExactlyElementsOf(SparkFork.OPENS);
    }

    @Test
    void aLocalPortNeedsSparkAndOnlyThePortsTheCallTouchesCount(@TempDir Path dir) {
        Path products = Path.of("src/it/deploy-twice/src/main/mesh").toAbsolutePath();
        List<ProductSource> sources;
        try (Mesh mesh = Mesh.builder().baseDirectory(dir).policyEngine("none")
                .config(java.util.Map.of(AbstractMeshMojo.REGISTRY_ROOT_KEY, dir.resolve("registry").toString()))
                .build()) {
            sources = mesh.products(List.of(products.resolve("orders"), products.resolve("daily-revenue")));
        }

        assertThat(SparkFork.touchesSpark(sources, "dev", touching("orders", "orders"))).isTrue();
        assertThat(SparkFork.touchesSpark(sources, "dev", touching("orders", "other"))).isFalse();
        assertThat(SparkFork.touchesSpark(sources, "prod", touching("orders", "orders"))).isFalse();
    }

    @Test
    void logsTheForkedJvmsOtherOutputAtItsLevel() {
        LogListenerTest.RecordingLog log = new LogListenerTest.RecordingLog();
        SparkFork.OtherOutput other = new SparkFork.OtherOutput(log);

        other.log("WARN SparkContext: the driver is slow");
        other.log("\tat org.apache.spark.Foo(Foo.java:1)");
        other.log("INFO Executor: started");
        other.log("OpenJDK 64-Bit Server VM warning: something");

        assertThat(log.lines).containsExactly("[WARNING] SparkContext: the driver is slow",
                "[WARNING] \tat org.apache.spark.Foo(Foo.java:1)", "[INFO] Executor: started",
                "[WARNING] OpenJDK 64-Bit Server VM warning: something");
    }

    private static GoalCall touching(String product, String port) {
        return new GoalCall() {
            @Override
            public boolean touches(String productId, String p) {
                return productId.equals(product) && p.equals(port);
            }

            @Override
            public void run(Mesh mesh, MeshSetup setup, Log log) {}
        };
    }
}
