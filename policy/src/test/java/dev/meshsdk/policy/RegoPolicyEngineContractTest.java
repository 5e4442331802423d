package dev.meshsdk.policy;

import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.policy.PolicyEngine;
import dev.meshsdk.testkit.PolicyEngineContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

class RegoPolicyEngineContractTest extends PolicyEngineContract {
    @TempDir
    Path dir;

    private PolicyEngine engine(String policy) {
        try {
            Path policies = Files.createDirectories(dir.resolve("policies"));
            if (policy != null) Files.writeString(policies.resolve("team.rego"), policy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RegoPolicyEngineFactory()
                .create(new AdapterContext(
                        "dev",
                        dir,
                        Map.of("mesh.policy.directory", "policies", "mesh.policy.pack", "false"),
                        null,
                        null,
                        null));
    }

    @Override
    protected PolicyEngine engineWithoutPolicies() {
        return engine(null);
    }

    @Override
    protected PolicyEngine engineWithDenyPolicy() {
        return engine("""
                package acme.teams

                deny contains msg if {
                \tnot input.product.team.name
                \tmsg := "every product needs an owning team"
                }
                """);
    }
}
