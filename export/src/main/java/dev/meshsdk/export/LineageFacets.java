package dev.meshsdk.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.QualityRecord;
import java.util.Locale;

/**
 * The OpenLineage facets the export writes, each stamped with the producer and the {@code $id} of the
 * facet schema it was checked against (the schemas vendored in this module's test resources, OpenLineage
 * spec at commit 8f02abfb, 2026-08-20). Only facets with an official schema are written.
 */
final class LineageFacets {
    static final String SCHEMA =
            "https://openlineage.io/spec/facets/1-2-0/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet";
    static final String DATA_SOURCE =
            "https://openlineage.io/spec/facets/1-0-1/DatasourceDatasetFacet.json#/$defs/DatasourceDatasetFacet";
    static final String OWNERSHIP =
            "https://openlineage.io/spec/facets/1-0-1/OwnershipDatasetFacet.json#/$defs/OwnershipDatasetFacet";
    static final String DOCUMENTATION =
            "https://openlineage.io/spec/facets/1-1-0/DocumentationDatasetFacet.json#/$defs/DocumentationDatasetFacet";
    static final String TAGS = "https://openlineage.io/spec/facets/1-0-0/TagsDatasetFacet.json#/$defs/TagsDatasetFacet";
    static final String ASSERTIONS =
            "https://openlineage.io/spec/facets/1-1-0/DataQualityAssertionsDatasetFacet.json#/$defs/DataQualityAssertionsDatasetFacet";
    static final String JOB_TYPE =
            "https://openlineage.io/spec/facets/2-0-4/JobTypeJobFacet.json#/$defs/JobTypeJobFacet";
    static final String JOB_DOCUMENTATION =
            "https://openlineage.io/spec/facets/1-1-0/DocumentationJobFacet.json#/$defs/DocumentationJobFacet";
    static final String JOB_OWNERSHIP =
            "https://openlineage.io/spec/facets/1-0-1/OwnershipJobFacet.json#/$defs/OwnershipJobFacet";

    /** The integration named in the job type facet and the source of the tags this export sets. */
    static final String INTEGRATION = "MESH_SDK";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private final String producer;

    LineageFacets(String producer) {
        this.producer = producer;
    }

    /** The dataset facets of a table: schema, dataSource, documentation, ownership, tags (those with content). */
    ObjectNode dataset(PortTable table) {
        ObjectNode facets = JSON.objectNode();
        ObjectNode schema = facet(SCHEMA);
        ArrayNode fields = schema.putArray("fields");
        int position = 1;
        for (CatalogEntry.Column c : table.columns()) {
            ObjectNode f = fields.addObject().put("name", c.name());
            String type = c.physicalType() != null ? c.physicalType() : c.logicalType();
            if (type != null) f.put("type", type);
            if (c.description() != null) f.put("description", c.description());
            f.put("ordinal_position", position++);
        }
        facets.set("schema", schema);
        facets.set(
                "dataSource",
                facet(DATA_SOURCE)
                        .put("name", table.address().namespace())
                        .put("uri", table.address().sourceUri()));
        String description = table.port().description() != null
                ? table.port().description()
                : table.entry().description();
        if (description != null)
            facets.set("documentation", facet(DOCUMENTATION).put("description", description));
        ArrayNode owners = owners(table.entry().owner());
        if (!owners.isEmpty()) facets.set("ownership", facet(OWNERSHIP).set("owners", owners));
        ArrayNode tags = tags(table);
        if (!tags.isEmpty()) facets.set("tags", facet(TAGS).set("tags", tags));
        return facets;
    }

    /**
     * The results of one quality record that apply to a table, as a {@code dataQualityAssertions} facet:
     * assertion = the rule, success = it passed, column = the column it was written on; null when none applies.
     */
    ObjectNode assertions(PortTable table, QualityRecord record) {
        ArrayNode list = JSON.arrayNode();
        for (QualityRecord.Result r : record.results()) {
            PortTable.Scope scope = table.scopeOf(r);
            if (!scope.applies()) continue;
            ObjectNode a = list.addObject().put("assertion", r.rule()).put("success", "PASSED".equals(r.status()));
            if (scope.column() != null) a.put("column", scope.column());
            if (r.severity() != null) a.put("severity", r.severity().toLowerCase(Locale.ROOT));
            if (r.threshold() != null) a.put("expected", r.threshold());
            if (r.measured() != null) a.put("actual", r.measured().toPlainString());
            if (r.metric() != null) a.putObject("params").put("metric", r.metric());
        }
        return list.isEmpty() ? null : facet(ASSERTIONS).set("assertions", list);
    }

    /** The job facets of a product's job: its type, description and owners. */
    ObjectNode job(CatalogEntry entry, String jobType) {
        ObjectNode facets = JSON.objectNode();
        facets.set(
                "jobType",
                facet(JOB_TYPE)
                        .put("processingType", "BATCH")
                        .put("integration", INTEGRATION)
                        .put("jobType", jobType));
        if (entry.description() != null) {
            facets.set("documentation", facet(JOB_DOCUMENTATION).put("description", entry.description()));
        }
        ArrayNode owners = owners(entry.owner());
        if (!owners.isEmpty()) facets.set("ownership", facet(JOB_OWNERSHIP).set("owners", owners));
        return facets;
    }

    /** The owning team ({@code team:<team>}) and its members ({@code user:<username>}, their role as the type). */
    private static ArrayNode owners(CatalogEntry.Owner owner) {
        ArrayNode owners = JSON.arrayNode();
        if (owner == null) return owners;
        if (owner.team() != null) owners.addObject().put("name", "team:" + owner.team());
        for (CatalogEntry.Member m : owner.members()) {
            if (m.username() == null) continue;
            ObjectNode o = owners.addObject().put("name", "user:" + m.username());
            if (m.role() != null) o.put("type", m.role());
        }
        return owners;
    }

    /** The product's tags, and each column's classification and subject key. */
    private static ArrayNode tags(PortTable table) {
        ArrayNode tags = JSON.arrayNode();
        for (String t : table.entry().tags()) {
            tags.addObject().put("key", t).put("value", "true").put("source", INTEGRATION);
        }
        for (CatalogEntry.Column c : table.columns()) {
            if (c.classification() != null) {
                tags.addObject()
                        .put("key", "classification")
                        .put("value", c.classification())
                        .put("source", INTEGRATION)
                        .put("field", c.name());
            }
            if (c.subjectKey() != null) {
                tags.addObject()
                        .put("key", "subjectKey")
                        .put("value", c.subjectKey())
                        .put("source", INTEGRATION)
                        .put("field", c.name());
            }
        }
        return tags;
    }

    private ObjectNode facet(String schemaUrl) {
        return JSON.objectNode().put("_producer", producer).put("_schemaURL", schemaUrl);
    }
}
