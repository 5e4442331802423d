package dev.meshsdk.testkit;

import dev.meshsdk.model.CustomProperty;
import dev.meshsdk.model.DataContract;
import dev.meshsdk.model.OutputPort;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.model.Server;
import dev.meshsdk.model.SlaProperty;
import dev.meshsdk.model.Team;
import dev.meshsdk.spi.AccessGrant;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.ProductRef;
import dev.meshsdk.spi.policy.PolicyInput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small builders of contracts, ports and bindings for contract tests and adapter tests.
 *
 * <p>The standard fixture is product {@code orders} with output port {@code orders} and contract
 * {@code orders-contract} version {@code 1.0.0}, whose one schema object {@code orders} has the columns
 * {@code id} (integer, physical type {@code bigint}, required, primary key, subject key), {@code name}
 * (string) and {@code amount} (number, physical type {@code decimal(12,2)}). Contracts are records, so the
 * {@code with...} helpers return changed copies; use them to evolve a schema between two deploys.
 */
public final class Fixtures {
    /** The id of the standard product. */
    public static final String PRODUCT_ID = "orders";
    /** The name of the standard output port. */
    public static final String PORT_NAME = "orders";
    /** The id of the standard contract. */
    public static final String CONTRACT_ID = "orders-contract";
    /** The name of the standard contract's one schema object. */
    public static final String OBJECT_NAME = "orders";
    /** The environment fixtures bind to. */
    public static final String ENVIRONMENT = "dev";

    private Fixtures() {}

    // ---- properties ------------------------------------------------------------------------------

    /** A nullable property with no physical type, description or classification. */
    public static SchemaProperty property(String name, String logicalType) {
        return property(name, logicalType, null, false, null, null);
    }

    /** A property; {@code physicalType}, {@code description} and {@code classification} may be null. */
    public static SchemaProperty property(
            String name,
            String logicalType,
            String physicalType,
            boolean required,
            String description,
            String classification) {
        return new SchemaProperty(
                null,
                name,
                null,
                logicalType,
                physicalType,
                Map.of(),
                description,
                null,
                required,
                false,
                false,
                null,
                false,
                null,
                classification,
                List.of(),
                List.of(),
                List.of(),
                null,
                List.of(),
                Map.of());
    }

    /** {@code id}: integer stored as {@code bigint}, required, primary key and data subject key. */
    public static SchemaProperty idProperty() {
        return new SchemaProperty(
                null,
                "id",
                null,
                "integer",
                "bigint",
                Map.of(),
                "Order identifier",
                null,
                true,
                true,
                true,
                1,
                false,
                null,
                "internal",
                List.of(),
                List.of(),
                List.of(),
                null,
                List.of(new CustomProperty("subjectKey", true, null)),
                Map.of());
    }

    /** {@code name}: a nullable string, classified {@code restricted}. */
    public static SchemaProperty nameProperty() {
        return property("name", "string", null, false, "Customer name", "restricted");
    }

    /** {@code amount}: a nullable number stored as {@code decimal(12,2)}. */
    public static SchemaProperty amountProperty() {
        return property("amount", "number", "decimal(12,2)", false, "Order amount", null);
    }

    /** A copy of {@code p} with other logical and physical types. */
    public static SchemaProperty withType(SchemaProperty p, String logicalType, String physicalType) {
        return new SchemaProperty(
                p.id(),
                p.name(),
                p.physicalName(),
                logicalType,
                physicalType,
                p.logicalTypeOptions(),
                p.description(),
                p.businessName(),
                p.required(),
                p.unique(),
                p.primaryKey(),
                p.primaryKeyPosition(),
                p.partitioned(),
                p.partitionKeyPosition(),
                p.classification(),
                p.tags(),
                p.quality(),
                p.properties(),
                p.items(),
                p.customProperties(),
                p.extensions());
    }

    /** A copy of {@code p} with another description. */
    public static SchemaProperty withDescription(SchemaProperty p, String description) {
        return new SchemaProperty(
                p.id(),
                p.name(),
                p.physicalName(),
                p.logicalType(),
                p.physicalType(),
                p.logicalTypeOptions(),
                description,
                p.businessName(),
                p.required(),
                p.unique(),
                p.primaryKey(),
                p.primaryKeyPosition(),
                p.partitioned(),
                p.partitionKeyPosition(),
                p.classification(),
                p.tags(),
                p.quality(),
                p.properties(),
                p.items(),
                p.customProperties(),
                p.extensions());
    }

    /** A copy of {@code p} that is required or not. */
    public static SchemaProperty withRequired(SchemaProperty p, boolean required) {
        return new SchemaProperty(
                p.id(),
                p.name(),
                p.physicalName(),
                p.logicalType(),
                p.physicalType(),
                p.logicalTypeOptions(),
                p.description(),
                p.businessName(),
                required,
                p.unique(),
                p.primaryKey(),
                p.primaryKeyPosition(),
                p.partitioned(),
                p.partitionKeyPosition(),
                p.classification(),
                p.tags(),
                p.quality(),
                p.properties(),
                p.items(),
                p.customProperties(),
                p.extensions());
    }

    // ---- objects, servers, contracts ---------------------------------------------------------------

    /** A table-like schema object with the given properties. */
    public static SchemaObject object(String name, List<SchemaProperty> properties) {
        return new SchemaObject(
                null,
                name,
                null,
                "table",
                "object",
                "The " + name + " table",
                null,
                null,
                List.of(),
                properties,
                List.of(),
                List.of(),
                Map.of());
    }

    /** The standard {@code orders} object: {@code id}, {@code name}, {@code amount}. */
    public static SchemaObject ordersObject() {
        return object(OBJECT_NAME, List.of(idProperty(), nameProperty(), amountProperty()));
    }

    /** A server of {@code type} named {@code name}, serving every environment, with type-specific settings. */
    public static Server server(String name, String type, Map<String, Object> settings) {
        return new Server(name, type, null, null, settings, List.of(), Map.of());
    }

    /** A contract with the given id, version, servers and objects, owned by team {@code orders-team}. */
    public static DataContract contract(String id, String version, List<Server> servers, List<SchemaObject> objects) {
        return new DataContract(
                "v3.1.0",
                "DataContract",
                id,
                id,
                version,
                "active",
                "sales",
                PRODUCT_ID,
                null,
                null,
                servers,
                objects,
                List.of(),
                List.of(),
                new Team("orders-team", null, List.of(), Map.of()),
                List.of(),
                List.of(),
                Map.of());
    }

    /** The standard contract {@code orders-contract} 1.0.0 with the {@code orders} object, on {@code server}. */
    public static DataContract ordersContract(Server server) {
        return contract(CONTRACT_ID, "1.0.0", List.of(server), List.of(ordersObject()));
    }

    /** The standard contract without a server, for adapters whose binding supplies one. */
    public static DataContract ordersContract() {
        return contract(CONTRACT_ID, "1.0.0", List.of(), List.of(ordersObject()));
    }

    /** A copy of {@code c} with another version. */
    public static DataContract withVersion(DataContract c, String version) {
        return new DataContract(
                c.apiVersion(),
                c.kind(),
                c.id(),
                c.name(),
                version,
                c.status(),
                c.domain(),
                c.dataProduct(),
                c.tenant(),
                c.description(),
                c.servers(),
                c.schema(),
                c.roles(),
                c.slaProperties(),
                c.team(),
                c.tags(),
                c.customProperties(),
                c.extensions());
    }

    /** A copy of {@code c} with other schema objects. */
    public static DataContract withSchema(DataContract c, List<SchemaObject> schema) {
        return new DataContract(
                c.apiVersion(),
                c.kind(),
                c.id(),
                c.name(),
                c.version(),
                c.status(),
                c.domain(),
                c.dataProduct(),
                c.tenant(),
                c.description(),
                c.servers(),
                schema,
                c.roles(),
                c.slaProperties(),
                c.team(),
                c.tags(),
                c.customProperties(),
                c.extensions());
    }

    /** A copy of {@code c} with an SLA property set (replacing one of the same name). */
    public static DataContract withSla(DataContract c, String property, Object value, String unit) {
        List<SlaProperty> sla = new ArrayList<>();
        for (SlaProperty s : c.slaProperties()) {
            if (!property.equals(s.property())) sla.add(s);
        }
        sla.add(new SlaProperty(property, value, null, unit, null, null, Map.of()));
        return new DataContract(
                c.apiVersion(),
                c.kind(),
                c.id(),
                c.name(),
                c.version(),
                c.status(),
                c.domain(),
                c.dataProduct(),
                c.tenant(),
                c.description(),
                c.servers(),
                c.schema(),
                c.roles(),
                sla,
                c.team(),
                c.tags(),
                c.customProperties(),
                c.extensions());
    }

    /** A copy of {@code c} whose object {@code objectName} has {@code property} added, or replaced when one has its name. */
    public static DataContract withProperty(DataContract c, String objectName, SchemaProperty property) {
        return mapObject(c, objectName, o -> {
            List<SchemaProperty> props = new ArrayList<>();
            boolean replaced = false;
            for (SchemaProperty p : o.properties()) {
                if (p.name().equals(property.name())) {
                    props.add(property);
                    replaced = true;
                } else {
                    props.add(p);
                }
            }
            if (!replaced) props.add(property);
            return withProperties(o, props);
        });
    }

    /** A copy of {@code c} whose object {@code objectName} lacks the property {@code propertyName}. */
    public static DataContract withoutProperty(DataContract c, String objectName, String propertyName) {
        return mapObject(
                c,
                objectName,
                o -> withProperties(
                        o,
                        o.properties().stream()
                                .filter(p -> !p.name().equals(propertyName))
                                .toList()));
    }

    /** The property {@code propertyName} of object {@code objectName} of {@code c}. */
    public static SchemaProperty propertyOf(DataContract c, String objectName, String propertyName) {
        return c.schema().stream()
                .filter(o -> o.name().equals(objectName))
                .findFirst()
                .flatMap(o -> o.properties().stream()
                        .filter(p -> p.name().equals(propertyName))
                        .findFirst())
                .orElseThrow(() -> new IllegalArgumentException(
                        "Cannot find property " + objectName + "." + propertyName + " in contract " + c.id()));
    }

    private static SchemaObject withProperties(SchemaObject o, List<SchemaProperty> props) {
        return new SchemaObject(
                o.id(),
                o.name(),
                o.physicalName(),
                o.physicalType(),
                o.logicalType(),
                o.description(),
                o.businessName(),
                o.dataGranularityDescription(),
                o.tags(),
                props,
                o.quality(),
                o.customProperties(),
                o.extensions());
    }

    private static DataContract mapObject(
            DataContract c, String objectName, java.util.function.UnaryOperator<SchemaObject> f) {
        boolean found = false;
        List<SchemaObject> objects = new ArrayList<>();
        for (SchemaObject o : c.schema()) {
            if (o.name().equals(objectName)) {
                objects.add(f.apply(o));
                found = true;
            } else {
                objects.add(o);
            }
        }
        if (!found) {
            throw new IllegalArgumentException("Cannot find object '" + objectName + "' in contract " + c.id());
        }
        return withSchema(c, objects);
    }

    // ---- ports and bindings ----------------------------------------------------------------------------

    /** The standard product reference: {@code orders} 1.0.0, domain {@code sales}, team {@code orders-team}. */
    public static ProductRef product() {
        return new ProductRef(PRODUCT_ID, "Orders", "1.0.0", "sales", "orders-team");
    }

    /** An output port named {@code name} described by contract {@code contractId}. */
    public static OutputPort outputPort(String name, String contractId) {
        return new OutputPort(
                name, "The " + name + " port", "tables", "1.0.0", contractId, List.of(), List.of(), Map.of());
    }

    /** The standard binding of the {@code orders} port in {@code dev}: {@code contract} on {@code server}. */
    public static PortBinding binding(DataContract contract, Server server) {
        return binding(contract, server, List.of());
    }

    /** The standard binding of the {@code orders} port in {@code dev} with the given access. */
    public static PortBinding binding(DataContract contract, Server server, List<AccessGrant> access) {
        return new PortBinding(product(), outputPort(PORT_NAME, contract.id()), contract, server, ENVIRONMENT, access);
    }

    /** A copy of {@code b} with another contract: same product, port, server, environment and access. */
    public static PortBinding withContract(PortBinding b, DataContract contract) {
        return new PortBinding(b.product(), b.port(), contract, b.server(), b.environment(), b.access());
    }

    /** A copy of {@code b} with other access grants. */
    public static PortBinding withAccess(PortBinding b, List<AccessGrant> access) {
        return new PortBinding(b.product(), b.port(), b.contract(), b.server(), b.environment(), access);
    }

    // ---- policy ----------------------------------------------------------------------------------------

    /**
     * A policy input document for a deploy of product {@code productId} to {@code dev}. {@code team} is the
     * owning team, or null for a product without an owner (what a typical policy denies).
     */
    public static PolicyInput policyInput(String productId, String team) {
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("id", productId);
        product.put("version", "1.0.0");
        product.put("domain", "sales");
        if (team != null) product.put("team", Map.of("name", team));
        product.put("outputPorts", List.of(Map.of("name", PORT_NAME, "contractId", CONTRACT_ID)));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("event", "deploy");
        doc.put("product", product);
        doc.put("contracts", List.of(Map.of("id", CONTRACT_ID, "version", "1.0.0")));
        doc.put("deployed", null);
        doc.put("environment", ENVIRONMENT);
        return new PolicyInput(doc);
    }
}
