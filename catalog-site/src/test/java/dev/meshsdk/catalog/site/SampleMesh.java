package dev.meshsdk.catalog.site;

import dev.meshsdk.Lineage;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.CatalogEntry.Column;
import dev.meshsdk.spi.registry.CatalogEntry.Dataset;
import dev.meshsdk.spi.registry.CatalogEntry.Input;
import dev.meshsdk.spi.registry.CatalogEntry.Member;
import dev.meshsdk.spi.registry.CatalogEntry.Owner;
import dev.meshsdk.spi.registry.CatalogEntry.Port;
import dev.meshsdk.spi.registry.CatalogEntry.Rule;
import dev.meshsdk.spi.registry.CatalogEntry.Sla;
import dev.meshsdk.spi.registry.DeploymentRecord;
import dev.meshsdk.spi.registry.QualityRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small mesh as the registry would hold it: {@code orders} (order-platform, owned by Asha Rao, a
 * restricted customer key, a passed quality check), {@code daily-revenue} reading it (a failed check
 * after passed ones), {@code customers} (no quality record, nothing reads it) and
 * {@code campaign-clicks} in another domain.
 */
final class SampleMesh {
    static final String ENV = "dev";
    static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

    private SampleMesh() {}

    static SiteData data() {
        return new SiteData(ENV, entries(), quality(), deployments(), edges(entries()));
    }

    static List<CatalogEntry> entries() {
        return List.of(orders(), dailyRevenue(), customers(), campaignClicks());
    }

    static CatalogEntry orders() {
        Port port = new Port(
                "orders",
                "Every order as placed, one row per order.",
                "1.0.0",
                "orders",
                "1.2.0",
                1,
                "active",
                null,
                "prod-s3",
                "s3",
                "s3://acme-orders/orders/v1",
                List.of(new Dataset("orders", "s3://acme-orders/orders/v1/orders")),
                List.of(
                        new Column(
                                "orders",
                                "order_id",
                                "string",
                                "VARCHAR(36)",
                                true,
                                true,
                                "Order identifier",
                                "internal",
                                null),
                        new Column(
                                "orders",
                                "customer_id",
                                "string",
                                "VARCHAR(36)",
                                true,
                                false,
                                "Who ordered",
                                "restricted",
                                "customer"),
                        new Column(
                                "orders",
                                "order_ts",
                                "timestamp",
                                "TIMESTAMP",
                                true,
                                false,
                                "When the order was placed",
                                null,
                                null),
                        new Column(
                                "orders",
                                "amount",
                                "number",
                                "DECIMAL(12,2)",
                                true,
                                false,
                                "Order total in EUR",
                                "internal",
                                null),
                        new Column(
                                "orders",
                                "status",
                                "string",
                                "VARCHAR(16)",
                                false,
                                false,
                                "placed, shipped or cancelled",
                                null,
                                null)),
                List.of(new Sla("freshness", "1", "h", "orders.order_ts"), new Sla("retention", "3", "y", null)),
                List.of(
                        new Rule(
                                "order_id_unique",
                                "orders.order_id",
                                "library",
                                "duplicateValues",
                                "mustBe 0",
                                "error",
                                "No order twice"),
                        new Rule("has_rows", "orders", "library", "rowCount", "mustBeGreaterThan 0", "error", null)),
                "contracts/orders.yaml");
        return new CatalogEntry(
                "orders",
                ENV,
                "Orders",
                "1.2.0",
                "active",
                "sales",
                "acme",
                List.of("orders", "core"),
                new Owner(
                        "order-platform",
                        "Runs checkout and order intake",
                        List.of(
                                new Member("arao", "Asha Rao", "owner"),
                                new Member("bkim", "Ben Kim", "data steward"))),
                "All orders placed in the web shop, cleaned and deduplicated.",
                List.of(port),
                List.of(),
                List.of(new CatalogEntry.Descriptor("product.yaml", "product", "id: orders\nname: Orders\n")),
                T0);
    }

    static CatalogEntry dailyRevenue() {
        Port port = new Port(
                "daily_revenue",
                "Revenue per day.",
                "1.0.0",
                "daily-revenue",
                "1.0.0",
                1,
                "active",
                null,
                "prod-s3",
                "s3",
                "s3://acme-finance/daily-revenue/v1",
                List.of(new Dataset("daily_revenue", "s3://acme-finance/daily-revenue/v1/daily_revenue")),
                List.of(
                        new Column("daily_revenue", "day", "date", "DATE", true, true, "Calendar day", null, null),
                        new Column(
                                "daily_revenue",
                                "revenue",
                                "number",
                                "DECIMAL(14,2)",
                                true,
                                false,
                                "Sum of amounts",
                                "internal",
                                null)),
                List.of(),
                List.of(new Rule(
                        "revenue_positive",
                        "daily_revenue.revenue",
                        "library",
                        "invalidValues",
                        "mustBe 0",
                        "warning",
                        null)),
                "contracts/daily-revenue.yaml");
        return new CatalogEntry(
                "daily-revenue",
                ENV,
                "Daily revenue",
                "1.0.0",
                "active",
                "finance",
                "acme",
                List.of("revenue", "kpi"),
                new Owner("finance-analytics", null, List.of(new Member("lmo", "Lena Mo", "owner"))),
                "Revenue per calendar day, from orders.",
                List.of(port),
                List.of(new Input("orders_in", "orders", "1.0.0", "orders", "orders", 1)),
                List.of(),
                T0);
    }

    static CatalogEntry customers() {
        Port port = new Port(
                "customers",
                null,
                "0.1.0",
                "customers",
                "0.1.0",
                0,
                "active",
                null,
                "dev-local",
                "local",
                "file:///srv/mesh/customers",
                List.of(),
                List.of(new Column(
                        "customers", "customer_id", "string", "VARCHAR(36)", true, true, null, "pii", "customer")),
                List.of(),
                List.of(),
                "contracts/customers.yaml");
        return new CatalogEntry(
                "customers",
                ENV,
                "Customers",
                "0.1.0",
                "draft",
                "customer",
                null,
                List.of("core"),
                new Owner("crm", null, List.of()),
                null,
                List.of(port),
                List.of(),
                List.of(),
                T0);
    }

    static CatalogEntry campaignClicks() {
        return new CatalogEntry(
                "campaign-clicks",
                ENV,
                "Campaign clicks",
                "2.0.0",
                "deprecated",
                "marketing",
                null,
                List.of("web"),
                new Owner("growth", null, List.of()),
                "Clicks on marketing campaigns.",
                List.of(),
                List.of(new Input("customers_in", "customers", "0.1.0", null, null, 0)),
                List.of(),
                T0);
    }

    static Map<String, List<QualityRecord>> quality() {
        List<QualityRecord> revenue = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            boolean pass = i != 4;
            revenue.add(new QualityRecord(
                    "daily-revenue",
                    "daily_revenue",
                    ENV,
                    1,
                    T0.plusSeconds(3600L * i),
                    "check",
                    365L,
                    List.of(new QualityRecord.Result(
                            "revenue_positive",
                            "daily_revenue.revenue",
                            "invalidValues",
                            BigDecimal.valueOf(pass ? 0 : 3),
                            "mustBe 0",
                            "warning",
                            pass ? "PASSED" : "FAILED",
                            pass ? null : "3 rows have a negative revenue"))));
        }
        QualityRecord orders = new QualityRecord(
                "orders",
                "orders",
                ENV,
                1,
                T0,
                "publish",
                1200L,
                List.of(
                        new QualityRecord.Result(
                                "order_id_unique",
                                "orders.order_id",
                                "duplicateValues",
                                BigDecimal.ZERO,
                                "mustBe 0",
                                "error",
                                "PASSED",
                                null),
                        new QualityRecord.Result(
                                "has_rows",
                                "orders",
                                "rowCount",
                                BigDecimal.valueOf(1200),
                                "mustBeGreaterThan 0",
                                "error",
                                "PASSED",
                                null)));
        return Map.of("orders", List.of(orders), "daily-revenue", revenue);
    }

    static Map<String, List<DeploymentRecord>> deployments() {
        return Map.of(
                "orders",
                List.of(
                        new DeploymentRecord(
                                "orders",
                                "1.1.0",
                                ENV,
                                "a1b2",
                                T0.minusSeconds(86400),
                                "arao",
                                DeploymentRecord.Outcome.SUCCEEDED,
                                List.of("create table orders"),
                                null),
                        new DeploymentRecord(
                                "orders",
                                "1.2.0",
                                ENV,
                                "c3d4",
                                T0,
                                "ci-bot",
                                DeploymentRecord.Outcome.SUCCEEDED,
                                List.of("add column status"),
                                null),
                        new DeploymentRecord(
                                "orders",
                                "1.2.0",
                                ENV,
                                "c3d4",
                                T0.minusSeconds(3600),
                                "ci-bot",
                                DeploymentRecord.Outcome.FAILED,
                                List.of(),
                                "policy denied: no owner")));
    }

    /** The lineage edges as the catalog derives them: one per resolved input port. */
    static List<Lineage.Edge> edges(List<CatalogEntry> entries) {
        List<Lineage.Edge> out = new ArrayList<>();
        for (CatalogEntry e : entries) {
            for (Input in : e.inputPorts()) {
                if (in.producer() != null) {
                    out.add(new Lineage.Edge(
                            e.productId(),
                            in.name(),
                            in.producer(),
                            in.producerPort(),
                            in.contractId(),
                            in.majorVersion()));
                }
            }
        }
        return out;
    }
}
