package dev.meshsdk.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForkRequestTest {

    @Test
    void theSetupAndTheCallArriveAsTheyWereSent(@TempDir Path dir) throws Exception {
        MeshSetup setup = new MeshSetup("spark-probe", dir.resolve("project with space"), "dev",
                List.of(dir.resolve("project with space/src/main/mesh/orders")), "file", "rego",
                "csv:" + dir.resolve("metrics"), Map.of("mesh.spark.master", "local[2]"));
        ForkRequest sent = ForkRequest.of(setup, new SparkProbeCall(), true, false, true, Map.of("spark.ui.enabled", "false"));

        sent.write(dir.resolve("request.json"));
        ForkRequest read = ForkRequest.read(dir.resolve("request.json"));

        assertThat(read.setup()).isEqualTo(setup);
        assertThat(read.goalCall(getClass().getClassLoader())).isEqualTo(new SparkProbeCall());
        assertThat(read.startSpark()).isTrue();
        assertThat(read.debug()).isFalse();
        assertThat(read.verbose()).isTrue();
        assertThat(read.systemProperties()).containsExactly(Map.entry("spark.ui.enabled", "false"));
        assertThat(Files.readString(dir.resolve("request.json"))).contains("SparkProbeCall");
    }
}
