package dev.meshsdk.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.AllowSchemaLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Validates OpenLineage events against the official schemas vendored under {@code openlineage/} in the
 * test resources (see SOURCES.txt there): the event against {@code OpenLineage.json} (as a whole, a oneOf
 * of the event kinds, and as a {@code RunEvent}), and every facet it carries against the schema of that
 * facet, whose {@code $id} its {@code _schemaURL} must name. A facet without a vendored schema is a problem
 * too, so nothing reaches a lineage server unchecked. The facet schemas {@code $ref} the core schema by URL;
 * those URLs are mapped to the vendored files and any other remote schema is refused: no network.
 */
final class OpenLineageSchemas {
    static final String CORE_ID = "https://openlineage.io/spec/2-0-2/OpenLineage.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FACET_FILES = List.of(
            "SchemaDatasetFacet",
            "DatasourceDatasetFacet",
            "DocumentationDatasetFacet",
            "OwnershipDatasetFacet",
            "TagsDatasetFacet",
            "DataQualityAssertionsDatasetFacet",
            "JobTypeJobFacet",
            "DocumentationJobFacet",
            "OwnershipJobFacet");

    private final JsonSchema event;
    private final JsonSchema runEvent;
    /** Facet key ("schema", "ownership") to its schema, for job facets and for dataset facets apart. */
    private final Map<String, Facet> jobFacets = new HashMap<>();

    private final Map<String, Facet> datasetFacets = new HashMap<>();

    private record Facet(String id, JsonSchema schema) {}

    OpenLineageSchemas() {
        Map<String, String> local = new LinkedHashMap<>();
        local.put(CORE_ID, "classpath:openlineage/OpenLineage.json");
        Map<String, JsonNode> facetTrees = new LinkedHashMap<>();
        for (String f : FACET_FILES) {
            JsonNode tree = read("openlineage/facets/" + f + ".json");
            local.put(tree.get("$id").asText(), "classpath:openlineage/facets/" + f + ".json");
            facetTrees.put(f, tree);
        }
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(
                SpecVersion.VersionFlag.V202012, b -> b.schemaMappers(m -> m.mappings(local::get))
                        .schemaLoaders(l -> l.values(loaders -> loaders.add(
                                0, new AllowSchemaLoader(iri -> iri.toString().startsWith("classpath:"))))));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_POINTER)
                .locale(Locale.ENGLISH)
                .build();
        event = factory.getSchema(SchemaLocation.of(CORE_ID), config);
        runEvent = factory.getSchema(SchemaLocation.of(CORE_ID + "#/$defs/RunEvent"), config);
        event.initializeValidators();
        runEvent.initializeValidators();
        facetTrees.forEach((file, tree) -> {
            String id = tree.get("$id").asText();
            JsonSchema schema = factory.getSchema(SchemaLocation.of(id), config);
            schema.initializeValidators();
            Map<String, Facet> kind = file.endsWith("JobFacet") ? jobFacets : datasetFacets;
            tree.get("properties").fieldNames().forEachRemaining(key -> kind.put(key, new Facet(id, schema)));
        });
    }

    /** Every problem of an event; empty when it and all its facets are valid. */
    List<String> problems(JsonNode e) {
        List<String> out = new ArrayList<>();
        event.validate(e).forEach(m -> out.add("event: " + m.getMessage()));
        runEvent.validate(e).forEach(m -> out.add("RunEvent: " + m.getMessage()));
        facets(e.path("job").path("facets"), "/job/facets", jobFacets, out);
        if (e.path("run").has("facets")) out.add("/run/facets: no run facet schema is vendored");
        for (String side : List.of("inputs", "outputs")) {
            for (int i = 0; i < e.path(side).size(); i++) {
                JsonNode d = e.path(side).get(i);
                String at = "/" + side + "/" + i;
                facets(d.path("facets"), at + "/facets", datasetFacets, out);
                facets(d.path("inputFacets"), at + "/inputFacets", datasetFacets, out);
                facets(d.path("outputFacets"), at + "/outputFacets", datasetFacets, out);
            }
        }
        return out;
    }

    private static void facets(JsonNode facets, String at, Map<String, Facet> schemas, List<String> out) {
        if (facets.isMissingNode()) return;
        facets.properties().forEach(f -> {
            Facet schema = schemas.get(f.getKey());
            if (schema == null) {
                out.add(at + "/" + f.getKey() + ": no vendored schema for this facet");
                return;
            }
            String url = f.getValue().path("_schemaURL").asText();
            if (!url.startsWith(schema.id() + "#")) {
                out.add(at + "/" + f.getKey() + ": _schemaURL '" + url + "' does not name " + schema.id());
            }
            for (ValidationMessage m :
                    schema.schema().validate(JSON.createObjectNode().set(f.getKey(), f.getValue()))) {
                out.add(at + "/" + f.getKey() + ": " + m.getMessage());
            }
        });
    }

    private static JsonNode read(String resource) {
        try (InputStream in = OpenLineageSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing test resource " + resource);
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
