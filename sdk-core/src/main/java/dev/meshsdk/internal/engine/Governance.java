package dev.meshsdk.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshsdk.ContractSource;
import dev.meshsdk.ProductSource;
import dev.meshsdk.diag.Diagnostic;
import dev.meshsdk.diag.Location;
import dev.meshsdk.diag.Severity;
import dev.meshsdk.internal.descriptor.DescriptorWriter;
import dev.meshsdk.internal.descriptor.ProductThreads;
import dev.meshsdk.internal.usage.PlanUsage;
import dev.meshsdk.model.DataContract;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.model.Server;
import dev.meshsdk.plan.Change;
import dev.meshsdk.plan.Column;
import dev.meshsdk.plan.DeploymentPlan;
import dev.meshsdk.plan.PortPlan;
import dev.meshsdk.plan.ProductPlan;
import dev.meshsdk.spi.policy.AllowedColumnDrop;
import dev.meshsdk.spi.policy.PolicyDecision;
import dev.meshsdk.spi.policy.PolicyEngine;
import dev.meshsdk.spi.policy.PolicyFinding;
import dev.meshsdk.spi.policy.PolicyInput;
import dev.meshsdk.spi.policy.WithheldAccess;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.DeploymentRecord;
import dev.meshsdk.spi.registry.Registry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Evaluates governance policies over each product and turns their findings into diagnostics: a
 * {@code deny} or {@code violation} is an error, a {@code warn} a warning, each at the policy's file and
 * line, or, when its details name a place in the product's file ({@code pointer}, a JSON pointer) or in one of its
 * contracts ({@code contractId}, with a {@code table} and a {@code column} of its schema, a {@code server}, or a
 * {@code pointer}), at that place with the policy's file and line in the hint ({@link #place}). The input is {@code {event, environment, product, contracts, deployed}}; for a plan (event
 * {@code plan}) it also holds {@code plan.ports}: per output port, its contract version as planned and as
 * deployed, the changes the storage adapter planned, and how the port was read ({@code usage},
 * {@link dev.meshsdk.internal.usage.PortReads#policyInput}). When the data was classified (events {@code publish}
 * and {@code check}), {@code detected} lists the product's columns whose sampled values look like personal
 * data: {@code {port, majorVersion, table, column, detector, share, matched, sampled}}.
 */
public final class Governance {
    /** The code of the diagnostics of the policies' findings. */
    public static final String CODE = "MESH-POLICY";

    private final PolicyEngine engine;
    private final Supplier<Registry> registry;
    private final String environment;
    private final Map<String, List<WithheldAccess>> withheld = new LinkedHashMap<>();
    private final DescriptorWriter writer = new DescriptorWriter();

    public Governance(PolicyEngine engine, Supplier<Registry> registry, String environment) {
        this.engine = engine;
        this.registry = registry;
        this.environment = environment;
    }

    /**
     * The diagnostics of every product's decision; {@code event} is {@code validate} or {@code deploy}.
     * Access the policies withhold is a warning here and is kept for {@link #withheld()}.
     */
    public List<Diagnostic> evaluate(List<ProductSource> products, String event) {
        return evaluate(products, event, null);
    }

    /**
     * As {@link #evaluate(List, String)}, with what classification detected in each product's data, by
     * product id ({@code dev.meshsdk.internal.data.DetectedSection}), as the input's {@code detected}; null
     * leaves {@code detected} out.
     */
    public List<Diagnostic> evaluate(
            List<ProductSource> products, String event, Map<String, List<Map<String, Object>>> detected) {
        List<PolicyDecision> decisions = decideAll(products, event, detected);
        // a finding about the policies themselves comes with every product's decision: reported once
        java.util.Set<Diagnostic> out = new java.util.LinkedHashSet<>();
        for (int i = 0; i < products.size(); i++) {
            ProductSource source = products.get(i);
            PolicyDecision decision = decisions.get(i);
            for (PolicyFinding finding : decision.findings()) {
                out.add(locatedDiagnostic(source, finding));
            }
            if (!decision.withheld().isEmpty()) {
                withheld.put(source.product().id(), decision.withheld());
                for (WithheldAccess w : decision.withheld()) {
                    out.add(
                            Diagnostic.warning(
                                    CODE,
                                    Location.of(source.file()),
                                    "Withholding "
                                            + w.principal() + "'s access to "
                                            + (w.port().equals("*") ? "every port" : "port '" + w.port() + "'")
                                            + " of product '" + source.product().id() + "': " + w.reason(),
                                    "the policies decide this; the contract's role is not granted (and is revoked where it was)"));
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * Every product's decision, in the products' order. The products are judged in parallel where {@link
     * ProductThreads} spreads them (the engine may be called from several threads; a cold JVM spends a quarter of a
     * large validation here); a failure is the one the first failing product raises, as when they were judged one
     * after another.
     */
    private List<PolicyDecision> decideAll(
            List<ProductSource> products, String event, Map<String, List<Map<String, Object>>> detected) {
        if (products.size() < 2)
            return products.stream().map(p -> decide(p, event, detected)).toList();
        registry.get(); // opened once, here: the supplier need not be thread-safe
        List<Object> outcomes = ProductThreads.map(products, p -> {
            try {
                return decide(p, event, detected);
            } catch (RuntimeException | Error e) {
                return e;
            }
        });
        List<PolicyDecision> decisions = new ArrayList<>(outcomes.size());
        for (Object o : outcomes) {
            if (o instanceof RuntimeException e) throw e;
            if (o instanceof Error e) throw e;
            decisions.add((PolicyDecision) o);
        }
        return decisions;
    }

    /**
     * The policies' decision on one product: the input of {@link #input}, plus {@code detected} (this product's
     * entries of {@code detected}, by product id; null leaves the section out). For the data commands, which judge
     * a product as deployed ({@code dev.meshsdk.MeshCatalog#deployed}) and word the findings themselves.
     */
    public PolicyDecision decide(ProductSource source, String event, Map<String, List<Map<String, Object>>> detected) {
        PolicyInput input = input(source, event);
        if (detected != null) {
            Map<String, Object> doc = new LinkedHashMap<>(input.document());
            doc.put("detected", detected.getOrDefault(source.product().id(), List.of()));
            input = new PolicyInput(doc);
        }
        return engine.evaluate(input);
    }

    /** The access withheld by the decisions of the last {@link #evaluate}, by product id. */
    public Map<String, List<WithheldAccess>> withheld() {
        return Map.copyOf(withheld);
    }

    /**
     * What the policies decided on a plan: the diagnostics of every product's decision, and the columns each product
     * (by id) may drop ({@link ColumnDrops#allow}).
     */
    public record PlanVerdict(List<Diagnostic> diagnostics, Map<String, List<AllowedColumnDrop>> allowedDrops) {}

    /**
     * Every product's decision on its plan, so policies can judge the changes themselves (a breaking change
     * without a new major contract version, say), weighed by how each port and the columns its changes touch were
     * read ({@code plan.ports[].usage}, from {@code usage}). {@code plan} holds no {@link Change.DropColumn}: the
     * policies judge a drop as the refusal it replaces ({@link ColumnDrops#asRefused}).
     */
    public PlanVerdict evaluatePlan(List<ProductSource> products, DeploymentPlan plan, PlanUsage usage) {
        List<Diagnostic> out = new ArrayList<>();
        Map<String, List<AllowedColumnDrop>> drops = new LinkedHashMap<>();
        List<CatalogEntry> catalog = null; // read once, when a product is planned
        for (ProductSource source : products) {
            String id = source.product().id();
            Optional<ProductPlan> planned = plan.products().stream()
                    .filter(p -> p.productId().equals(id))
                    .findFirst();
            if (planned.isEmpty()) continue;
            PolicyInput base = input(source, "plan");
            Map<String, Object> doc = new LinkedHashMap<>(base.document());
            CatalogEntry deployed =
                    registry.get().catalog().entry(id, environment).orElse(null);
            if (catalog == null) catalog = registry.get().catalog().entries(environment);
            doc.put("plan", Map.of("ports", ports(planned.get(), deployed, usage, catalog)));
            PolicyDecision decision = engine.evaluate(new PolicyInput(doc));
            for (PolicyFinding finding : decision.findings()) {
                out.add(locatedDiagnostic(source, finding));
            }
            if (!decision.allowedDrops().isEmpty()) drops.put(id, decision.allowedDrops());
        }
        return new PlanVerdict(out, drops);
    }

    /**
     * The finding as a diagnostic, at the place in the product's files its details name ({@link #place}) with the
     * policy's own place in the hint, else at the policy's file and line.
     */
    private static Diagnostic locatedDiagnostic(ProductSource source, PolicyFinding finding) {
        Diagnostic plain = diagnostic(source, finding);
        Optional<Spot> spot = spot(source, finding);
        if (spot.isEmpty()) return plain;
        String policy = finding.location() == null ? "" : " (" + finding.location() + ")";
        return new Diagnostic(
                plain.severity(),
                plain.code(),
                spot.get().locate(source),
                plain.message(),
                "policy rule '" + finding.rule() + "'" + policy + spot.get().unwritten(finding));
    }

    /**
     * A place in one of the product's files: a JSON pointer into {@code file}, whose content as read is the tree of
     * {@code document} (a product or a contract), made only when asked.
     */
    private record Spot(Path file, String pointer, Supplier<JsonNode> document) {
        Location locate(ProductSource source) {
            return source.sourceMap().locate(file, pointer);
        }

        /**
         * For the policy's author, when the place is the finding's own {@code pointer} and the file has nothing
         * there: it is reported at the nearest place the file has; empty otherwise.
         */
        String unwritten(PolicyFinding finding) {
            if (!pointer.equals(finding.details().get("pointer"))
                    || pointer.isEmpty()
                    || !document.get().at(pointer).isMissingNode()) return "";
            String shown = pointer.length() > 120 ? pointer.substring(0, 120) + "..." : pointer;
            return "; its details point at '" + shown + "', which " + file.getFileName()
                    + " does not have: reported at the nearest place it has";
        }
    }

    /** Trees of the products and contracts as read, for {@link Spot#unwritten}. */
    private static final DescriptorWriter TREES = new DescriptorWriter();

    /**
     * Where in the product's files a finding's details put it. In one of its contracts ({@code contractId}): at the
     * entry of the {@code server} they name; at {@code pointer}, a JSON pointer into the contract; at the property
     * of the {@code column} they name, in the schema object of their {@code table} (its name or physical name) or,
     * on a plan, of the table the change's {@code target} names; at that schema object when they name a table and
     * no column; else at the contract's schema. Or in the product's own file, at {@code pointer} (such as {@code
     * /team}). Empty when the details name no contract of the product and no pointer.
     */
    public static Optional<Location> place(ProductSource source, PolicyFinding finding) {
        return spot(source, finding).map(s -> s.locate(source));
    }

    private static Optional<Spot> spot(ProductSource source, PolicyFinding finding) {
        Map<String, Object> details = finding.details();
        Optional<String> pointer = Optional.ofNullable(details.get("pointer"))
                .filter(String.class::isInstance)
                .map(String.class::cast)
                .filter(p -> p.isEmpty() || p.startsWith("/"));
        if (details.get("contractId") instanceof String contractId) {
            Optional<ContractSource> contract = source.contract(contractId);
            if (contract.isPresent()) {
                DataContract c = contract.get().contract();
                String at = details.get("server") instanceof String server
                        ? serverPointer(c.servers(), server)
                        : pointer.orElseGet(() -> schemaPointer(
                                c.schema(),
                                details.get("table") instanceof String t ? t : null,
                                details.get("column") instanceof String col ? col : null,
                                details.get("target") instanceof String t ? t : ""));
                return Optional.of(new Spot(contract.get().file(), at, () -> TREES.toTree(c)));
            }
        }
        return pointer.map(p -> new Spot(source.file(), p, () -> TREES.toTree(source.product())));
    }

    /** The pointer of the server entry named {@code name}, or of the servers when none is. */
    private static String serverPointer(List<Server> servers, String name) {
        for (int i = 0; i < servers.size(); i++) {
            if (name.equals(servers.get(i).server())) return "/servers/" + i;
        }
        return "/servers";
    }

    /**
     * The pointer of the schema object named {@code table} (by name or physical name; null: any), or of its property
     * named {@code column} (null: none) when it has one; among several objects holding the column, the one whose
     * physical name {@code target} names. The table's when it has no such column; {@code /schema} when nothing
     * matches.
     */
    private static String schemaPointer(List<SchemaObject> schema, String table, String column, String target) {
        if (table == null && column == null) return "/schema";
        String found = null;
        String tableAt = null; // the table named, when it has no such column
        for (int i = 0; i < schema.size(); i++) {
            SchemaObject object = schema.get(i);
            if (table != null && !table.equals(object.name()) && !table.equals(object.storeName())) continue;
            if (column == null) return "/schema/" + i;
            if (table != null && tableAt == null) tableAt = "/schema/" + i;
            List<SchemaProperty> properties = object.properties();
            for (int j = 0; j < properties.size(); j++) {
                SchemaProperty p = properties.get(j);
                if (!column.equals(p.storeName()) && !column.equals(p.name())) continue;
                String pointer = "/schema/" + i + "/properties/" + j;
                String store = object.storeName();
                if (store != null && target.contains(store)) return pointer;
                if (found == null) found = pointer;
            }
        }
        return found != null ? found : tableAt != null ? tableAt : "/schema";
    }

    private static List<Map<String, Object>> ports(
            ProductPlan plan, CatalogEntry deployed, PlanUsage usage, List<CatalogEntry> catalog) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (PortPlan port : plan.ports()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("port", port.port());
            m.put("contractId", port.contractId());
            m.put("contractVersion", port.contractVersion());
            m.put(
                    "deployedContractVersion",
                    deployed == null
                            ? null
                            : deployed.outputPorts().stream()
                                    .filter(p -> p.name().equals(port.port()) && p.live())
                                    .max(java.util.Comparator.comparingInt(CatalogEntry.Port::majorVersion))
                                    .map(CatalogEntry.Port::contractVersion)
                                    .orElse(null));
            m.put("serverType", port.serverType());
            m.put("address", port.address());
            m.put("exists", port.observed().exists());
            List<Map<String, Object>> changes = new ArrayList<>();
            for (Change c : port.changes()) changes.add(change(c));
            m.put("changes", changes);
            Map<String, Object> reads = usage.port(plan.productId(), port.port())
                    .policyInput(touchedColumns(port), usage.readerProducts(plan.productId(), port.port()));
            // a new major version: the reads so far are of the versions it supersedes
            if (!port.observed().exists())
                reads.put("supersedes", usage.supersedes(plan.productId(), port.port(), port.contractVersion()));
            m.put("usage", reads);
            m.put("consumers", consumers(catalog, plan.productId(), port.port()));
            out.add(m);
        }
        return out;
    }

    /**
     * The products of the environment's catalog whose input ports consume the port, as {@code product} and {@code
     * team} (null when none), by product id.
     */
    private static List<Map<String, Object>> consumers(List<CatalogEntry> catalog, String productId, String port) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (CatalogEntry e : catalog) {
            boolean consumes = e.inputPorts().stream()
                    .anyMatch(in -> productId.equals(in.producer()) && port.equals(in.producerPort()));
            if (!consumes) continue;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("product", e.productId());
            m.put("team", e.owner() == null ? null : e.owner().team());
            out.add(m);
        }
        out.sort(java.util.Comparator.comparing(m -> (String) m.get("product")));
        return out;
    }

    /** The columns the changes of a port alter, add or drop. */
    private static java.util.Set<String> touchedColumns(PortPlan port) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (Change c : port.changes()) {
            if (c instanceof Change.AddColumn a) out.add(a.column().name());
            if (c instanceof Change.AlterColumn a) out.add(a.to().name());
            if (c instanceof Change.Refused r && r.droppedColumn() != null) out.add(r.droppedColumn());
        }
        return out;
    }

    /** A change as policies see it: {@code kind} in snake case, its target and what it touches. */
    static Map<String, Object> change(Change c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", c.target());
        if (c instanceof Change.CreateTable t) {
            m.put("kind", "create_table");
            m.put("columns", t.columns().stream().map(Governance::column).toList());
        } else if (c instanceof Change.AddColumn a) {
            m.put("kind", "add_column");
            m.put("column", column(a.column()));
        } else if (c instanceof Change.AlterColumn a) {
            m.put("kind", "alter_column");
            m.put("from", column(a.from()));
            m.put("to", column(a.to()));
        } else if (c instanceof Change.SetProperties p) {
            m.put("kind", "set_properties");
            m.put("properties", p.properties());
            m.put("removed", p.removed());
        } else if (c instanceof Change.Grant g) {
            m.put("kind", "grant");
            m.put("principal", g.principal());
            m.put("privilege", g.privilege());
        } else if (c instanceof Change.Revoke r) {
            m.put("kind", "revoke");
            m.put("principal", r.principal());
            m.put("privilege", r.privilege());
        } else if (c instanceof Change.Refused r) {
            m.put("kind", "refused");
            m.put("reason", r.reason());
            m.put("droppedColumn", r.droppedColumn());
        } else if (c instanceof Change.SetVersionStatus v) {
            m.put("kind", "version_status");
            m.put("majorVersion", v.majorVersion());
            m.put("status", v.status());
            m.put("sunset", v.sunset());
        } else if (c instanceof Change.DropTable d) {
            m.put("kind", "drop_table");
            m.put("majorVersion", d.majorVersion());
            m.put("reason", d.reason());
        } else if (c instanceof Change.KeepTable k) {
            m.put("kind", "keep_table");
            m.put("majorVersion", k.majorVersion());
            m.put("reason", k.reason());
        } else if (c instanceof Change.Rollback r) {
            m.put("kind", "rollback");
            m.put("fromMajorVersion", r.fromMajorVersion());
            m.put("toMajorVersion", r.toMajorVersion());
        } else {
            m.put("kind", c.getClass().getSimpleName());
        }
        return m;
    }

    private static Map<String, Object> column(Column c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("type", c.type());
        m.put("logicalType", c.logicalType());
        m.put("nullable", c.nullable());
        m.put("classification", c.classification());
        return m;
    }

    /** The input document policies see for one product. */
    public PolicyInput input(ProductSource source, String event) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("event", event);
        doc.put("environment", environment);
        doc.put("product", writer.toMap(source.product()));
        List<Map<String, Object>> contracts = new ArrayList<>();
        for (ContractSource c : source.contracts()) {
            contracts.add(writer.toMap(c.contract()));
        }
        doc.put("contracts", contracts);
        Optional<DeploymentRecord> deployed =
                registry.get().deployments().current(source.product().id(), environment);
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

    /** Whether the rule ({@code package.rule}) is a policy test, by OPA's convention: its name starts with test_. */
    private static boolean policyTest(String rule) {
        return rule.substring(rule.lastIndexOf('.') + 1).startsWith("test_");
    }

    /** The rule of the findings about the policies' own data files, not about a product. */
    static final String POLICY_DATA = "policy-data";

    private static Diagnostic diagnostic(ProductSource source, PolicyFinding finding) {
        Location where = finding.location() != null ? finding.location() : Location.of(source.file());
        boolean error = finding.severity() == Severity.ERROR;
        if (POLICY_DATA.equals(finding.rule()) && !error) {
            // about a file of the policies: the same for every product, so worded without one and reported once
            return Diagnostic.warning(CODE, where, finding.message(), null);
        }
        Severity severity = error ? Severity.ERROR : Severity.WARNING;
        if (policyTest(finding.rule())) {
            // a policy test reads no product (OPA's convention: a rule named test_*): worded without one
            return new Diagnostic(
                    severity,
                    CODE,
                    where,
                    finding.message(),
                    "policy rule '" + finding.rule() + "': make the test true, or fix the policy it tests");
        }
        String message = (error ? "Cannot accept product '" : "Product '")
                + source.product().id() + "': " + finding.message();
        String hint = "policy rule '" + finding.rule() + "'"
                + (finding.details().isEmpty() ? "" : ", details " + finding.details());
        return new Diagnostic(severity, CODE, where, message, hint);
    }
}
