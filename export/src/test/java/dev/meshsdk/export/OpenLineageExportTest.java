package dev.meshsdk.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.DeployedEntry;
import dev.meshsdk.spi.registry.DeploymentRecord;
import dev.meshsdk.spi.registry.QualityRecord;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class OpenLineageExportTest {
    static final OpenLineageSchemas SCHEMAS = new OpenLineageSchemas();
    private final OpenLineageExport export = OpenLineageExport.create();

    private List<ObjectNode> events() {
        return MeshFixture.events(export);
    }

    static ObjectNode byJob(List<ObjectNode> events, String job) {
        return events.stream()
                .filter(e -> e.path("job").path("name").asText().equals(job))
                .findFirst()
                .orElseThrow();
    }

    static List<String> names(JsonNode datasets) {
        return StreamSupport.stream(datasets.spliterator(), false)
                .map(d -> d.get("namespace").asText() + " " + d.get("name").asText())
                .toList();
    }

    @Test
    void everyEventIsAValidRunEventWithValidFacets() {
        List<ObjectNode> events = events();
        assertThat(events).isNotEmpty();
        for (ObjectNode e : events)
            assertThat(SCHEMAS.problems(e)).as(e.toPrettyString()).isEmpty();
    }

    @Test
    void theValidationFailsOnABrokenEvent() {
        ObjectNode valid = byJob(events(), "daily-revenue");
        List<ObjectNode> broken = new ArrayList<>();
        ObjectNode noRunId = valid.deepCopy();
        ((ObjectNode) noRunId.get("run")).remove("runId");
        broken.add(noRunId);
        ObjectNode badUuid = valid.deepCopy();
        ((ObjectNode) badUuid.get("run")).put("runId", "deployment-of-daily-revenue");
        broken.add(badUuid);
        ObjectNode badTime = valid.deepCopy().put("eventTime", "yesterday");
        broken.add(badTime);
        ObjectNode badType = valid.deepCopy().put("eventType", "DEPLOYED");
        broken.add(badType);
        ObjectNode facetWithoutProducer = valid.deepCopy();
        ((ObjectNode) facetWithoutProducer.at("/outputs/0/facets/schema")).remove("_producer");
        broken.add(facetWithoutProducer);
        ObjectNode assertionWithoutSuccess = valid.deepCopy();
        ((ObjectNode) assertionWithoutSuccess.at("/inputs/0/inputFacets/dataQualityAssertions/assertions/0"))
                .remove("success");
        broken.add(assertionWithoutSuccess);
        ObjectNode unknownFacet = valid.deepCopy();
        ((ObjectNode) unknownFacet.at("/job/facets"))
                .putObject("sql")
                .put("_producer", "https://x.example")
                .put("_schemaURL", "https://openlineage.io/spec/facets/1-0-0/SQLJobFacet.json#/$defs/SQLJobFacet");
        broken.add(unknownFacet);

        assertThat(SCHEMAS.problems(valid)).isEmpty();
        for (ObjectNode b : broken)
            assertThat(SCHEMAS.problems(b)).as(b.toPrettyString()).isNotEmpty();
        assertThat(SCHEMAS.problems(noRunId)).anyMatch(p -> p.contains("runId"));
        assertThat(SCHEMAS.problems(badUuid)).anyMatch(p -> p.contains("uuid"));
        assertThat(SCHEMAS.problems(assertionWithoutSuccess)).anyMatch(p -> p.contains("success"));
    }

    private static List<String> runs(List<ObjectNode> events) {
        return events.stream()
                .map(e -> e.at("/job/name").asText() + "@" + e.get("eventTime").asText() + ":"
                        + e.get("eventType").asText())
                .toList();
    }

    @Test
    void oneRunPerDeploymentAndPerPublishInTimeOrder() {
        List<ObjectNode> events = events();
        assertThat(runs(events))
                .containsExactly(
                        "orders@2026-02-27T09:00:00Z:COMPLETE",
                        "orders@2026-03-01T10:00:00Z:COMPLETE",
                        "daily-revenue@2026-03-01T10:30:00Z:COMPLETE",
                        "orders.orders.publish@2026-03-01T11:00:00Z:COMPLETE",
                        "daily-revenue.daily_revenue.publish@2026-03-01T12:00:00Z:COMPLETE",
                        "orders@2026-03-01T13:00:00Z:FAIL");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.at("/job/namespace").asText()).isEqualTo("mesh://prod");
            assertThat(e.get("schemaURL").asText())
                    .isEqualTo("https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent");
            assertThat(e.get("producer").asText()).startsWith("https://meshsdk.dev/mesh-export/");
            assertThat(UUID.fromString(e.at("/run/runId").asText()).version()).isEqualTo(7);
        });
    }

    @Test
    void anEarlierDeploymentIsDescribedByTheEntryItLeftNotByTodays() {
        ObjectNode first = events().get(0);
        assertThat(first.get("eventTime").asText()).isEqualTo("2026-02-27T09:00:00Z");
        assertThat(names(first.get("outputs"))).containsExactly("postgres://db.internal:5432 shop.sales.orders_v1");
        assertThat(first.at("/outputs/0/facets/schema/fields"))
                .extracting(f -> f.get("name").asText())
                .containsExactly("order_id", "amount");
        assertThat(first.at("/job/facets/ownership/owners"))
                .extracting(o -> o.get("name").asText())
                .containsExactly("team:sales-data", "user:alice");
        ObjectNode current = events().get(1);
        assertThat(names(current.get("outputs"))).containsExactly("postgres://db.internal:5432 shop.sales.orders");
        assertThat(current.at("/outputs/0/facets/schema/fields")).hasSize(4);
    }

    @Test
    void aDeploymentWhoseEntryWasNotKeptIsLeftOutButTheCurrentOneIsSent() {
        // as a registry that kept no entry per deployment (or deployments recorded before it did)
        List<ObjectNode> events =
                export.events(MeshFixture.entries(), MeshFixture.history(), List.of(), MeshFixture.quality());
        assertThat(runs(events))
                .containsExactly(
                        "orders@2026-03-01T10:00:00Z:COMPLETE",
                        "daily-revenue@2026-03-01T10:30:00Z:COMPLETE",
                        "orders.orders.publish@2026-03-01T11:00:00Z:COMPLETE",
                        "daily-revenue.daily_revenue.publish@2026-03-01T12:00:00Z:COMPLETE",
                        "orders@2026-03-01T13:00:00Z:FAIL");
        assertThat(events.subList(0, 4))
                .as("the catalog's entries are those the current deployments stored")
                .isEqualTo(events().subList(1, 5));
        assertThat(events.get(4).at("/job").has("facets"))
                .as("no entry kept before the failed run")
                .isFalse();
        for (ObjectNode e : events)
            assertThat(SCHEMAS.problems(e)).as(e.toPrettyString()).isEmpty();
    }

    @Test
    void anInputResolvesToTheProducersTableAsItWasAtTheRunsTime() {
        CatalogEntry now = MeshFixture.dailyRevenue();
        Instant before = Instant.parse("2026-02-28T09:00:00Z");
        // daily-revenue's first deployment read orders' contract major version 1, served then by orders_v1
        CatalogEntry then = new CatalogEntry(
                now.productId(),
                now.environment(),
                now.name(),
                "0.2.0",
                now.status(),
                now.domain(),
                now.tenant(),
                now.tags(),
                now.owner(),
                now.description(),
                now.outputPorts(),
                List.of(new CatalogEntry.Input("orders", "orders-contract", "1.4.0", "orders", "orders", 1)),
                List.of(),
                before);
        DeploymentRecord first =
                MeshFixture.deployment("daily-revenue", "0.2.0", before, DeploymentRecord.Outcome.SUCCEEDED, "c00");
        List<DeploymentRecord> history = new ArrayList<>(MeshFixture.history());
        history.add(first);
        List<DeployedEntry> deployed = new ArrayList<>(MeshFixture.deployed());
        deployed.add(new DeployedEntry(first, then));

        List<ObjectNode> events = export.events(MeshFixture.entries(), history, deployed, MeshFixture.quality());

        ObjectNode e = events.stream()
                .filter(x -> x.get("eventTime").asText().equals(before.toString()))
                .findFirst()
                .orElseThrow();
        assertThat(e.at("/job/name").asText()).isEqualTo("daily-revenue");
        assertThat(names(e.get("inputs"))).containsExactly("postgres://db.internal:5432 shop.sales.orders_v1");
        assertThat(names(
                        byJob(events.subList(3, events.size()), "daily-revenue").get("inputs")))
                .as("the later deployment reads version 2")
                .containsExactly("postgres://db.internal:5432 shop.sales.orders");
        assertThat(SCHEMAS.problems(e)).isEmpty();
    }

    @Test
    void runIdsAreStableAcrossExportsAndDistinctBetweenRuns() {
        List<String> first =
                events().stream().map(e -> e.at("/run/runId").asText()).toList();
        List<String> again = MeshFixture.events(OpenLineageExport.create()).stream()
                .map(e -> e.at("/run/runId").asText())
                .toList();
        assertThat(again).isEqualTo(first);
        assertThat(first).doesNotHaveDuplicates();
        // the time comes first, so ids sort as the runs happened
        assertThat(first).isSorted();
        UUID id = UUID.fromString(first.get(0));
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(MeshFixture.ORDERS_OLD_DEPLOY.toEpochMilli());
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void theConsumersDeploymentReadsTheProducersTableAndWritesItsOwn() {
        ObjectNode e = byJob(events(), "daily-revenue");
        assertThat(names(e.get("inputs"))).containsExactly("postgres://db.internal:5432 shop.sales.orders");
        assertThat(names(e.get("outputs"))).containsExactly("s3://finance-data products/daily-revenue/daily_revenue");

        JsonNode input = e.at("/inputs/0");
        assertThat(input.at("/facets/dataSource/name").asText()).isEqualTo("postgres://db.internal:5432");
        assertThat(input.at("/facets/dataSource/uri").asText()).isEqualTo("postgres://db.internal:5432");
        assertThat(input.at("/facets/schema/fields"))
                .extracting(f -> f.get("name").asText() + ":" + f.path("type").asText())
                .containsExactly(
                        "order_id:bigint", "customer_id:varchar(64)", "amount:numeric(12,2)", "placed_at:timestamptz");
        assertThat(input.at("/facets/schema/fields/1/description").asText()).isEqualTo("Who placed the order");
        assertThat(input.at("/facets/ownership/owners"))
                .extracting(o -> o.get("name").asText() + "/" + o.path("type").asText())
                .containsExactly("team:sales-data/", "user:alice/owner", "user:bob/data steward");
        assertThat(input.at("/facets/tags/tags"))
                .extracting(t -> t.get("key").asText() + "=" + t.get("value").asText() + "@"
                        + t.path("field").asText())
                .contains("classification=restricted@customer_id", "subjectKey=customer@customer_id", "gold=true@");
        // the orders check before this deployment, as an input facet (the facet schema types it so)
        JsonNode assertions = input.at("/inputFacets/dataQualityAssertions/assertions");
        assertThat(assertions)
                .extracting(a -> a.get("assertion").asText() + ":"
                        + a.get("success").asBoolean() + ":" + a.path("column").asText())
                .containsExactly("order_id_not_null:true:order_id", "has_rows:true:");

        JsonNode output = e.at("/outputs/0");
        assertThat(output.at("/facets/dataSource/uri").asText()).isEqualTo("s3://finance-data");
        assertThat(output.at("/facets/schema/fields"))
                .extracting(f -> f.get("name").asText() + ":" + f.path("type").asText())
                .containsExactly("day:date", "revenue:decimal(14,2)");
        assertThat(output.at("/facets/documentation/description").asText()).isEqualTo("Revenue per day");
        assertThat(output.has("outputFacets")).isFalse();
        // daily-revenue's own publish came later than this deployment: no assertions yet
        assertThat(output.at("/facets").has("dataQualityAssertions")).isFalse();

        assertThat(e.at("/job/facets/jobType/jobType").asText()).isEqualTo("DEPLOYMENT");
        assertThat(e.at("/job/facets/jobType/integration").asText()).isEqualTo("MESH_SDK");
        assertThat(e.at("/job/facets/ownership/owners/1/name").asText()).isEqualTo("user:carol");
    }

    @Test
    void thePublishCarriesItsAssertionsOnThePublishedTable() {
        ObjectNode e = byJob(events(), "orders.orders.publish");
        assertThat(e.get("inputs")).isEmpty();
        assertThat(names(e.get("outputs"))).containsExactly("postgres://db.internal:5432 shop.sales.orders");
        JsonNode assertions = e.at("/outputs/0/facets/dataQualityAssertions/assertions");
        assertThat(assertions)
                .extracting(a -> a.get("assertion").asText() + ":"
                        + a.get("success").asBoolean() + ":" + a.path("column").asText())
                .containsExactly("order_id_not_null:true:order_id", "amount_positive:false:amount", "has_rows:true:");
        JsonNode failed = assertions.get(1);
        assertThat(failed.get("severity").asText()).isEqualTo("warning");
        assertThat(failed.get("expected").asText()).isEqualTo("mustBe 0");
        assertThat(failed.get("actual").asText()).isEqualTo("3");
        assertThat(e.at("/job/facets/jobType/jobType").asText()).isEqualTo("PUBLISH");

        ObjectNode revenue = byJob(events(), "daily-revenue.daily_revenue.publish");
        assertThat(names(revenue.get("inputs"))).containsExactly("postgres://db.internal:5432 shop.sales.orders");
        // orders' publish (11:00) is the latest record of the input at 12:00
        assertThat(revenue.at("/inputs/0/inputFacets/dataQualityAssertions/assertions"))
                .hasSize(3);
    }

    @Test
    void aJobNamespaceAndProducerCanBeChosen() {
        OpenLineageExport custom = OpenLineageExport.create()
                .jobNamespace("data-mesh")
                .producer(URI.create("https://ci.example.com/pipelines/42"));
        List<ObjectNode> events = MeshFixture.events(custom);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.at("/job/namespace").asText()).isEqualTo("data-mesh");
            assertThat(e.get("producer").asText()).isEqualTo("https://ci.example.com/pipelines/42");
            assertThat(e.at("/job/facets/jobType/_producer").asText()).isEqualTo("https://ci.example.com/pipelines/42");
            assertThat(SCHEMAS.problems(e)).isEmpty();
        });
        assertThat(events.get(0).at("/run/runId")).isNotEqualTo(events().get(0).at("/run/runId"));
        assertThatThrownBy(() -> OpenLineageExport.create().producer(URI.create("relative/path")))
                .isInstanceOf(MeshException.class)
                .hasMessageContaining("absolute URI");
        assertThatThrownBy(() -> OpenLineageExport.create().jobNamespace(" "))
                .isInstanceOf(MeshException.class)
                .hasMessageContaining("blank OpenLineage job namespace");
    }

    @Test
    void aFailedDeploymentIsAFailRunWithoutDatasets() {
        DeploymentRecord failed = MeshFixture.history().get(3);
        ObjectNode e = export.deployment(failed, null, MeshFixture.entries(), MeshFixture.quality());
        assertThat(e.get("eventType").asText()).isEqualTo("FAIL");
        assertThat(e.at("/job/name").asText()).isEqualTo("orders");
        assertThat(e.has("inputs")).isFalse();
        assertThat(SCHEMAS.problems(e)).isEmpty();
    }

    @Test
    void eachDeploymentCanBeSentAsItHappens() {
        DeploymentRecord old = MeshFixture.history().get(0);
        ObjectNode e = export.deployment(old, MeshFixture.orders(), MeshFixture.entries(), MeshFixture.quality());
        assertThat(e.get("eventTime").asText()).isEqualTo("2026-02-27T09:00:00Z");
        assertThat(names(e.get("outputs"))).containsExactly("postgres://db.internal:5432 shop.sales.orders");
        // no quality record existed yet at that time
        assertThat(e.at("/outputs/0/facets").has("dataQualityAssertions")).isFalse();
        assertThat(SCHEMAS.problems(e)).isEmpty();
    }

    @Test
    void aPublishOfAPortTheEntryDoesNotListIsNotFound() {
        QualityRecord stray = new QualityRecord(
                "orders", "refunds", "prod", 1, Instant.parse("2026-03-02T00:00:00Z"), "publish", 1L, List.of());
        assertThatThrownBy(() -> export.publish(stray, MeshFixture.orders(), MeshFixture.entries(), List.of()))
                .isInstanceOf(MeshException.class)
                .satisfies(x -> assertThat(((MeshException) x).code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageContaining("port 'refunds' v1 of product 'orders'")
                .hasMessageContaining("[orders v2]");
        // and the whole-mesh export leaves it out rather than sending a run without outputs
        List<QualityRecord> quality = new ArrayList<>(MeshFixture.quality());
        quality.add(stray);
        assertThat(export.events(MeshFixture.entries(), MeshFixture.history(), MeshFixture.deployed(), quality))
                .hasSize(6);
    }

    @Test
    void assertionsGoToTheTableTheyWereWrittenOn() {
        var o = MeshFixture.orders();
        var p = o.outputPorts().get(0);
        var twoTables = new CatalogEntry.Port(
                p.name(),
                p.description(),
                p.version(),
                p.contractId(),
                p.contractVersion(),
                p.majorVersion(),
                p.status(),
                p.sunset(),
                p.server(),
                p.serverType(),
                p.address(),
                List.of(
                        new CatalogEntry.Dataset("orders", "postgresql://db.internal:5432/shop/sales.orders"),
                        new CatalogEntry.Dataset(
                                "order_lines", "postgresql://db.internal:5432/shop/sales.order_lines")),
                List.of(
                        new CatalogEntry.Column("orders", "order_id", "integer", null, true, true, null, null, null),
                        new CatalogEntry.Column("order_lines", "qty", "integer", null, true, false, null, null, null)),
                List.of(),
                List.of(),
                p.contractFile());
        var entry = new CatalogEntry(
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
                List.of(twoTables),
                List.of(),
                List.of(),
                o.updatedAt());
        QualityRecord q = new QualityRecord(
                "orders",
                "orders",
                "prod",
                2,
                MeshFixture.ORDERS_PUBLISH,
                "publish",
                5L,
                List.of(
                        new QualityRecord.Result(
                                "ids", "orders.order_id", "nullValues", null, null, null, "PASSED", null),
                        new QualityRecord.Result(
                                "lines", "order_lines", "rowCount", null, null, null, "ERROR", "timeout"),
                        new QualityRecord.Result(
                                "qty", "order_lines.qty", "invalidValues", null, null, null, "FAILED", null),
                        new QualityRecord.Result(
                                "fresh", "orders-contract", "freshness", null, null, null, "PASSED", null)));
        ObjectNode e = export.publish(q, entry, List.of(entry), List.of(q));
        assertThat(names(e.get("outputs")))
                .containsExactly(
                        "postgres://db.internal:5432 shop.sales.orders",
                        "postgres://db.internal:5432 shop.sales.order_lines");
        assertThat(e.at("/outputs/0/facets/dataQualityAssertions/assertions"))
                .extracting(a -> a.get("assertion").asText() + ":"
                        + a.get("success").asBoolean() + ":" + a.path("column").asText())
                .containsExactly("ids:true:order_id", "fresh:true:");
        assertThat(e.at("/outputs/1/facets/dataQualityAssertions/assertions"))
                .extracting(a -> a.get("assertion").asText() + ":"
                        + a.get("success").asBoolean() + ":" + a.path("column").asText())
                .containsExactly("lines:false:", "qty:false:qty", "fresh:true:");
        assertThat(e.at("/outputs/1/facets/schema/fields"))
                .extracting(f -> f.get("name").asText())
                .containsExactly("qty");
        assertThat(SCHEMAS.problems(e)).isEmpty();
    }

    @Test
    void anInputThatResolvedToNothingHasNoDataset() {
        var revenue = MeshFixture.dailyRevenue();
        ObjectNode e = export.deployment(MeshFixture.history().get(2), revenue, List.of(revenue), List.of());
        assertThat(e.get("inputs")).isEmpty();
        assertThat(SCHEMAS.problems(e)).isEmpty();
    }
}
