package dev.meshsdk.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.CatalogEntry.Column;
import dev.meshsdk.spi.registry.CatalogEntry.Dataset;
import dev.meshsdk.spi.registry.CatalogEntry.Input;
import dev.meshsdk.spi.registry.CatalogEntry.Member;
import dev.meshsdk.spi.registry.CatalogEntry.Owner;
import dev.meshsdk.spi.registry.CatalogEntry.Port;
import dev.meshsdk.spi.registry.CatalogEntry.Rule;
import dev.meshsdk.spi.registry.DeployedEntry;
import dev.meshsdk.spi.registry.DeploymentRecord;
import dev.meshsdk.spi.registry.QualityRecord;
import dev.meshsdk.spi.registry.QualityRecord.Result;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A small mesh in environment {@code prod}, built from catalog records directly: {@code orders} (team
 * sales-data) on PostgreSQL with a restricted {@code customer_id}, checked and published; {@code
 * daily-revenue} (team finance) on S3, reading orders' port at contract major version 2.
 */
final class MeshFixture {
    static final String ENV = "prod";
    static final Instant ORDERS_OLD_DEPLOY = Instant.parse("2026-02-27T09:00:00Z");
    static final Instant ORDERS_CHECK = Instant.parse("2026-03-01T09:30:00Z");
    static final Instant ORDERS_DEPLOY = Instant.parse("2026-03-01T10:00:00Z");
    static final Instant REVENUE_DEPLOY = Instant.parse("2026-03-01T10:30:00Z");
    static final Instant ORDERS_PUBLISH = Instant.parse("2026-03-01T11:00:00Z");
    static final Instant REVENUE_PUBLISH = Instant.parse("2026-03-01T12:00:00Z");
    static final Instant FAILED_DEPLOY = Instant.parse("2026-03-01T13:00:00Z");

    private MeshFixture() {}

    static CatalogEntry orders() {
        Port port = new Port(
                "orders",
                "Every order placed in the shop, one row per order",
                "1.2.0",
                "orders-contract",
                "2.1.0",
                2,
                "active",
                null,
                "prod-pg",
                "postgres",
                "postgresql://db.internal:5432/shop/sales",
                List.of(new Dataset("orders", "postgresql://db.internal:5432/shop/sales.orders")),
                List.of(
                        new Column(
                                "orders",
                                "order_id",
                                "integer",
                                "bigint",
                                true,
                                true,
                                "The order's number",
                                null,
                                null),
                        new Column(
                                "orders",
                                "customer_id",
                                "string",
                                "varchar(64)",
                                true,
                                false,
                                "Who placed the order",
                                "restricted",
                                "customer"),
                        new Column(
                                "orders",
                                "amount",
                                "number",
                                "numeric(12,2)",
                                false,
                                false,
                                "Total in EUR",
                                null,
                                null),
                        new Column("orders", "placed_at", "timestamp", "timestamptz", true, false, null, null, null)),
                List.of(new CatalogEntry.Sla("latency", "1", "h", null)),
                List.of(
                        new Rule(
                                "order_id_not_null",
                                "orders.order_id",
                                "library",
                                "nullValues",
                                "mustBe 0",
                                "error",
                                null),
                        new Rule(
                                "amount_positive",
                                "orders.amount",
                                "library",
                                "invalidValues",
                                "mustBe 0",
                                "warning",
                                null),
                        new Rule("has_rows", "orders", "library", "rowCount", "mustBeGreaterThan 0", "error", null)),
                "contracts/orders.yaml");
        return new CatalogEntry(
                "orders",
                ENV,
                "Orders",
                "1.2.0",
                "active",
                "Sales",
                null,
                List.of("gold"),
                new Owner(
                        "sales-data",
                        "The sales data team",
                        List.of(new Member("alice", "Alice A.", "owner"), new Member("bob", "Bob B.", "data steward"))),
                "Orders as the shop takes them",
                List.of(port),
                List.of(),
                List.of(),
                ORDERS_DEPLOY);
    }

    /** Orders as its first deployment (02-27) left it: contract major version 1, another table, two columns. */
    static CatalogEntry ordersAsFirstDeployed() {
        Port port = new Port(
                "orders",
                "Every order placed in the shop",
                "1.1.0",
                "orders-contract",
                "1.4.0",
                1,
                "active",
                null,
                "prod-pg",
                "postgres",
                "postgresql://db.internal:5432/shop/sales",
                List.of(new Dataset("orders", "postgresql://db.internal:5432/shop/sales.orders_v1")),
                List.of(
                        new Column(
                                "orders",
                                "order_id",
                                "integer",
                                "bigint",
                                true,
                                true,
                                "The order's number",
                                null,
                                null),
                        new Column(
                                "orders",
                                "amount",
                                "number",
                                "numeric(12,2)",
                                false,
                                false,
                                "Total in EUR",
                                null,
                                null)),
                List.of(),
                List.of(),
                "contracts/orders.yaml");
        return new CatalogEntry(
                "orders",
                ENV,
                "Orders",
                "1.1.0",
                "active",
                "Sales",
                null,
                List.of(),
                new Owner("sales-data", null, List.of(new Member("alice", "Alice A.", "owner"))),
                "Orders as the shop takes them",
                List.of(port),
                List.of(),
                List.of(),
                ORDERS_OLD_DEPLOY);
    }

    static CatalogEntry dailyRevenue() {
        Port port = new Port(
                "daily_revenue",
                "Revenue per day",
                "0.3.0",
                "daily-revenue-contract",
                "1.0.0",
                1,
                "active",
                null,
                "finance-s3",
                "s3",
                "s3://finance-data/products/daily-revenue",
                List.of(new Dataset("daily_revenue", "s3://finance-data/products/daily-revenue/daily_revenue")),
                List.of(
                        new Column("daily_revenue", "day", "date", null, true, true, "The day", null, null),
                        new Column(
                                "daily_revenue",
                                "revenue",
                                "number",
                                "decimal(14,2)",
                                true,
                                false,
                                "Sum of amounts",
                                null,
                                null)),
                List.of(),
                List.of(new Rule(
                        "day_unique", "daily_revenue.day", "library", "duplicateValues", "mustBe 0", "error", null)),
                "contracts/daily-revenue.yaml");
        return new CatalogEntry(
                "daily-revenue",
                ENV,
                "Daily revenue",
                "0.3.0",
                "active",
                "Finance",
                null,
                List.of(),
                new Owner("finance", null, List.of(new Member("carol", "Carol C.", "product owner"))),
                "Revenue per day, from orders",
                List.of(port),
                List.of(new Input("orders", "orders-contract", "2.1.0", "orders", "orders", 2)),
                List.of(),
                REVENUE_DEPLOY);
    }

    static List<CatalogEntry> entries() {
        return List.of(dailyRevenue(), orders());
    }

    static List<DeploymentRecord> history() {
        return List.of(
                deployment("orders", "1.1.0", ORDERS_OLD_DEPLOY, DeploymentRecord.Outcome.SUCCEEDED, "aaa"),
                deployment("orders", "1.2.0", ORDERS_DEPLOY, DeploymentRecord.Outcome.SUCCEEDED, "bbb"),
                deployment("daily-revenue", "0.3.0", REVENUE_DEPLOY, DeploymentRecord.Outcome.SUCCEEDED, "ccc"),
                deployment("orders", "1.3.0", FAILED_DEPLOY, DeploymentRecord.Outcome.FAILED, "ddd"));
    }

    /** The entry each successful deployment of {@link #history()} left, as a registry keeps them. */
    static List<DeployedEntry> deployed() {
        List<DeploymentRecord> h = history();
        return List.of(
                new DeployedEntry(h.get(0), ordersAsFirstDeployed()),
                new DeployedEntry(h.get(1), orders()),
                new DeployedEntry(h.get(2), dailyRevenue()));
    }

    /** The events {@code export} makes of this mesh, every record passed as a value. */
    static List<ObjectNode> events(OpenLineageExport export) {
        return export.events(entries(), history(), deployed(), quality());
    }

    static DeploymentRecord deployment(
            String product, String version, Instant at, DeploymentRecord.Outcome outcome, String checksum) {
        return new DeploymentRecord(
                product,
                version,
                ENV,
                checksum,
                at,
                "ci-bot",
                outcome,
                List.of("create table"),
                outcome == DeploymentRecord.Outcome.FAILED ? "the server refused" : null);
    }

    /** A check of orders before its deployment, its publish after, and daily-revenue's publish. */
    static List<QualityRecord> quality() {
        return List.of(
                new QualityRecord(
                        "orders",
                        "orders",
                        ENV,
                        2,
                        ORDERS_CHECK,
                        "check",
                        1000L,
                        List.of(
                                passed("order_id_not_null", "orders.order_id", "nullValues", "0"),
                                passed("has_rows", "orders", "rowCount", "1000"))),
                new QualityRecord(
                        "orders",
                        "orders",
                        ENV,
                        2,
                        ORDERS_PUBLISH,
                        "publish",
                        1200L,
                        List.of(
                                passed("order_id_not_null", "orders.order_id", "nullValues", "0"),
                                new Result(
                                        "amount_positive",
                                        "orders.amount",
                                        "invalidValues",
                                        new BigDecimal("3"),
                                        "mustBe 0",
                                        "warning",
                                        "FAILED",
                                        "3 rows have a negative amount"),
                                passed("has_rows", "orders", "rowCount", "1200"))),
                new QualityRecord(
                        "daily-revenue",
                        "daily_revenue",
                        ENV,
                        1,
                        REVENUE_PUBLISH,
                        "publish",
                        31L,
                        List.of(passed("day_unique", "daily_revenue.day", "duplicateValues", "0"))));
    }

    private static Result passed(String rule, String scope, String metric, String measured) {
        return new Result(rule, scope, metric, new BigDecimal(measured), null, "error", "PASSED", null);
    }
}
