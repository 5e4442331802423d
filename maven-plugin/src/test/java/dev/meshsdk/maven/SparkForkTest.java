package dev.meshsdk.maven;

import static dev.meshsdk.maven.CatalogPorts.port;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        assertThat(SparkFork.onSpark(List.of(port(1, "local"), port(1, "postgres"))))
                .isTrue();
        assertThat(SparkFork.onSpark(List.of(port(1, "S3")))).isTrue();
        assertThat(SparkFork.onSpark(List.of(port(1, "postgres"), port(1, null))))
                .isFalse();
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
}
