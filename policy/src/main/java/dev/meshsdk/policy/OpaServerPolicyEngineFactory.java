package dev.meshsdk.policy;

import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.policy.PolicyEngine;
import dev.meshsdk.spi.policy.PolicyEngineFactory;
import java.net.http.HttpClient;

/** The {@code opa-server} policy engine; settings in {@link OpaSettings}. */
final class OpaServerPolicyEngineFactory implements PolicyEngineFactory {
    @Override
    public String name() {
        return "opa-server";
    }

    @Override
    public PolicyEngine create(AdapterContext context) {
        OpaSettings settings = OpaSettings.from(context);
        return new OpaServerPolicyEngine(
                HttpClient.newBuilder().connectTimeout(settings.timeout()).build(), settings);
    }
}
