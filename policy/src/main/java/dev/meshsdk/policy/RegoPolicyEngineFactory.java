package dev.meshsdk.policy;

import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.policy.PolicyEngine;
import dev.meshsdk.spi.policy.PolicyEngineFactory;

/**
 * The embedded {@code rego} policy engine: the default governance pack plus the project's policies from
 * {@code mesh.policy.directory} (default {@code src/main/mesh/policies}).
 */
final class RegoPolicyEngineFactory implements PolicyEngineFactory {
    @Override
    public String name() {
        return "rego";
    }

    @Override
    public PolicyEngine create(AdapterContext context) {
        return new RegoPolicyEngine(PolicySources.load(context));
    }
}
