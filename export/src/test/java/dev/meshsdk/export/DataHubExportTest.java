package dev.meshsdk.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.registry.CatalogEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DataHub metadata file, checked against what DataHub v1.7.0.1 documents: the file source reads a JSON
 * array of MCPs {@code {entityType, entityUrn, changeType, aspectName, aspect: {json}}}; the entity registry
 * (metadata-models/src/main/resources/entity-registry.yml) lists the aspects each entity type takes.
 */
class DataHubExportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORDERS = "urn:li:dataset:(urn:li:dataPlatform:postgres,shop.sales.orders,PROD)";
    private static final String REVENUE =
            "urn:li:dataset:(urn:li:dataPlatform:s3,finance-data/products/daily-revenue/daily_revenue,PROD)";
    /** From DataHub's entity registry: the aspects of each entity type this export writes. */
    private static final Map<String, Set<String>> REGISTRY = Map.of(
            "dataset",
                    Set.of(
                            "datasetProperties",
                            "schemaMetadata",
                            "subTypes",
                            "ownership",
                            "globalTags",
                            "status",
                            "domains"),
            "dataProduct", Set.of("dataProductProperties", "domains", "ownership", "globalTags", "status"),
            "domain", Set.of("domainProperties", "ownership"));

    @TempDir
    Path dir;

    private final ArrayNode mcps = DataHubExport.create().proposals(MeshFixture.entries());

    private JsonNode aspect(String urn, String name) {
        return StreamSupport.stream(mcps.spliterator(), false)
                .filter(m -> m.get("entityUrn").asText().equals(urn)
                        && m.get("aspectName").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " for " + urn))
                .at("/aspect/json");
    }

    private List<String> urns(String entityType) {
        return StreamSupport.stream(mcps.spliterator(), false)
                .filter(m -> m.get("entityType").asText().equals(entityType))
                .map(m -> m.get("entityUrn").asText())
                .distinct()
                .toList();
    }

    @Test
    void everyProposalHasTheDocumentedFieldsAndAnAspectItsEntityTakes() {
        assertThat(mcps).isNotEmpty();
        for (JsonNode m : mcps) {
            List<String> fields = new ArrayList<>();
            m.fieldNames().forEachRemaining(fields::add);
            assertThat(fields)
                    .as(m.toString())
                    .containsExactly("entityType", "entityUrn", "changeType", "aspectName", "aspect");
            assertThat(m.get("changeType").asText()).isEqualTo("UPSERT");
            assertThat(m.get("entityUrn").asText())
                    .startsWith("urn:li:" + m.get("entityType").asText() + ":");
            assertThat(REGISTRY.get(m.get("entityType").asText()))
                    .as(m.toString())
                    .contains(m.get("aspectName").asText());
            assertThat(m.get("aspect").size()).isEqualTo(1);
            assertThat(m.at("/aspect/json").isObject()).isTrue();
        }
    }

    @Test
    void urns() {
        assertThat(urns("domain")).containsExactly("urn:li:domain:finance", "urn:li:domain:sales");
        assertThat(urns("dataset")).containsExactly(REVENUE, ORDERS);
        assertThat(urns("dataProduct"))
                .containsExactly("urn:li:dataProduct:daily-revenue", "urn:li:dataProduct:orders");
        // an entity comes before what refers to it
        assertThat(mcps.get(0).get("entityType").asText()).isEqualTo("domain");
    }

    @Test
    void productsListTheirTablesAsOutputPortsAndBelongToTheirDomain() {
        JsonNode props = aspect("urn:li:dataProduct:orders", "dataProductProperties");
        assertThat(props.get("name").asText()).isEqualTo("Orders");
        assertThat(props.get("description").asText()).isEqualTo("Orders as the shop takes them");
        assertThat(props.get("assets")).hasSize(1);
        assertThat(props.at("/assets/0/destinationUrn").asText()).isEqualTo(ORDERS);
        assertThat(props.at("/assets/0/outputPort").asBoolean()).isTrue();
        assertThat(props.at("/customProperties/version").asText()).isEqualTo("1.2.0");
        assertThat(props.at("/customProperties/team").asText()).isEqualTo("sales-data");
        assertThat(aspect("urn:li:dataProduct:orders", "domains").get("domains"))
                .extracting(JsonNode::asText)
                .containsExactly("urn:li:domain:sales");
        assertThat(aspect("urn:li:domain:sales", "domainProperties").get("name").asText())
                .isEqualTo("Sales");
        assertThat(aspect("urn:li:dataProduct:orders", "globalTags")
                        .at("/tags/0/tag")
                        .asText())
                .isEqualTo("urn:li:tag:gold");
    }

    @Test
    void datasetsCarryTheirSchemaOwnersAndClassifications() {
        JsonNode props = aspect(ORDERS, "datasetProperties");
        assertThat(props.get("name").asText()).isEqualTo("orders");
        assertThat(props.get("qualifiedName").asText()).isEqualTo("shop.sales.orders");
        assertThat(props.get("uri").asText()).isEqualTo("postgresql://db.internal:5432/shop/sales.orders");
        assertThat(props.at("/customProperties/meshProduct").asText()).isEqualTo("orders");
        assertThat(props.at("/customProperties/contractMajorVersion").asText()).isEqualTo("2");
        props.get("customProperties").forEach(v -> assertThat(v.isTextual()).isTrue());

        JsonNode schema = aspect(ORDERS, "schemaMetadata");
        assertThat(schema.get("schemaName").asText()).isEqualTo("orders");
        assertThat(schema.get("platform").asText()).isEqualTo("urn:li:dataPlatform:postgres");
        assertThat(schema.get("version").asLong()).isZero();
        assertThat(schema.get("hash").asText()).matches("[0-9a-f]{40}");
        assertThat(schema.at("/platformSchema/com.linkedin.schema.OtherSchema").has("rawSchema"))
                .isTrue();
        assertThat(schema.get("fields"))
                .extracting(f -> f.get("fieldPath").asText() + ":"
                        + f.get("type").get("type").fieldNames().next() + ":"
                        + f.get("nativeDataType").asText()
                        + ":" + f.get("nullable").asBoolean())
                .containsExactly(
                        "order_id:com.linkedin.schema.NumberType:bigint:false",
                        "customer_id:com.linkedin.schema.StringType:varchar(64):false",
                        "amount:com.linkedin.schema.NumberType:numeric(12,2):true",
                        "placed_at:com.linkedin.schema.TimeType:timestamptz:false");
        assertThat(schema.at("/fields/0/isPartOfKey").asBoolean()).isTrue();
        assertThat(schema.get("primaryKeys")).extracting(JsonNode::asText).containsExactly("order_id");
        assertThat(schema.at("/fields/1/globalTags/tags/0/tag").asText()).isEqualTo("urn:li:tag:restricted");
        assertThat(schema.at("/fields/1/description").asText()).isEqualTo("Who placed the order");
        assertThat(aspect(REVENUE, "schemaMetadata").at("/fields/0/type/type").has("com.linkedin.schema.DateType"))
                .isTrue();

        JsonNode owners = aspect(ORDERS, "ownership");
        assertThat(owners.get("owners"))
                .extracting(o -> o.get("owner").asText() + "=" + o.get("type").asText())
                .containsExactly(
                        "urn:li:corpGroup:sales-data=TECHNICAL_OWNER",
                        "urn:li:corpuser:alice=TECHNICAL_OWNER",
                        "urn:li:corpuser:bob=DATA_STEWARD");
        assertThat(owners.at("/lastModified/time").asLong()).isEqualTo(MeshFixture.ORDERS_DEPLOY.toEpochMilli());
        assertThat(owners.at("/lastModified/actor").asText()).isEqualTo("urn:li:corpuser:datahub");
        assertThat(aspect(REVENUE, "ownership").at("/owners/1/type").asText()).isEqualTo("BUSINESS_OWNER");
        assertThat(aspect(ORDERS, "status").get("removed").asBoolean()).isFalse();
        assertThat(aspect(ORDERS, "subTypes").get("typeNames"))
                .extracting(JsonNode::asText)
                .containsExactly("Table");
    }

    @Test
    void theFileIsTheArrayOfProposals() throws Exception {
        Path file = dir.resolve("datahub/mesh.json");
        DataHubExport.create().write(MeshFixture.entries(), file);
        JsonNode read = JSON.readTree(file.toFile());
        assertThat(read.isArray()).isTrue();
        assertThat(read).isEqualTo(JSON.readTree(mcps.toString()));
        // written whole again, not appended
        DataHubExport.create().write(List.of(MeshFixture.orders()), file);
        assertThat(urns(JSON.readTree(file.toFile()), "dataProduct")).containsExactly("urn:li:dataProduct:orders");
        try (var left = Files.list(file.getParent())) {
            assertThat(left).containsExactly(file);
        }
    }

    private static List<String> urns(JsonNode array, String type) {
        return StreamSupport.stream(array.spliterator(), false)
                .filter(m -> m.get("entityType").asText().equals(type))
                .map(m -> m.get("entityUrn").asText())
                .distinct()
                .toList();
    }

    @Test
    void theFabricFollowsTheEnvironmentOrIsChosen() {
        CatalogEntry dev = withEnvironment(MeshFixture.orders(), "dev");
        assertThat(urns(DataHubExport.create().proposals(List.of(dev)), "dataset"))
                .containsExactly("urn:li:dataset:(urn:li:dataPlatform:postgres,shop.sales.orders,DEV)");
        CatalogEntry blue = withEnvironment(MeshFixture.orders(), "blue");
        assertThatThrownBy(() -> DataHubExport.create().proposals(List.of(blue)))
                .isInstanceOf(MeshException.class)
                .satisfies(e -> assertThat(((MeshException) e).code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
                .hasMessageContaining("Cannot name environment 'blue' as a DataHub fabric")
                .hasMessageContaining("DataHubExport.fabric(...)");
        assertThat(urns(DataHubExport.create().fabric("uat").proposals(List.of(blue)), "dataset"))
                .containsExactly("urn:li:dataset:(urn:li:dataPlatform:postgres,shop.sales.orders,UAT)");
        assertThatThrownBy(() -> DataHubExport.create().fabric("LIVE"))
                .isInstanceOf(MeshException.class)
                .hasMessageContaining("Cannot use 'LIVE' as a DataHub fabric");
    }

    @Test
    void charactersDataHubReservesInUrnsAreEncoded() {
        CatalogEntry o = MeshFixture.orders();
        CatalogEntry.Port p = o.outputPorts().get(0);
        CatalogEntry.Port odd = new CatalogEntry.Port(
                p.name(),
                p.description(),
                p.version(),
                p.contractId(),
                p.contractVersion(),
                p.majorVersion(),
                p.status(),
                p.sunset(),
                "lake",
                "s3",
                "s3://lake/a,b",
                List.of(new CatalogEntry.Dataset("t(1)", "s3://lake/a,b/t(1)")),
                List.of(),
                List.of(),
                List.of(),
                null);
        CatalogEntry entry = new CatalogEntry(
                "odd,product",
                "prod",
                null,
                null,
                null,
                "R&D (labs)",
                null,
                List.of(),
                null,
                null,
                List.of(odd),
                List.of(),
                List.of(),
                null);
        ArrayNode out = DataHubExport.create().proposals(List.of(entry));
        assertThat(urns(out, "dataset"))
                .containsExactly("urn:li:dataset:(urn:li:dataPlatform:s3,lake/a%2Cb/t%281%29,PROD)");
        assertThat(urns(out, "dataProduct")).containsExactly("urn:li:dataProduct:odd%2Cproduct");
        assertThat(urns(out, "domain")).containsExactly("urn:li:domain:r-d-labs");
    }

    @Test
    void retiredPortsAreNotExported() {
        CatalogEntry o = MeshFixture.orders();
        CatalogEntry.Port p = o.outputPorts().get(0);
        CatalogEntry.Port retired = new CatalogEntry.Port(
                p.name(),
                p.description(),
                "0.9.0",
                p.contractId(),
                "1.4.0",
                1,
                "retired",
                "2026-01-01",
                p.server(),
                p.serverType(),
                p.address(),
                List.of(new CatalogEntry.Dataset("orders", "postgresql://db.internal:5432/shop/sales.orders_v1")),
                p.columns(),
                List.of(),
                List.of(),
                "contracts/orders-v1.yaml");
        CatalogEntry both = new CatalogEntry(
                o.productId(),
                o.environment(),
                o.name(),
                o.version(),
                o.status(),
                o.domain(),
                o.tenant(),
                o.tags(),
                o.owner(),
                o.description(),
                List.of(p, retired),
                o.inputPorts(),
                o.descriptors(),
                o.updatedAt());
        assertThat(urns(DataHubExport.create().proposals(List.of(both)), "dataset"))
                .containsExactly(ORDERS);
    }

    private static CatalogEntry withEnvironment(CatalogEntry e, String env) {
        return new CatalogEntry(
                e.productId(),
                env,
                e.name(),
                e.version(),
                e.status(),
                e.domain(),
                e.tenant(),
                e.tags(),
                e.owner(),
                e.description(),
                e.outputPorts(),
                e.inputPorts(),
                e.descriptors(),
                e.updatedAt());
    }
}
