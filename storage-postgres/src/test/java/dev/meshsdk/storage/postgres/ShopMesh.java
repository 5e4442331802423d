package dev.meshsdk.storage.postgres;

import dev.meshsdk.Mesh;
import dev.meshsdk.testkit.DetectedPolicyDouble;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Product {@code shop} with output port {@code orders} on the test PostgreSQL, written as YAML and deployed
 * through {@link Mesh} with the {@code postgres} registry, for the publish and check tests. Its contract:
 * {@code orders(id bigint primary key, name text, amount numeric(12,2))}; rules {@code amounts present}
 * (nullValues of amount mustBe 0, severity unset: blocking) and {@code names unique} (duplicateValues of name
 * mustBe 0, a warning); SLA {@code frequency 1 h} + {@code latency 30 min}.
 */
final class ShopMesh {
    static final String PRODUCT = "shop";
    static final String PORT = "orders";

    final TestPostgres pg = TestPostgres.get();
    final Path dir;
    final String schema = TestPostgres.freshName("shop");

    /** Whether {@code names unique} blocks a publish (an error rule) instead of warning. */
    private boolean uniqueNamesBlock;

    ShopMesh(Path dir) {
        this.dir = dir;
    }

    /** Makes {@code names unique} block a publish; call before {@link #deploy()}. */
    ShopMesh uniqueNamesBlocking() {
        uniqueNamesBlock = true;
        return this;
    }

    /** A Mesh on the test database and a registry of this test's own, at {@code clock}'s time. */
    Mesh mesh(Clock clock, Map<String, String> extra) {
        return builder(extra).policyEngine("none").clock(clock).build();
    }

    /** As {@link #mesh()}, with {@code policies} as the policy engine. */
    Mesh mesh(DetectedPolicyDouble policies, Map<String, String> extra) {
        return builder(extra)
                .plugins(policies.withDiscoveredPlugins())
                .policyEngine(DetectedPolicyDouble.NAME)
                .build();
    }

    /** As {@link #mesh()}, with the plugins found on the class path and {@code extra} (a policy engine double). */
    Mesh mesh(dev.meshsdk.spi.MeshPlugin extra, String policyEngine) {
        List<dev.meshsdk.spi.MeshPlugin> plugins = new java.util.ArrayList<>();
        java.util.ServiceLoader.load(dev.meshsdk.spi.MeshPlugin.class).forEach(plugins::add);
        plugins.add(extra);
        return builder(Map.of()).plugins(plugins).policyEngine(policyEngine).build();
    }

    private Mesh.Builder builder(Map<String, String> extra) {
        Map<String, String> config = new java.util.HashMap<>(Map.of(
                "mesh.registry.postgres.host",
                pg.host,
                "mesh.registry.postgres.port",
                String.valueOf(pg.port),
                "mesh.registry.postgres.database",
                pg.database,
                "mesh.registry.postgres.credentialsId",
                TestPostgres.CREDENTIALS_ID,
                "mesh.registry.postgres.schema",
                schema + "_registry"));
        config.putAll(extra);
        return Mesh.builder()
                .baseDirectory(dir)
                .environment("dev")
                .registry("postgres")
                .user("it@test")
                .secrets(pg.secrets())
                .config(config);
    }

    Mesh mesh() {
        return mesh(Clock.systemUTC(), Map.of());
    }

    /** Writes and deploys the product. */
    ShopMesh deploy() {
        Path p = dir.resolve(PRODUCT);
        try {
            Files.createDirectories(p.resolve("contracts"));
            Files.writeString(p.resolve("product.yaml"), """
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
            Files.writeString(
                    p.resolve("contracts/shop-orders.yaml"), """
                    apiVersion: v3.1.0
                    kind: DataContract
                    id: shop-orders
                    version: 1.0.0
                    status: active
                    servers:
                      - server: test
                        type: postgres
                        environment: dev
                        host: %s
                        port: %d
                        database: %s
                        schema: %s
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
                            primaryKey: true
                            required: true
                          - name: name
                            logicalType: string
                            quality:
                              - name: names unique
                                metric: duplicateValues
                                mustBe: 0
                                severity: warning
                          - name: amount
                            logicalType: number
                            physicalType: numeric(12,2)
                            quality:
                              - name: amounts present
                                metric: nullValues
                                mustBe: 0
                    """.formatted(pg.host, pg.port, pg.database, schema)
                            .replaceAll(uniqueNamesBlock ? "(?m)^ *severity: warning\n" : "(?!)", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Mesh mesh = mesh()) {
            mesh.deploy(List.of(p));
        }
        return this;
    }

    Path file(String name, String text) {
        try {
            Path f = dir.resolve(name);
            Files.writeString(f, text);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The table's rows as {@code id:name:amount}, by id; {@code -} for NULL. */
    String rows() {
        return query(
                "SELECT coalesce(string_agg(id || ':' || coalesce(name, '-') || ':' || coalesce(amount::text, '-'),"
                        + " ',' ORDER BY id), '') FROM " + schema + ".orders");
    }

    String query(String sql) {
        try (Connection c = pg.admin();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
