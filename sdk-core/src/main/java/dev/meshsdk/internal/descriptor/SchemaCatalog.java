package dev.meshsdk.internal.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.AnnotationKeyword;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The official JSON Schemas vendored under {@code dev/meshsdk/schemas/}, one per supported
 * {@code apiVersion} of each standard, each read and compiled on first use, once per class loader (they
 * are immutable and thread-safe).
 */
final class SchemaCatalog {
    static final String PRODUCT = "DataProduct";
    static final String CONTRACT = "DataContract";
    /** ODPS versions with a vendored schema, newest first. */
    static final List<String> PRODUCT_VERSIONS = List.of("v1.0.0", "v0.9.0");
    /**
     * ODCS versions with a vendored schema, newest first. ODCS v2 is a different document shape the SDK
     * does not read (v2.2.0 has no published schema at all), and v3.2.0 is not released.
     */
    static final List<String> CONTRACT_VERSIONS = List.of("v3.1.0", "v3.0.2", "v3.0.1", "v3.0.0");

    /**
     * Draft 2019-09 whose unknown keywords are plain annotations: the ODCS schema keeps subschemas under
     * non-keyword keys ({@code ServerSource.ApiServer}, ...), and the default factory logs a warning for
     * each of them on every build. Made on the first compilation only (a holder class): a run whose
     * documents all pass {@link SchemaPrecheck} never loads the validator's classes.
     */
    private static final class Factory {
        static final JsonSchemaFactory INSTANCE = JsonSchemaFactory.builder(
                        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909))
                .metaSchema(JsonMetaSchema.builder(JsonMetaSchema.getV201909())
                        .unknownKeywordFactory((keyword, context) -> new AnnotationKeyword(keyword))
                        .build())
                .build();
    }

    /**
     * Compiled schemas by resource name; a schema no document asked for is never compiled. One holder per
     * schema, so that two schemas compile at once on two threads (a map's computeIfAbsent may hold a lock
     * shared by several keys for the whole second a compilation takes).
     */
    private static final Map<String, Compiled> COMPILED = new ConcurrentHashMap<>();
    /** The schemas' trees by resource name, read without compiling them. */
    private static final Map<String, JsonNode> RAW = new ConcurrentHashMap<>();
    /** The quick checks by resource name. */
    private static final Map<String, SchemaPrecheck> PRECHECKS = new ConcurrentHashMap<>();

    private SchemaCatalog() {}

    /**
     * One compiled schema with its raw tree (used to find the known keys of an object for suggestions).
     *
     * @param standard   {@code ODPS} or {@code ODCS}
     * @param apiVersion the {@code apiVersion} the schema is the official schema of
     */
    record Entry(String standard, String apiVersion, String resource, JsonSchema schema, JsonNode raw) {}

    /** The supported versions of the standard of {@code kind}, newest first. */
    static List<String> versions(String kind) {
        return kind.equals(PRODUCT) ? PRODUCT_VERSIONS : CONTRACT_VERSIONS;
    }

    /** {@code ODPS} or {@code ODCS}, the standard that defines {@code kind}. */
    static String standard(String kind) {
        return kind.equals(PRODUCT) ? "ODPS" : "ODCS";
    }

    /** The official schema of one supported version; {@code apiVersion} must be one of {@link #versions}. */
    static Entry schema(String kind, String apiVersion) {
        if (!versions(kind).contains(apiVersion)) {
            throw new IllegalArgumentException("Cannot find a schema for " + kind + " " + apiVersion);
        }
        String name = resourceName(kind, apiVersion);
        return COMPILED.computeIfAbsent(name, n -> new Compiled())
                .get(() -> load(standard(kind), apiVersion, resource(name)));
    }

    /** The schema of the newest supported version of the standard of {@code kind}. */
    static Entry latest(String kind) {
        return schema(kind, versions(kind).get(0));
    }

    /** The quick check of one supported version's schema, on its raw tree (read, not compiled). */
    static SchemaPrecheck precheck(String kind, String apiVersion) {
        if (!versions(kind).contains(apiVersion)) {
            throw new IllegalArgumentException("Cannot find a schema for " + kind + " " + apiVersion);
        }
        String resource = resource(resourceName(kind, apiVersion));
        return PRECHECKS.computeIfAbsent(resource, r -> new SchemaPrecheck(raw(r)));
    }

    /** The tree of the newest supported schema of {@code kind}, read but not compiled (a fraction of the cost). */
    static JsonNode latestRaw(String kind) {
        return raw(resource(resourceName(kind, versions(kind).get(0))));
    }

    private static String resourceName(String kind, String apiVersion) {
        return standard(kind).toLowerCase(Locale.ROOT) + "-json-schema-" + apiVersion + ".json";
    }

    private static String resource(String name) {
        return "/dev/meshsdk/schemas/" + name;
    }

    private static JsonNode raw(String resource) {
        return RAW.computeIfAbsent(resource, r -> {
            try (InputStream in = SchemaCatalog.class.getResourceAsStream(r)) {
                if (in == null) throw new MeshException(ErrorCode.INTERNAL, "Cannot find schema resource " + r);
                return JsonTrees.read(in);
            } catch (IOException e) {
                throw new MeshException(ErrorCode.INTERNAL, "Cannot read schema resource " + r, e);
            }
        });
    }

    private static Entry load(String standard, String apiVersion, String resource) {
        JsonNode raw = raw(resource);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .locale(Locale.ENGLISH)
                .build();
        JsonSchema schema = Factory.INSTANCE.getSchema(raw, config);
        schema.initializeValidators();
        return new Entry(standard, apiVersion, resource, schema, raw);
    }

    /** One schema, compiled by the first thread that asks; the others wait for it. A failure is not kept. */
    private static final class Compiled {
        private Entry entry;

        synchronized Entry get(Supplier<Entry> compile) {
            if (entry == null) entry = compile.get();
            return entry;
        }
    }
}
