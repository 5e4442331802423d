package dev.meshsdk.bench.catalog;

import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.DeploymentRecord;
import dev.meshsdk.spi.registry.QualityRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A generated mesh as deployments record it: {@code teams} teams owning {@code products} products, each
 * with two output ports (six columns, three rules, an SLA), input ports reading one or two ports of
 * products with smaller numbers (so the lineage is a DAG with long chains), the descriptors' texts, and a
 * quality record per port. Deterministic for a given size.
 */
final class GeneratedMesh {
    static final String ENV = "dev";
    static final Instant AT = Instant.parse("2026-12-01T08:00:00Z");

    final List<CatalogEntry> entries = new ArrayList<>();
    final List<DeploymentRecord> deployments = new ArrayList<>();
    final List<QualityRecord> quality = new ArrayList<>();

    GeneratedMesh(int teams, int products) {
        Random random = new Random(42);
        for (int i = 0; i < products; i++) {
            int team = i % teams;
            String id = "product-" + i;
            List<CatalogEntry.Input> inputs = new ArrayList<>();
            if (i > 0) {
                int producer = random.nextInt(i);
                inputs.add(new CatalogEntry.Input(
                        "in-" + producer, contract(producer, "events"), "1.0.0", "product-" + producer, "events", 1));
                if (i > 10 && random.nextBoolean()) {
                    int second = random.nextInt(i);
                    if (second != producer) {
                        inputs.add(new CatalogEntry.Input(
                                "in-" + second,
                                contract(second, "summary"),
                                "2.0.0",
                                "product-" + second,
                                "summary",
                                2));
                    }
                }
            }
            List<CatalogEntry.Port> ports = List.of(port(i, "events", 1), port(i, "summary", 2));
            CatalogEntry.Owner owner = new CatalogEntry.Owner(
                    "team-" + team,
                    "Team number " + team,
                    List.of(
                            new CatalogEntry.Member("owner" + team + "@example.com", "Owner " + team, "owner"),
                            new CatalogEntry.Member(
                                    "steward" + team + "@example.com", "Steward " + team, "data steward")));
            entries.add(new CatalogEntry(
                    id,
                    ENV,
                    "Product " + i,
                    "1." + i + ".0",
                    i % 50 == 0 ? "deprecated" : "active",
                    "domain-" + (team % 20),
                    "acme",
                    List.of("generated", "tier-" + (i % 3)),
                    owner,
                    "Generated product number " + i + " with its events and a daily summary.",
                    ports,
                    inputs,
                    List.of(
                            new CatalogEntry.Descriptor("product.yaml", "DataProduct", text(id, 1500)),
                            new CatalogEntry.Descriptor("contracts/events.yaml", "DataContract", text(id, 2500)),
                            new CatalogEntry.Descriptor("contracts/summary.yaml", "DataContract", text(id, 2500))),
                    AT));
            deployments.add(new DeploymentRecord(
                    id,
                    "1." + i + ".0",
                    ENV,
                    "sha256-" + i,
                    AT,
                    "ci",
                    DeploymentRecord.Outcome.SUCCEEDED,
                    List.of("+ create events", "+ create summary"),
                    null));
            for (CatalogEntry.Port p : ports) {
                quality.add(new QualityRecord(
                        id,
                        p.name(),
                        ENV,
                        p.majorVersion(),
                        AT,
                        "check",
                        1000L + i,
                        List.of(
                                new QualityRecord.Result(
                                        "id not null",
                                        p.name() + ".id",
                                        "nullValues",
                                        BigDecimal.ZERO,
                                        "mustBe 0",
                                        "error",
                                        "PASSED",
                                        null),
                                new QualityRecord.Result(
                                        "id unique",
                                        p.name() + ".id",
                                        "duplicateValues",
                                        BigDecimal.valueOf(i % 7 == 0 ? 3 : 0),
                                        "mustBe 0",
                                        "error",
                                        i % 7 == 0 ? "FAILED" : "PASSED",
                                        null))));
            }
        }
    }

    static String contract(int product, String port) {
        return "product-" + product + "-" + port;
    }

    private static CatalogEntry.Port port(int i, String name, int major) {
        String table = name + (major >= 2 ? "_v" + major : "");
        String address = "postgresql://db.example.com:5432/mesh/team_" + (i % 200) + "." + table + "_" + i;
        List<CatalogEntry.Column> columns = List.of(
                new CatalogEntry.Column(table, "id", "string", "varchar(36)", true, true, "The id", null, null),
                new CatalogEntry.Column(
                        table,
                        "customer_id",
                        "string",
                        "varchar(36)",
                        true,
                        false,
                        "The customer",
                        "restricted",
                        "customer"),
                new CatalogEntry.Column(
                        table,
                        "email",
                        "string",
                        "varchar(200)",
                        false,
                        false,
                        "Contact e-mail",
                        i % 4 == 0 ? "pii" : "confidential",
                        null),
                new CatalogEntry.Column(table, "created_at", "timestamp", "timestamp", true, false, "When", null, null),
                new CatalogEntry.Column(
                        table, "amount", "number", "decimal(12,2)", true, false, "Amount in EUR", null, null),
                new CatalogEntry.Column(table, "status", "string", "varchar(16)", true, false, "Status", null, null));
        List<CatalogEntry.Rule> rules = List.of(
                new CatalogEntry.Rule("id not null", table + ".id", "library", "nullValues", "mustBe 0", "error", null),
                new CatalogEntry.Rule(
                        "id unique", table + ".id", "library", "duplicateValues", "mustBe 0", "error", null),
                new CatalogEntry.Rule("rows", table, "library", "rowCount", "mustBeGreaterThan 0", "warning", null));
        return new CatalogEntry.Port(
                name,
                "The " + name + " of product " + i,
                major + ".0.0",
                contract(i, name),
                major + ".0.0",
                major,
                "active",
                null,
                "pg-dev",
                "postgres",
                address,
                List.of(new CatalogEntry.Dataset(table, address)),
                columns,
                List.of(
                        new CatalogEntry.Sla("latency", "4", "h", null),
                        new CatalogEntry.Sla("retention", "1", "y", null)),
                rules,
                "contracts/" + name + ".yaml");
    }

    /** A descriptor text of about {@code size} characters. */
    private static String text(String id, int size) {
        StringBuilder b = new StringBuilder("# ").append(id).append('\n');
        while (b.length() < size)
            b.append("description: generated text for ").append(id).append('\n');
        return b.toString();
    }
}
