package dev.meshsdk.internal.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.AnnotationKeyword;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

/**
 * The official JSON Schemas vendored under {@code dev/meshsdk/schemas/}, each read and compiled once
 * per class loader (they are immutable and thread-safe), chosen by a document's {@code kind} and
 * {@code apiVersion}.
 */
final class SchemaCatalog {
    static final String PRODUCT = "DataProduct";
    static final String CONTRACT = "DataContract";
    static final List<String> PRODUCT_VERSIONS = List.of("v1.0.0", "v0.9.0");
    static final List<String> CONTRACT_VERSIONS =
            List.of("v3.1.0", "v3.0.2", "v3.0.1", "v3.0.0", "v2.2.2", "v2.2.1", "v2.2.0");

    /**
     * Draft 2019-09 whose unknown keywords are plain annotations: the ODCS schema keeps subschemas under
     * non-keyword keys ({@code ServerSource.ApiServer}, ...), and the default factory logs a warning for
     * each of them on every build.
     */
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.builder(
                    JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909))
            .metaSchema(JsonMetaSchema.builder(JsonMetaSchema.getV201909())
                    .unknownKeywordFactory((keyword, context) -> new AnnotationKeyword(keyword))
                    .build())
            .build();

    private SchemaCatalog() {}

    /** One compiled schema with its raw tree (used to find the known keys of an object for suggestions). */
    record Entry(String resource, JsonSchema schema, JsonNode raw) {}

    static Entry odps() {
        return Holder.ODPS;
    }

    static Entry odcs() {
        return Holder.ODCS;
    }

    /** Lazy holder: the schemas are compiled on first use, once. */
    private static final class Holder {
        static final Entry ODPS = load("odps-json-schema-v1.0.0.json");
        static final Entry ODCS = load("odcs-json-schema-v3.1.0.json");
    }

    private static Entry load(String name) {
        String resource = "/dev/meshsdk/schemas/" + name;
        try (InputStream in = SchemaCatalog.class.getResourceAsStream(resource)) {
            if (in == null) throw new MeshException(ErrorCode.INTERNAL, "Cannot find schema resource " + resource);
            JsonNode raw = new ObjectMapper().readTree(in);
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                    .pathType(PathType.JSON_POINTER)
                    .locale(Locale.ENGLISH)
                    .build();
            JsonSchema schema = FACTORY.getSchema(raw, config);
            schema.initializeValidators();
            return new Entry(resource, schema, raw);
        } catch (IOException e) {
            throw new MeshException(ErrorCode.INTERNAL, "Cannot read schema resource " + resource, e);
        }
    }
}
