package dev.meshsdk.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshsdk.spi.registry.CatalogEntry;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

class SparkForkTest {

    @Test
    void readsTheForkMode() throws Exception {
        assertThat(SparkFork.mode(null)).isEqualTo(SparkFork.Mode.AUTO);
        assertThat(SparkFork.mode(" Always ")).isEqualTo(SparkFork.Mode.ALWAYS);
        assertThat(SparkFork.mode("never")).isEqualTo(SparkFork.Mode.NEVER);
        assertThatThrownBy(() -> SparkFork.mode("sometimes"))
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("Invalid <fork> (-Dmesh.fork): 'sometimes'; use auto (fork only when Spark needs it),"
                        + " always or never");
    }

    /** Surefire runs this module's tests without Spark's flags, as Maven runs without them. */
    @Test
    void seesThatThisJvmLacksSparksFlags() {
        assertThat(SparkFork.missingOpens()).containsExactlyElementsOf(SparkFork.OPENS);
    }

    @Test
    void aPortOnALocalOrS3ServerNeedsSpark() {
        assertThat(SparkFork.onSpark(List.of(port("local"), port("postgres")))).isTrue();
        assertThat(SparkFork.onSpark(List.of(port("S3")))).isTrue();
        assertThat(SparkFork.onSpark(List.of(port("postgres"), port(null)))).isFalse();
        assertThat(SparkFork.onSpark(List.of())).isFalse();
    }

    @Test
    void logsTheForkedJvmsOtherOutputAtItsLevel() {
        LogListenerTest.RecordingLog log = new LogListenerTest.RecordingLog();
        SparkFork.OtherOutput other = new SparkFork.OtherOutput(log);

        other.log("WARN SparkContext: the driver is slow");
        other.log("\tat org.apache.spark.Foo(Foo.java:1)");
        other.log("INFO Executor: started");
        other.log("OpenJDK 64-Bit Server VM warning: something");

        assertThat(log.lines)
                .containsExactly(
                        "[WARNING] SparkContext: the driver is slow",
                        "[WARNING] \tat org.apache.spark.Foo(Foo.java:1)",
                        "[INFO] Executor: started",
                        "[WARNING] OpenJDK 64-Bit Server VM warning: something");
    }

    private static CatalogEntry.Port port(String serverType) {
        return new CatalogEntry.Port(
                "orders",
                null,
                "1.0.0",
                "sales-orders",
                "1.0.0",
                1,
                "active",
                null,
                "dev",
                serverType,
                null,
                null,
                null,
                null,
                null,
                null);
    }
}
