package dev.meshsdk.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.policy.PolicyEngine;
import dev.meshsdk.spi.policy.PolicyInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project's policy is repository content, so a pull request can hold a hostile one: the build must
 * survive it and name the file and line, never die of a StackOverflowError or an OutOfMemoryError.
 */
class HostileProjectPolicyTest {
    @TempDir
    Path dir;

    private PolicyEngine engine(String policy, Map<String, String> settings) throws IOException {
        Path policies = Files.createDirectories(dir.resolve("policies"));
        Files.writeString(policies.resolve("team.rego"), policy);
        Map<String, String> all = new HashMap<>(settings);
        all.put("mesh.policy.directory", "policies");
        all.put("mesh.policy.pack", "false");
        return new RegoPolicyEngineFactory().create(new AdapterContext("dev", dir, all, null, null, null));
    }

    @Test
    void aPolicyNestedTenThousandDeepIsRejectedWithItsFileAndLine() {
        String deep = "package acme\n\nx := " + "[".repeat(10_000) + "1" + "]".repeat(10_000) + "\n";
        assertThatThrownBy(() -> engine(deep, Map.of()))
                .isInstanceOfSatisfying(
                        MeshException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DESCRIPTOR))
                .hasMessageContaining("team.rego:3:")
                .hasMessageContaining("max parsing recursion depth reached");
    }

    @Test
    void aPolicyThatBuildsAHugeStringBlocksTheDeployWithItsFileAndLine() throws IOException {
        PolicyEngine engine = engine("""
                package acme

                deny contains msg if {
                \tmsg := sprintf("%999999999s", ["x"])
                }
                """, Map.of());
        assertThatThrownBy(() -> engine.evaluate(new PolicyInput(Map.of("event", "deploy"))))
                .isInstanceOfSatisfying(
                        MeshException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.POLICY_DENIED))
                .hasMessageContaining("team.rego:4:")
                .hasMessageContaining("eval_resource_error: string would exceed 16777216 characters");
    }

    @Test
    void limitsAreSettings() throws IOException {
        PolicyEngine engine = engine("""
                package acme

                deny contains msg if {
                \tsome i in numbers.range(1, 100000)
                \tmsg := "never"
                \ti < 0
                }
                """, Map.of("mesh.policy.rego.maxSteps", "1000"));
        assertThatThrownBy(() -> engine.evaluate(new PolicyInput(Map.of("event", "deploy"))))
                .hasMessageContaining("team.rego:")
                .hasMessageContaining("exceeded 1000 steps");
        assertThatThrownBy(() -> engine("package acme\n", Map.of("mesh.policy.rego.timeout", "soon")))
                .isInstanceOfSatisfying(
                        MeshException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
                .hasMessageContaining("mesh.policy.rego.timeout")
                .hasMessageContaining("PT30S");
        assertThatThrownBy(() -> engine("package acme\n", Map.of("mesh.policy.rego.maxParseDepth", "-1")))
                .isInstanceOfSatisfying(
                        MeshException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
                .hasMessageContaining("every limit must be positive");
    }
}
