package dev.meshsdk.testkit;

import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.CatalogEntry.Column;
import dev.meshsdk.spi.registry.CatalogEntry.Dataset;
import dev.meshsdk.spi.registry.CatalogEntry.Descriptor;
import dev.meshsdk.spi.registry.CatalogEntry.Input;
import dev.meshsdk.spi.registry.CatalogEntry.Member;
import dev.meshsdk.spi.registry.CatalogEntry.Owner;
import dev.meshsdk.spi.registry.CatalogEntry.Port;
import dev.meshsdk.spi.registry.CatalogEntry.Rule;
import dev.meshsdk.spi.registry.CatalogEntry.Sla;
import dev.meshsdk.spi.registry.DeploymentRecord;
import dev.meshsdk.spi.registry.DeploymentRecord.Outcome;
import dev.meshsdk.spi.registry.ErasureReceipt;
import dev.meshsdk.spi.registry.QualityRecord;
import dev.meshsdk.spi.storage.ErasureResult.TableErasure;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Builders of deployment records, catalog entries and quality records for registry tests. Times are
 * seconds past {@link #T0}, so tests can order records without a clock.
 */
public final class CatalogFixtures {
    /** The instant every fixture time counts from. */
    public static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private CatalogFixtures() {}

    /** A deployment record of {@code productId} at {@code second} seconds past {@link #T0}. */
    public static DeploymentRecord record(String productId, String env, String version, Outcome outcome, int second) {
        return new DeploymentRecord(
                productId,
                version,
                env,
                "sha256-" + productId + "-" + version,
                T0.plusSeconds(second),
                "ci",
                outcome,
                List.of("+ create " + productId),
                outcome == Outcome.FAILED ? "store failed" : null);
    }

    /** An entry of {@code productId} with one output port {@code orders} offering {@code orders-contract}. */
    public static CatalogEntry entry(String productId, String env, String version) {
        return entry(
                productId,
                env,
                version,
                "sales",
                "orders-team",
                "active",
                List.of("orders"),
                port("orders", "orders-contract", 1, "active", List.of(column("id", null))));
    }

    /** An entry with the fields a search filters on, one port, and no inputs or descriptors. */
    public static CatalogEntry entry(
            String productId,
            String env,
            String version,
            String domain,
            String team,
            String status,
            List<String> tags,
            Port... ports) {
        return new CatalogEntry(
                productId,
                env,
                productId + " name",
                version,
                status,
                domain,
                null,
                tags,
                team == null ? null : new Owner(team, null, List.of()),
                "The " + productId + " product",
                List.of(ports),
                List.of(),
                List.of(),
                T0);
    }

    /** An output port of one contract major version, at {@code file:///data/<name>}. */
    public static Port port(String name, String contractId, int major, String status, List<Column> columns) {
        String address = "file:///data/" + name + (major >= 2 ? "_v" + major : "");
        return new Port(
                name,
                "The " + name + " port",
                major + ".0.0",
                contractId,
                major + ".0.0",
                major,
                status,
                null,
                "local-dev",
                "local",
                address,
                List.of(new Dataset(name, address)),
                columns,
                List.of(),
                List.of(),
                "contracts/" + contractId + ".yaml");
    }

    /** A column of object {@code orders}; {@code classification} may be null. */
    public static Column column(String name, String classification) {
        return new Column(
                "orders", name, "string", "varchar(64)", false, false, "The " + name + " column", classification, null);
    }

    /**
     * An entry with every field set, nested records included: owner and members, tags, tenant, two major
     * versions of a port (one deprecated, with a sunset), datasets, columns with classification and subject
     * key, SLA, rules, resolved and unresolved inputs, and descriptors with multi-line, non-ASCII text.
     */
    public static CatalogEntry fullEntry(String productId, String env) {
        List<Column> columns = List.of(
                new Column("orders", "id", "integer", "bigint", true, true, "Order id", null, "default"),
                new Column(
                        "orders",
                        "customer_email",
                        "string",
                        "varchar(320)",
                        false,
                        false,
                        "E-mail of the buyer",
                        "pii",
                        "customer"),
                new Column(
                        "lines",
                        "amount",
                        "number",
                        "decimal(12,2)",
                        true,
                        false,
                        "Line amount (€)",
                        "restricted",
                        null));
        List<Sla> sla = List.of(new Sla("retention", "3", "y", null), new Sla("latency", "4", "h", "orders.id"));
        List<Rule> rules = List.of(
                new Rule("no-null-ids", "orders.id", "library", "nullValues", "mustBe 0", "error", "Ids are set"),
                new Rule("row-count", "orders", "library", "rowCount", "mustBeGreaterThan 0", "warning", null));
        Port v2 = new Port(
                "orders",
                "Orders, one row per order",
                "2.1.0",
                "orders-contract",
                "2.1.0",
                2,
                "active",
                null,
                "s3-prod",
                "s3",
                "s3://team-bucket/orders",
                List.of(
                        new Dataset("orders", "s3://team-bucket/orders/orders_v2"),
                        new Dataset("lines", "s3://team-bucket/orders/lines_v2")),
                columns,
                sla,
                rules,
                "contracts/orders-contract.yaml");
        Port v1 = new Port(
                "orders",
                "Orders, one row per order",
                "1.4.0",
                "orders-contract",
                "1.4.0",
                1,
                "deprecated",
                "2025-12-31",
                "s3-prod",
                "s3",
                "s3://team-bucket/orders",
                List.of(new Dataset("orders", "s3://team-bucket/orders/orders")),
                columns.subList(0, 2),
                sla.subList(0, 1),
                rules.subList(0, 1),
                "v1/contracts/orders-contract.yaml");
        Owner owner = new Owner(
                "orders-team",
                "Owns checkout data",
                List.of(new Member("alice", "Alice Ærø", "owner"), new Member("bob", null, "data steward")));
        List<Input> inputs = List.of(
                new Input("customers", "customers-contract", "3.0.0", "customers", "customers", 3),
                new Input("legacy", "legacy-contract", null, null, null, 0));
        List<Descriptor> descriptors = List.of(
                new Descriptor(
                        "product.yaml",
                        "DataProduct",
                        "apiVersion: v1.0.0\nkind: DataProduct\nid: " + productId + "\nname: \"Orders — «EU»\"\n"),
                new Descriptor(
                        "contracts/orders-contract.yaml", "DataContract", "id: orders-contract\nversion: 2.1.0\n"),
                new Descriptor(
                        "v1/contracts/orders-contract.yaml", "DataContract", "id: orders-contract\nversion: 1.4.0\n"));
        return new CatalogEntry(
                productId,
                env,
                "Orders",
                "2.1.0",
                "active",
                "sales",
                "eu-west",
                List.of("orders", "gold"),
                owner,
                "Every order placed in the shop",
                List.of(v2, v1),
                inputs,
                descriptors,
                Instant.parse("2025-03-01T10:00:00.123456789Z"));
    }

    /** A quality record of one port with one result, at {@code second} seconds past {@link #T0}. */
    public static QualityRecord quality(String productId, String port, String env, int second, boolean passed) {
        return new QualityRecord(
                productId,
                port,
                env,
                1,
                T0.plusSeconds(second),
                second % 2 == 0 ? "check" : "publish",
                1000L + second,
                List.of(new QualityRecord.Result(
                        "no-null-ids",
                        "orders.id",
                        "nullValues",
                        new BigDecimal(passed ? "0" : "3"),
                        "mustBe 0",
                        "error",
                        passed ? "PASSED" : "FAILED",
                        passed ? null : "3 rows have a null id")));
    }

    /** A subject hash for tests: 64 hexadecimal digits made of {@code digit}. */
    public static String subjectHash(char digit) {
        return String.valueOf(digit).repeat(64);
    }

    /**
     * An erasure receipt of port {@code port} v{@code major} of {@code productId} at {@code second} seconds past
     * {@link #T0}; a {@code DONE} one has two tables (one with rows deleted, version and purge horizon, one empty).
     */
    public static ErasureReceipt receipt(
            String requestId,
            String hash,
            String env,
            String productId,
            String port,
            int major,
            ErasureReceipt.Status status,
            int second) {
        List<TableErasure> tables = status != ErasureReceipt.Status.DONE
                ? List.of()
                : List.of(
                        new TableErasure(
                                "file:///data/" + productId + "/" + port,
                                "customer_id",
                                3,
                                "7",
                                true,
                                T0.plusSeconds(second),
                                null),
                        new TableErasure(
                                "sales." + port + "_lines",
                                "customer_ref",
                                0,
                                null,
                                false,
                                T0.plusSeconds(second).plus(java.time.Duration.ofDays(7)),
                                "VACUUM pending"));
        return new ErasureReceipt(
                requestId,
                hash,
                "customer",
                env,
                productId,
                port,
                major,
                "local",
                "file:///data/" + productId,
                status,
                tables,
                status == ErasureReceipt.Status.FAILED ? "the store could not be reached" : null,
                "dpo@example.com",
                T0.plusSeconds(second));
    }
}
