package dev.meshsdk.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshCatalog;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.registry.CatalogEntry;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The catalog as a DataHub metadata file: the JSON array of metadata change proposals that DataHub's
 * {@code file} source reads ({@code datahub ingest} with {@code source: {type: file, config: {path: ...}}}).
 * Each proposal is {@code {entityType, entityUrn, changeType: "UPSERT", aspectName, aspect: {"json": {...}}}},
 * the form DataHub's file sink writes and its own golden test files hold. Followed: DataHub v1.7.0.1
 * (metadata-ingestion's file source, metadata-models' PDL aspects and entity registry).
 *
 * <p>Written per environment: each product's domain as a {@code domain} ({@code domainProperties}); each
 * table of its live output ports as a {@code dataset} ({@code datasetProperties}, {@code schemaMetadata},
 * {@code subTypes}, {@code ownership}, {@code globalTags}, {@code status}); each product as a
 * {@code dataProduct} ({@code dataProductProperties} with its tables as output-port assets, {@code domains},
 * {@code ownership}, {@code globalTags}, {@code status}). Dataset URNs carry the fabric of the environment
 * ({@code prod} is {@code PROD}, {@code dev} is {@code DEV}, ...). Every aspect is written whole (UPSERT),
 * so a re-export leaves DataHub as the catalog is; nothing else in DataHub is touched.
 *
 * <p>Building has no side effects; instances are immutable and thread-safe.
 */
public final class DataHubExport {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper WRITER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final String fabric;

    private DataHubExport(String fabric) {
        this.fabric = fabric;
    }

    /** An export naming the fabric after each entry's environment. */
    public static DataHubExport create() {
        return new DataHubExport(null);
    }

    /**
     * This export putting every dataset in {@code fabric} (one of DataHub's {@code FabricType} values,
     * e.g. {@code PROD}, {@code DEV}) whatever the environment is called.
     */
    public DataHubExport fabric(String fabric) {
        String f = fabric == null ? "" : fabric.trim().toUpperCase(Locale.ROOT);
        if (!DataHubUrns.FABRICS.contains(f)) {
            throw new MeshException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "Cannot use '" + fabric + "' as a DataHub" + " fabric; use one of "
                            + DataHubUrns.FABRICS.stream().sorted().toList());
        }
        return new DataHubExport(f);
    }

    /** The proposals for every product of a catalog's environment. */
    public ArrayNode proposals(MeshCatalog catalog) {
        return proposals(catalog.products());
    }

    /**
     * The proposals for the given products: domains first, then each product's datasets and the product,
     * by product id, so that a reader meets an entity before what refers to it.
     */
    public ArrayNode proposals(List<CatalogEntry> entries) {
        List<CatalogEntry> sorted = entries.stream()
                .sorted(Comparator.comparing(CatalogEntry::productId).thenComparing(CatalogEntry::environment))
                .toList();
        ArrayNode out = JSON.arrayNode();
        Map<String, String> domains = new LinkedHashMap<>();
        for (CatalogEntry e : sorted) {
            if (e.domain() != null && !e.domain().isBlank())
                domains.putIfAbsent(DataHubUrns.domain(e.domain()), e.domain());
        }
        domains.forEach(
                (urn, name) -> add(out, "domain", urn, "domainProperties", DataHubAspects.domainProperties(name)));
        Set<String> datasets = new LinkedHashSet<>();
        for (CatalogEntry e : sorted) {
            String envFabric = DataHubUrns.fabric(e.environment(), fabric);
            List<String> assets = new ArrayList<>();
            for (PortTable t : PortTable.live(e)) {
                String urn = DataHubUrns.dataset(t.address(), envFabric);
                if (!assets.contains(urn)) assets.add(urn);
                if (!datasets.add(urn)) continue;
                add(out, "dataset", urn, "datasetProperties", DataHubAspects.datasetProperties(t));
                add(out, "dataset", urn, "schemaMetadata", DataHubAspects.schemaMetadata(t));
                add(out, "dataset", urn, "subTypes", DataHubAspects.subTypes());
                add(out, "dataset", urn, "ownership", DataHubAspects.ownership(e));
                add(out, "dataset", urn, "globalTags", DataHubAspects.globalTags(e.tags()));
                add(out, "dataset", urn, "status", DataHubAspects.status());
            }
            String product = DataHubUrns.dataProduct(e.productId());
            add(out, "dataProduct", product, "dataProductProperties", DataHubAspects.dataProductProperties(e, assets));
            if (e.domain() != null && !e.domain().isBlank()) {
                add(out, "dataProduct", product, "domains", DataHubAspects.domains(DataHubUrns.domain(e.domain())));
            }
            add(out, "dataProduct", product, "ownership", DataHubAspects.ownership(e));
            add(out, "dataProduct", product, "globalTags", DataHubAspects.globalTags(e.tags()));
            add(out, "dataProduct", product, "status", DataHubAspects.status());
        }
        return out;
    }

    /** Writes the proposals for every product of a catalog's environment to {@code file}. */
    public void write(MeshCatalog catalog, Path file) {
        write(catalog.products(), file);
    }

    /**
     * Writes the proposals for the given products to {@code file} (pretty-printed JSON), replacing it
     * whole: the file is written next to it and moved into place, so a reader never sees half of it.
     *
     * @throws MeshException {@code STORAGE_FAILURE} when the file cannot be written
     */
    public void write(List<CatalogEntry> entries, Path file) {
        ArrayNode proposals = proposals(entries);
        Path target = file.toAbsolutePath();
        Path temp = null;
        try {
            Files.createDirectories(target.getParent());
            temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            WRITER.writeValue(temp.toFile(), proposals);
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new MeshException(
                    ErrorCode.STORAGE_FAILURE,
                    "Cannot write the DataHub metadata file " + file + ": "
                            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage())
                            + "; check that its folder can be created and written",
                    e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the temporary file is left behind; the export itself is complete or already failed
                }
            }
        }
    }

    /** One UPSERT proposal; an absent aspect (no owners, no tags) is not proposed. */
    private static void add(ArrayNode out, String entityType, String urn, String aspectName, ObjectNode aspect) {
        if (aspect == null) return;
        ObjectNode mcp = out.addObject();
        mcp.put("entityType", entityType);
        mcp.put("entityUrn", urn);
        mcp.put("changeType", "UPSERT");
        mcp.put("aspectName", aspectName);
        mcp.putObject("aspect").set("json", aspect);
    }
}
