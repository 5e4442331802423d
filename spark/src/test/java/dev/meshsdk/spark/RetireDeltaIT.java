package dev.meshsdk.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.Mesh;
import dev.meshsdk.plan.DeploymentPlan;
import dev.meshsdk.spi.data.PublishRequest.Mode;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Retiring major version 1 of a port on the embedded {@code local} Delta store, with data in both versions and
 * the {@code file} registry: the v1 table keeps its rows while a consumer reads v1, and once the consumer moved to
 * v2 and the sunset is past the plan drops it and the deploy removes the whole Delta table, v2 untouched. Spark
 * reads the tables as a consumer's job would. Today is 2026-12-06 for the SDK.
 */
class RetireDeltaIT {
    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);
    private final SparkSession spark = TestSpark.session();
    private final Path base = TestSpark.newDir("retire");

    @Test
    void aRetiredDeltaTableIsKeptWhileReadAndDroppedAfterTheSunsetWhenNobodyReadsIt() throws IOException {
        Path orders = base.resolve("products/orders");
        Path stats = MeshProjects.product(
                base.resolve("products"),
                "stats",
                MeshProjects.contract(
                        "stats",
                        "1.0.0",
                        MeshProjects.localServer("data/stats"),
                        "stats",
                        "      - name: n\n        logicalType: integer\n"),
                "orders",
                "1.0.0");
        write(orders, "1.0.0", "");
        Path rows = base.resolve("orders.csv");
        Files.writeString(rows, "order_id,amount\n1,10.50\n2,20.00\n3,5.25\n");
        try (Mesh m = mesh()) {
            m.deploy(List.of(orders));
            m.publish("orders", "orders", rows, Mode.REPLACE);
            m.deploy(List.of(stats));
        }
        String v1 = base.resolve("data/orders/orders").toString();
        String v2 = base.resolve("data/orders/orders_v2").toString();

        write(orders, "2.0.0", """
                    customProperties:
                      - property: majorVersions
                        value:
                          - major: 1
                            status: retired
                            sunset: 2026-11-30
                """);
        try (Mesh m = mesh()) {
            DeploymentPlan plan = m.plan(List.of(orders));
            assertThat(plan.summary())
                    .contains(
                            "    + create orders_v2 (2 columns)",
                            "    ~ retire orders v1 (sunset 2026-11-30)",
                            "    = keep table orders v1: still read by product 'stats' (input port 'upstream')");
            m.deploy(List.of(orders), plan);
            m.publish("orders", "orders", rows, Mode.REPLACE);
        }
        assertThat(spark.read().format("delta").load(v1).count())
                .as("rows of kept v1")
                .isEqualTo(3);
        assertThat(spark.read().format("delta").load(v2).count())
                .as("rows of v2")
                .isEqualTo(3);

        replaceIn(
                stats.resolve("product.yaml"),
                "    version: 1.0.0\n    contractId: orders-contract",
                "    version: 2.0.0\n    contractId: orders-contract");
        try (Mesh m = mesh()) {
            m.deploy(List.of(stats));
            DeploymentPlan plan = m.plan(List.of(orders));
            assertThat(plan.summary()).contains("    - drop table orders (v1 retired, sunset 2026-11-30, no consumer)");
            assertThat(DeltaTable.isDeltaTable(spark, v1))
                    .as("v1 after planning the drop")
                    .isTrue();
            m.deploy(List.of(orders), plan);
            assertThat(m.catalog().product("orders").orElseThrow().outputPorts())
                    .extracting(p -> p.majorVersion())
                    .containsExactly(2);
        }
        assertThat(Files.exists(Path.of(v1))).as("v1's folder after the drop").isFalse();
        assertThat(DeltaTable.isDeltaTable(spark, v1)).isFalse();
        assertThat(spark.read().format("delta").load(v2).count())
                .as("rows of v2 after the drop")
                .isEqualTo(3);
    }

    private Mesh mesh() {
        return Mesh.builder()
                .baseDirectory(base)
                .environment("dev")
                .user("it@test")
                .clock(TODAY)
                .build();
    }

    /** Product {@code orders} at contract version {@code version}, its output port followed by {@code extra}. */
    private static void write(Path dir, String version, String extra) throws IOException {
        Files.createDirectories(dir.resolve("contracts"));
        Files.writeString(dir.resolve("product.yaml"), """
                apiVersion: v1.0.0
                kind: DataProduct
                id: orders
                version: 1.0.0
                status: active
                team:
                  name: team-orders
                outputPorts:
                  - name: orders
                    version: %s
                    contractId: orders-contract
                """.formatted(version) + extra);
        Files.writeString(
                dir.resolve("contracts/orders-contract.yaml"),
                MeshProjects.contract("orders", version, MeshProjects.localServer("data/orders"), "orders", """
                      - name: order_id
                        logicalType: integer
                        physicalType: bigint
                        required: true
                      - name: amount
                        logicalType: number
                        physicalType: decimal(12,2)
                """));
    }

    private static void replaceIn(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }
}
