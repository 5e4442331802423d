package dev.meshsdk.spark;

import dev.meshsdk.Mesh;
import dev.meshsdk.testkit.DetectedPolicyDouble;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * Product {@code shop} with output port {@code orders} on a {@code local} Delta server, written as YAML in a fresh
 * folder and deployed through {@link Mesh} with the {@code file} registry and the {@code local} adapter; the
 * {@code spark} data module and quality engine come from this module through the ServiceLoader. Its contract:
 * {@code orders(id bigint required, name string, amount decimal(12,2))}; rules {@code amounts present}
 * (nullValues of amount mustBe 0, blocking) and {@code names unique} (duplicateValues of name mustBe 0, a
 * warning, or blocking: {@link #uniqueNames()}); SLA {@code frequency 1 h} + {@code latency 30 min}.
 */
final class ShopProduct {
    final Path base = TestSpark.newDir("shop");
    final String table = base.resolve("data/orders/orders").toString();
    private String namesUnique = "warning";

    /** With rule {@code names unique} blocking (severity error) rather than a warning. */
    ShopProduct uniqueNames() {
        namesUnique = "error";
        return this;
    }

    ShopProduct deploy() {
        Path p = base.resolve("src/shop");
        write(p.resolve("product.yaml"), """
                apiVersion: v1.0.0
                kind: DataProduct
                id: shop
                name: shop
                version: 1.0.0
                status: active
                domain: sales
                team:
                  name: shop-team
                description:
                  purpose: Orders of the shop
                outputPorts:
                  - name: orders
                    version: 1.0.0
                    contractId: shop-orders
                """);
        write(p.resolve("contracts/shop-orders.yaml"), """
                apiVersion: v3.1.0
                kind: DataContract
                id: shop-orders
                version: 1.0.0
                status: active
                servers:
                  - server: local-dev
                    type: local
                    environment: dev
                    path: data/orders
                    format: delta
                slaProperties:
                  - property: frequency
                    value: 1
                    unit: h
                  - property: latency
                    value: 30
                    unit: min
                schema:
                  - name: orders
                    physicalType: table
                    properties:
                      - name: id
                        logicalType: integer
                        physicalType: bigint
                        required: true
                      - name: name
                        logicalType: string
                        quality:
                          - name: names unique
                            metric: duplicateValues
                            mustBe: 0
                            severity: %s
                      - name: amount
                        logicalType: number
                        physicalType: decimal(12,2)
                        quality:
                          - name: amounts present
                            metric: nullValues
                            mustBe: 0
                """.formatted(namesUnique));
        try (Mesh mesh = mesh()) {
            mesh.deploy(List.of(p));
        }
        return this;
    }

    Mesh mesh() {
        return mesh(Clock.systemUTC(), Map.of());
    }

    Mesh mesh(Clock clock, Map<String, String> config) {
        TestSpark.session();
        return Mesh.builder()
                .baseDirectory(base)
                .environment("dev")
                .clock(clock)
                .config(config)
                .build();
    }

    /** With the plugins of the class path and {@code policies} as the policy engine. */
    Mesh mesh(DetectedPolicyDouble policies) {
        TestSpark.session();
        return Mesh.builder()
                .baseDirectory(base)
                .environment("dev")
                .plugins(policies.withDiscoveredPlugins())
                .policyEngine(DetectedPolicyDouble.NAME)
                .build();
    }

    Path file(String name, String text) {
        Path f = base.resolve(name);
        write(f, text);
        return f;
    }

    long version() {
        return SparkDeltaEraser.version(DeltaTable.forPath(TestSpark.session(), table));
    }

    /** The rows as {@code id:name:amount} by id, {@code -} for NULL. */
    String rows() {
        List<Row> rows = TestSpark.session()
                .read()
                .format("delta")
                .load(table)
                .orderBy("id")
                .collectAsList();
        StringBuilder b = new StringBuilder();
        for (Row r : rows) {
            if (b.length() > 0) b.append(',');
            b.append(r.get(0))
                    .append(':')
                    .append(r.isNullAt(1) ? "-" : r.get(1))
                    .append(':')
                    .append(r.isNullAt(2) ? "-" : r.get(2));
        }
        return b.toString();
    }

    private static void write(Path f, String text) {
        try {
            Files.createDirectories(f.getParent());
            Files.writeString(f, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
