package dev.meshsdk.internal.engine;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshsdk.ContractSource;
import dev.meshsdk.ProductSource;
import dev.meshsdk.diag.Diagnostic;
import dev.meshsdk.diag.Location;
import dev.meshsdk.diag.Severity;
import dev.meshsdk.internal.descriptor.DescriptorWriter;
import dev.meshsdk.spi.policy.PolicyDecision;
import dev.meshsdk.spi.policy.PolicyEngine;
import dev.meshsdk.spi.policy.PolicyFinding;
import dev.meshsdk.spi.policy.PolicyInput;
import dev.meshsdk.spi.registry.DeploymentRecord;
import dev.meshsdk.spi.registry.Registry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Evaluates governance policies over each product and turns their findings into diagnostics: a
 * {@code deny} or {@code violation} is an error, a {@code warn} a warning, each at the policy's file and
 * line. The input is {@code {event, environment, product, contracts, deployed}}.
 */
public final class Governance {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final PolicyEngine engine;
    private final Supplier<Registry> registry;
    private final String environment;
    private final DescriptorWriter writer = new DescriptorWriter();

    public Governance(PolicyEngine engine, Supplier<Registry> registry, String environment) {
        this.engine = engine;
        this.registry = registry;
        this.environment = environment;
    }

    /** The diagnostics of every product's decision; {@code event} is {@code validate} or {@code deploy}. */
    public List<Diagnostic> evaluate(List<ProductSource> products, String event) {
        List<Diagnostic> out = new ArrayList<>();
        for (ProductSource source : products) {
            PolicyDecision decision = engine.evaluate(input(source, event));
            for (PolicyFinding finding : decision.findings()) {
                out.add(diagnostic(source, finding));
            }
        }
        return out;
    }

    /** The input document policies see for one product. */
    public PolicyInput input(ProductSource source, String event) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("event", event);
        doc.put("environment", environment);
        doc.put("product", MAPPER.convertValue(writer.toTree(source.product()), MAP));
        List<Map<String, Object>> contracts = new ArrayList<>();
        for (ContractSource c : source.contracts()) {
            contracts.add(MAPPER.convertValue(writer.toTree(c.contract()), MAP));
        }
        doc.put("contracts", contracts);
        Optional<DeploymentRecord> deployed = registry.get().current(source.product().id(), environment);
        doc.put("deployed", deployed.map(Governance::deployed).orElse(null));
        return new PolicyInput(doc);
    }

    private static Map<String, Object> deployed(DeploymentRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", r.productVersion());
        m.put("checksum", r.checksum());
        m.put("deployedAt", r.deployedAt().toString());
        m.put("deployedBy", r.deployedBy());
        return m;
    }

    private static Diagnostic diagnostic(ProductSource source, PolicyFinding finding) {
        Location where = finding.location() != null ? finding.location() : Location.of(source.file());
        String message = "Cannot accept product '" + source.product().id() + "': " + finding.message();
        String hint = "policy rule '" + finding.rule() + "'"
                + (finding.details().isEmpty() ? "" : ", details " + finding.details());
        return new Diagnostic(finding.severity() == Severity.ERROR ? Severity.ERROR : Severity.WARNING,
                "MESH-POLICY", where, message, hint);
    }
}
