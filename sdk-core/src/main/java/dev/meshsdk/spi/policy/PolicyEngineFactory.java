package dev.meshsdk.spi.policy;

import dev.meshsdk.spi.AdapterContext;

/** Creates a policy engine. Returned by {@link dev.meshsdk.spi.MeshPlugin#policyEngines()}. */
public interface PolicyEngineFactory {
    /** The engine's name, unique among loaded engines ({@code rego}, {@code opa-server}, ...). */
    String name();

    /** Creates the engine; loads and compiles policies. Broken policies throw {@code INVALID_DESCRIPTOR}. */
    PolicyEngine create(AdapterContext context);
}
