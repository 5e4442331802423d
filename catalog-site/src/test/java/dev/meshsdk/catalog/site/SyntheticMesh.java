package dev.meshsdk.catalog.site;

import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.CatalogEntry.Column;
import dev.meshsdk.spi.registry.CatalogEntry.Input;
import dev.meshsdk.spi.registry.CatalogEntry.Port;
import dev.meshsdk.spi.registry.DeploymentRecord;
import dev.meshsdk.spi.registry.QualityRecord;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A generated mesh of any size: products in eight tiers, each product of a tier past the first reading
 * one port of two products of the tier before; two output ports of six columns and two rules each, three
 * quality records per port, two deployments per product.
 */
final class SyntheticMesh {
    private static final int TIERS = 8;

    private SyntheticMesh() {}

    static String id(int i) {
        return String.format("product-%05d", i);
    }

    static SiteData of(int products) {
        int perTier = Math.max(1, (products + TIERS - 1) / TIERS);
        List<CatalogEntry> entries = new ArrayList<>(products);
        Map<String, List<QualityRecord>> quality = new HashMap<>();
        Map<String, List<DeploymentRecord>> deployments = new HashMap<>();
        for (int i = 0; i < products; i++) {
            String id = id(i);
            List<Port> ports = new ArrayList<>();
            List<QualityRecord> records = new ArrayList<>();
            for (int p = 0; p < 2; p++) {
                String port = "port_" + p;
                List<Column> columns = new ArrayList<>();
                for (int c = 0; c < 6; c++) {
                    columns.add(new Column(
                            "t" + p,
                            "col_" + c,
                            c == 0 ? "string" : "number",
                            c == 0 ? "VARCHAR(36)" : "BIGINT",
                            c < 2,
                            c == 0,
                            "Column " + c + " of " + port,
                            c == 1 ? "pii" : "internal",
                            c == 1 ? "customer" : null));
                }
                ports.add(new Port(
                        port,
                        "Port " + p + " of " + id,
                        "1.0.0",
                        id + "-" + port,
                        "1.0.0",
                        1,
                        "active",
                        null,
                        "prod",
                        "s3",
                        "s3://mesh-" + (i % 40) + "/" + id + "/" + port,
                        List.of(new CatalogEntry.Dataset(
                                "t" + p, "s3://mesh-" + (i % 40) + "/" + id + "/" + port + "/t" + p)),
                        columns,
                        List.of(new CatalogEntry.Sla("freshness", "1", "d", null)),
                        List.of(
                                new CatalogEntry.Rule(
                                        "rows", "t" + p, "library", "rowCount", "mustBeGreaterThan 0", "error", null),
                                new CatalogEntry.Rule(
                                        "unique",
                                        "t" + p + ".col_0",
                                        "library",
                                        "duplicateValues",
                                        "mustBe 0",
                                        "error",
                                        null)),
                        "contracts/" + port + ".yaml"));
                for (int r = 0; r < 3; r++) {
                    boolean pass = (i + r) % 7 != 0;
                    records.add(new QualityRecord(
                            id,
                            port,
                            "dev",
                            1,
                            SampleMesh.T0.plusSeconds(3600L * r),
                            "check",
                            1000L + r,
                            List.of(
                                    new QualityRecord.Result(
                                            "rows",
                                            "t" + p,
                                            "rowCount",
                                            BigDecimal.valueOf(1000 + r),
                                            "mustBeGreaterThan 0",
                                            "error",
                                            "PASSED",
                                            null),
                                    new QualityRecord.Result(
                                            "unique",
                                            "t" + p + ".col_0",
                                            "duplicateValues",
                                            BigDecimal.valueOf(pass ? 0 : 2),
                                            "mustBe 0",
                                            "error",
                                            pass ? "PASSED" : "FAILED",
                                            null))));
                }
            }
            List<Input> inputs = new ArrayList<>();
            int tier = i / perTier;
            if (tier > 0) {
                int base = (tier - 1) * perTier;
                int a = base + (i * 7) % perTier;
                int b = base + (i * 13 + 1) % perTier;
                inputs.add(new Input("in_a", id(a) + "-port_0", "1.0.0", id(a), "port_0", 1));
                if (b != a) inputs.add(new Input("in_b", id(b) + "-port_1", "1.0.0", id(b), "port_1", 1));
            }
            entries.add(new CatalogEntry(
                    id,
                    "dev",
                    "Product " + i,
                    "1.0.0",
                    i % 10 == 0 ? "deprecated" : "active",
                    "domain-" + (i % 12),
                    "acme",
                    List.of("tier-" + tier, "tag-" + (i % 30)),
                    new CatalogEntry.Owner(
                            "team-" + (i % 40), null, List.of(new CatalogEntry.Member("u" + i, "User " + i, "owner"))),
                    "Synthetic product " + i + " for size tests.",
                    ports,
                    inputs,
                    List.of(),
                    SampleMesh.T0));
            quality.put(id, records);
            deployments.put(
                    id,
                    List.of(
                            new DeploymentRecord(
                                    id,
                                    "0.9.0",
                                    "dev",
                                    "x",
                                    SampleMesh.T0.minusSeconds(7200),
                                    "ci",
                                    DeploymentRecord.Outcome.SUCCEEDED,
                                    List.of("create port_0", "create port_1"),
                                    null),
                            new DeploymentRecord(
                                    id,
                                    "1.0.0",
                                    "dev",
                                    "y",
                                    SampleMesh.T0,
                                    "ci",
                                    DeploymentRecord.Outcome.SUCCEEDED,
                                    List.of("add column col_5"),
                                    null)));
        }
        return new SiteData("dev", entries, quality, deployments, SampleMesh.edges(entries));
    }
}
