package dev.meshsdk.policy;

import dev.meshsdk.spi.MeshPlugin;
import dev.meshsdk.spi.policy.PolicyEngineFactory;
import java.util.List;

/**
 * Governance as code: the embedded Rego engine ({@code rego}, the default) with the default governance
 * pack and the project's own policies, and a client for an OPA server ({@code opa-server}).
 */
public final class PolicyPlugin implements MeshPlugin {
    @Override
    public List<PolicyEngineFactory> policyEngines() {
        return List.of(new RegoPolicyEngineFactory(), new OpaServerPolicyEngineFactory());
    }
}
