package dev.meshsdk.testkit;

import dev.meshsdk.diag.Severity;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.MeshPlugin;
import dev.meshsdk.spi.policy.PolicyDecision;
import dev.meshsdk.spi.policy.PolicyEngine;
import dev.meshsdk.spi.policy.PolicyEngineFactory;
import dev.meshsdk.spi.policy.PolicyFinding;
import dev.meshsdk.spi.policy.PolicyInput;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * A stand-in for the default governance pack's {@code detected} rule, for the stores' tests of the policies on
 * published and checked data: on events {@code publish} and {@code check} it denies each entry of the input's
 * {@code detected} section (the SDK reports only columns the contract does not classify), naming its table,
 * column, detector and share. It stands in because the stores' modules test without the pack (mesh-policy on
 * their classpath would judge every product their other tests deploy); the pack itself, with Spark, is tested by
 * the Maven plugin's scenarios. Add it with {@code Mesh.builder().plugins(...)} and choose policy engine
 * {@value #NAME}. Keeps every input it judged.
 */
public final class DetectedPolicyDouble implements MeshPlugin, PolicyEngineFactory, PolicyEngine {
    public static final String NAME = "detected-double";
    private final List<Map<String, Object>> inputs = Collections.synchronizedList(new ArrayList<>());

    /** This and every plugin the class path offers, for {@code Mesh.builder().plugins(...)}. */
    public List<MeshPlugin> withDiscoveredPlugins() {
        List<MeshPlugin> plugins = new ArrayList<>();
        ServiceLoader.load(MeshPlugin.class).forEach(plugins::add);
        plugins.add(this);
        return plugins;
    }

    /** The input documents judged, in order. */
    public List<Map<String, Object>> inputs() {
        return List.copyOf(inputs);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<PolicyEngineFactory> policyEngines() {
        return List.of(this);
    }

    @Override
    public PolicyEngine create(AdapterContext context) {
        return this;
    }

    @Override
    public PolicyDecision evaluate(PolicyInput input) {
        Map<String, Object> doc = input.document();
        inputs.add(doc);
        List<PolicyFinding> findings = new ArrayList<>();
        if (!List.of("publish", "check").contains(doc.get("event")) || !(doc.get("detected") instanceof List<?> d)) {
            return new PolicyDecision(findings, null);
        }
        for (Object o : d) {
            Map<?, ?> f = (Map<?, ?>) o;
            findings.add(new PolicyFinding(
                    Severity.ERROR,
                    "double.detected.deny",
                    "column '" + f.get("table") + "."
                            + f.get("column") + "' of output port '" + f.get("port") + "' looks like "
                            + f.get("detector")
                            + " in " + Math.round(((Number) f.get("share")).doubleValue() * 100) + "% of "
                            + f.get("sampled")
                            + " sampled values",
                    Map.of(),
                    null));
        }
        return new PolicyDecision(findings, null);
    }

    @Override
    public void close() {
        // nothing held
    }
}
