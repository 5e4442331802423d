package dev.meshsdk.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshsdk.spi.registry.CatalogEntry;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The DataHub aspects of the export, in the JSON form DataHub's file source reads (a union is an object
 * keyed by the member's full name, {@code {"com.linkedin.schema.StringType": {}}}). Fields and defaults
 * follow the PDL models of DataHub v1.7.0.1 (metadata-models/src/main/pegasus/com/linkedin/...):
 * {@code dataset/DatasetProperties}, {@code schema/SchemaMetadata} and {@code schema/SchemaField},
 * {@code common/Ownership}, {@code common/Owner}, {@code common/OwnershipType}, {@code common/GlobalTags},
 * {@code common/Status}, {@code common/SubTypes}, {@code dataproduct/DataProductProperties} and
 * {@code dataproduct/DataProductAssociation}, {@code domain/DomainProperties}, {@code domain/Domains}.
 */
final class DataHubAspects {
    /** The actor of the audit stamps: DataHub's own system user, as its data product YAML tooling uses. */
    static final String ACTOR = "urn:li:corpuser:datahub";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private DataHubAspects() {}

    /** {@code datasetProperties}: the table's name, description, address and where it comes from in the mesh. */
    static ObjectNode datasetProperties(PortTable t) {
        CatalogEntry.Port p = t.port();
        ObjectNode a = JSON.objectNode();
        ObjectNode custom = a.putObject("customProperties");
        put(custom, "meshProduct", t.entry().productId());
        put(custom, "meshEnvironment", t.entry().environment());
        put(custom, "outputPort", p.name());
        put(custom, "portVersion", p.version());
        put(custom, "contractId", p.contractId());
        put(custom, "contractVersion", p.contractVersion());
        custom.put("contractMajorVersion", String.valueOf(p.majorVersion()));
        put(custom, "status", p.status());
        put(custom, "sunset", p.sunset());
        put(custom, "server", p.server());
        put(custom, "serverType", p.serverType());
        a.put("name", t.object());
        a.put("qualifiedName", t.address().qualified());
        if (p.description() != null) a.put("description", p.description());
        String address = p.datasets().stream()
                .filter(d -> t.object().equals(d.object()))
                .map(CatalogEntry.Dataset::address)
                .findFirst()
                .orElse(p.address());
        if (isUri(address)) a.put("uri", address);
        return a;
    }

    /** {@code schemaMetadata}: the table's columns, their types, keys and classifications. */
    static ObjectNode schemaMetadata(PortTable t) {
        ObjectNode a = JSON.objectNode();
        a.put("schemaName", t.object());
        a.put("platform", DataHubUrns.platform(t.address().platform()));
        a.put("version", 0L);
        ArrayNode fields = JSON.arrayNode();
        ArrayNode keys = JSON.arrayNode();
        for (CatalogEntry.Column c : t.columns()) {
            ObjectNode f = fields.addObject();
            f.put("fieldPath", c.name());
            f.put("nullable", !c.required());
            if (c.description() != null) f.put("description", c.description());
            f.putObject("type").putObject("type").putObject("com.linkedin.schema." + fieldType(c.logicalType()));
            f.put(
                    "nativeDataType",
                    c.physicalType() != null
                            ? c.physicalType()
                            : c.logicalType() != null ? c.logicalType() : "unknown");
            f.put("recursive", false);
            if (c.classification() != null) f.set("globalTags", globalTags(List.of(c.classification())));
            f.put("isPartOfKey", c.primaryKey());
            if (c.primaryKey()) keys.add(c.name());
        }
        a.put("hash", sha1(fields.toString()));
        a.putObject("platformSchema")
                .putObject("com.linkedin.schema.OtherSchema")
                .put("rawSchema", "");
        a.set("fields", fields);
        if (!keys.isEmpty()) a.set("primaryKeys", keys);
        return a;
    }

    /** {@code subTypes}: every port table is a table. */
    static ObjectNode subTypes() {
        ObjectNode a = JSON.objectNode();
        a.putArray("typeNames").add("Table");
        return a;
    }

    /** {@code ownership}: the team as a group ({@code TECHNICAL_OWNER}) and each member by role; null when none. */
    static ObjectNode ownership(CatalogEntry e) {
        CatalogEntry.Owner owner = e.owner();
        if (owner == null) return null;
        ArrayNode owners = JSON.arrayNode();
        if (owner.team() != null) {
            owners.addObject().put("owner", DataHubUrns.group(owner.team())).put("type", "TECHNICAL_OWNER");
        }
        for (CatalogEntry.Member m : owner.members()) {
            if (m.username() != null) {
                owners.addObject().put("owner", DataHubUrns.user(m.username())).put("type", ownershipType(m.role()));
            }
        }
        if (owners.isEmpty()) return null;
        ObjectNode a = JSON.objectNode();
        a.set("owners", owners);
        a.set("lastModified", stamp(e));
        return a;
    }

    /** {@code globalTags} of tag names; null when there are none. */
    static ObjectNode globalTags(List<String> names) {
        if (names.isEmpty()) return null;
        ObjectNode a = JSON.objectNode();
        ArrayNode tags = a.putArray("tags");
        names.stream().distinct().forEach(n -> tags.addObject().put("tag", DataHubUrns.tag(n)));
        return a;
    }

    /** {@code status}: not removed, so a re-export brings back what was soft-deleted while still deployed. */
    static ObjectNode status() {
        return JSON.objectNode().put("removed", false);
    }

    /** {@code dataProductProperties}: the product's name, description, facts and its tables as output ports. */
    static ObjectNode dataProductProperties(CatalogEntry e, List<String> assetUrns) {
        ObjectNode a = JSON.objectNode();
        ObjectNode custom = a.putObject("customProperties");
        put(custom, "meshEnvironment", e.environment());
        put(custom, "version", e.version());
        put(custom, "status", e.status());
        put(custom, "tenant", e.tenant());
        if (e.owner() != null) put(custom, "team", e.owner().team());
        a.put("name", e.displayName());
        if (e.description() != null) a.put("description", e.description());
        ArrayNode assets = a.putArray("assets");
        for (String urn : assetUrns)
            assets.addObject().put("destinationUrn", urn).put("outputPort", true);
        return a;
    }

    /** {@code domains} of an entity. */
    static ObjectNode domains(String domainUrn) {
        ObjectNode a = JSON.objectNode();
        a.putArray("domains").add(domainUrn);
        return a;
    }

    /** {@code domainProperties} of a domain named in the mesh. */
    static ObjectNode domainProperties(String name) {
        return JSON.objectNode().put("name", name);
    }

    /**
     * DataHub's type for an ODCS logical type; timestamps are {@code TimeType} as DataHub's SQL sources
     * map them, and a type it has no name for is {@code NullType}, as theirs do.
     */
    static String fieldType(String logicalType) {
        if (logicalType == null) return "NullType";
        return switch (logicalType.toLowerCase(Locale.ROOT)) {
            case "string" -> "StringType";
            case "integer", "number", "long", "double", "decimal" -> "NumberType";
            case "boolean" -> "BooleanType";
            case "date" -> "DateType";
            case "timestamp", "time", "datetime" -> "TimeType";
            case "array" -> "ArrayType";
            case "object", "record", "struct" -> "RecordType";
            default -> "NullType";
        };
    }

    /** A member's free-text role as DataHub's ownership type. */
    static String ownershipType(String role) {
        String r = role == null ? "" : role.toLowerCase(Locale.ROOT);
        if (r.contains("steward")) return "DATA_STEWARD";
        if (r.contains("business") || r.contains("product owner") || r.contains("product manager"))
            return "BUSINESS_OWNER";
        if (r.contains("owner")
                || r.contains("engineer")
                || r.contains("developer")
                || r.contains("technical")
                || r.contains("lead")
                || r.contains("maintainer")) {
            return "TECHNICAL_OWNER";
        }
        return "NONE";
    }

    private static ObjectNode stamp(CatalogEntry e) {
        return JSON.objectNode()
                .put("time", e.updatedAt() == null ? 0L : e.updatedAt().toEpochMilli())
                .put("actor", ACTOR);
    }

    private static void put(ObjectNode o, String key, String value) {
        if (value != null) o.put(key, value);
    }

    private static boolean isUri(String s) {
        if (s == null) return false;
        try {
            return new URI(s).isAbsolute();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** SchemaMetadata's {@code hash}: "the SHA1 hash of the schema content". */
    private static String sha1(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
    }
}
