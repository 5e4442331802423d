package dev.meshsdk.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshsdk.CheckRequest;
import dev.meshsdk.spi.data.PublishRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForkRequestTest {

    @Test
    void theSetupAndTheCallArriveAsTheyWereSent(@TempDir Path dir) throws Exception {
        MeshSetup setup = new MeshSetup(
                "check",
                dir.resolve("project with space"),
                "dev",
                List.of(dir.resolve("project with space/src/main/mesh/orders")),
                "file",
                "rego",
                "csv:" + dir.resolve("metrics"),
                Map.of("mesh.spark.master", "local[2]"));
        CheckCall call = new CheckCall(List.of("orders", "daily-revenue"), CheckRequest.FailOn.WARNING);
        ForkRequest sent = ForkRequest.of(setup, call, true, false, true, Map.of("spark.ui.enabled", "false"));

        sent.write(dir.resolve("request.json"));
        ForkRequest read = ForkRequest.read(dir.resolve("request.json"));

        assertThat(read.setup()).isEqualTo(setup);
        assertThat(read.goalCall(getClass().getClassLoader())).isEqualTo(call);
        assertThat(read.startSpark()).isTrue();
        assertThat(read.debug()).isFalse();
        assertThat(read.verbose()).isTrue();
        assertThat(read.systemProperties()).containsExactly(Map.entry("spark.ui.enabled", "false"));
        assertThat(Files.readString(dir.resolve("request.json"))).contains("CheckCall");
        PublishCall publish =
                new PublishCall("orders", "orders", dir.resolve("data/orders.csv"), PublishRequest.Mode.APPEND);
        ForkRequest.of(setup, publish, true, false, false, Map.of()).write(dir.resolve("publish.json"));
        assertThat(ForkRequest.read(dir.resolve("publish.json"))
                        .goalCall(getClass().getClassLoader()))
                .isEqualTo(publish);
    }

    @Test
    void aSubjectToForgetTravelsInTheEnvironmentOnlyNeverInTheRequestFile(@TempDir Path dir) throws Exception {
        MeshSetup setup = new MeshSetup("forget", dir, "dev", List.of(), "file", "rego", null, Map.of());
        ForgetCall call = new ForgetCall("C-96775 'o''brien'", "customer");

        ForkRequest.of(setup, call.withoutPrivateInputs(), true, false, false, Map.of())
                .write(dir.resolve("f.json"));
        GoalCall read =
                ForkRequest.read(dir.resolve("f.json")).goalCall(getClass().getClassLoader());

        assertThat(Files.readString(dir.resolve("f.json")))
                .doesNotContain("C-96775")
                .contains("customer");
        assertThat(call.privateInputs()).containsExactly(Map.entry(ForgetCall.SUBJECT_VARIABLE, "C-96775 'o''brien'"));
        assertThat(read.withPrivateInputs(call.privateInputs())).isEqualTo(call);
        assertThat(call.toString()).doesNotContain("C-96775");
        assertThatThrownBy(() -> read.withPrivateInputs(Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(ForgetCall.SUBJECT_VARIABLE);
    }

    @Test
    void classifyCallArrivesAsSent(@TempDir Path dir) {
        MeshSetup setup = new MeshSetup("classify", dir, "dev", List.of(), "file", "rego", null, Map.of());
        ClassifyCall call = new ClassifyCall(List.of("orders"), ClassifyCall.FailOn.FINDING);
        ForkRequest.of(setup, call, true, false, false, Map.of()).write(dir.resolve("c.json"));
        assertThat(ForkRequest.read(dir.resolve("c.json")).goalCall(getClass().getClassLoader()))
                .isEqualTo(call);
    }
}
