package dev.meshsdk.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.Mesh;
import dev.meshsdk.plan.DeploymentPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retiring an older contract major version on a real PostgreSQL, with the postgres registry shared by the
 * producer's and the consumer's builds: the retired version's grant is revoked at once, its table is kept while
 * the consumer still reads it, and dropped (with the SDK's record of its grants) once the consumer moved on and
 * the sunset is past. Today is 2026-12-06 for the SDK.
 */
class PostgresRetireIT {
    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);
    private final TestPostgres pg = TestPostgres.get();

    @TempDir
    Path dir;

    @Test
    void aRetiredVersionLosesItsGrantThenItsTableOnceNobodyReadsIt() throws Exception {
        String schema = TestPostgres.freshName("retire");
        String analyst = pg.newRole("analyst");
        Path customers = writeProducer(schema, analyst);
        Path segments = writeConsumer(schema);
        try (Mesh m = mesh(schema)) {
            m.deploy(List.of(customers));
            m.deploy(List.of(segments));
        }
        assertThat(canRead(analyst, schema + ".customers"))
                .as("analyst reads v1 before")
                .isTrue();

        replace(customers.resolve("contracts/customers.yaml"), "version: 1.0.0", "version: 2.0.0");
        replace(customers.resolve("product.yaml"), "    version: 1.0.0\n    contractId: customers\n", """
                    version: 2.0.0
                    contractId: customers
                    customProperties:
                      - property: majorVersions
                        value:
                          - major: 1
                            status: retired
                            sunset: 2026-11-30
                """);
        try (Mesh m = mesh(schema)) {
            DeploymentPlan plan = m.plan(List.of(customers));
            assertThat(plan.summary())
                    .contains(
                            "    + create customers_v2 (2 columns)",
                            "    ~ retire customers v1 (sunset 2026-11-30)",
                            "    - revoke read on customers from " + analyst,
                            "    = keep table customers v1: still read by product 'segments' (input port 'customers')");
            assertThat(plan.summary()).doesNotContain("drop table");
            m.deploy(List.of(customers), plan);
        }
        assertThat(tables(schema)).containsExactly("customers", "customers_v2", "segments");
        assertThat(canRead(analyst, schema + ".customers"))
                .as("analyst reads retired v1")
                .isFalse();
        assertThat(canRead(analyst, schema + ".customers_v2"))
                .as("analyst reads v2")
                .isTrue();

        replace(
                segments.resolve("product.yaml"),
                "    version: 1.0.0\n    contractId: customers",
                "    version: 2.0.0\n    contractId: customers");
        try (Mesh m = mesh(schema)) {
            m.deploy(List.of(segments));
            DeploymentPlan plan = m.plan(List.of(customers));
            assertThat(plan.summary())
                    .contains("    - drop table customers (v1 retired, sunset 2026-11-30, no consumer)");
            assertThat(tables(schema)).as("after planning").contains("customers");
            m.deploy(List.of(customers), plan);
            assertThat(m.catalog().product("customers").orElseThrow().outputPorts())
                    .extracting(p -> p.majorVersion())
                    .containsExactly(2);
            assertThat(m.plan(List.of(customers)).hasChanges())
                    .as("planned again")
                    .isFalse();
        }
        assertThat(tables(schema)).containsExactly("customers_v2", "segments");
        assertThat(ownedGrants(schema)).containsExactly("customers_v2 " + analyst + " read");
    }

    private Mesh mesh(String schema) {
        return Mesh.builder()
                .baseDirectory(dir)
                .environment("dev")
                .registry("postgres")
                .user("it@test")
                .secrets(pg.secrets())
                .clock(TODAY)
                .config(Map.of(
                        "mesh.registry.postgres.host",
                        pg.host,
                        "mesh.registry.postgres.port",
                        String.valueOf(pg.port),
                        "mesh.registry.postgres.database",
                        pg.database,
                        "mesh.registry.postgres.credentialsId",
                        TestPostgres.CREDENTIALS_ID,
                        "mesh.registry.postgres.schema",
                        schema + "_registry"))
                .build();
    }

    private boolean canRead(String role, String table) throws SQLException {
        try (Connection c = pg.as(role);
                Statement s = c.createStatement()) {
            s.executeQuery("SELECT count(*) FROM " + table).close();
            return true;
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) return false;
            throw e;
        }
    }

    private List<String> tables(String schema) throws SQLException {
        return strings("SELECT table_name FROM information_schema.tables WHERE table_schema = ? ORDER BY 1", schema);
    }

    private List<String> ownedGrants(String schema) throws SQLException {
        return strings(
                "SELECT table_name || ' ' || principal || ' ' || privilege FROM mesh.grants"
                        + " WHERE table_schema = ? ORDER BY 1",
                schema);
    }

    private List<String> strings(String sql, String schema) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = pg.admin();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, schema);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
        }
        return out;
    }

    private Path writeProducer(String schema, String analyst) throws IOException {
        Path p = dir.resolve("customers");
        Files.createDirectories(p.resolve("contracts"));
        Files.writeString(p.resolve("product.yaml"), """
                apiVersion: v1.0.0
                kind: DataProduct
                id: customers
                name: customers
                version: 1.0.0
                status: active
                domain: sales
                team:
                  name: crm-team
                outputPorts:
                  - name: customers
                    version: 1.0.0
                    contractId: customers
                """);
        Files.writeString(
                p.resolve("contracts/customers.yaml"), """
                apiVersion: v3.1.0
                kind: DataContract
                id: customers
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
                roles:
                  - role: %s
                    access: read
                schema:
                  - name: customers
                    physicalType: table
                    properties:
                      - name: customer_id
                        logicalType: integer
                        physicalType: bigint
                        primaryKey: true
                        required: true
                      - name: email
                        logicalType: string
                """.formatted(pg.host, pg.port, pg.database, schema, analyst));
        return p;
    }

    private Path writeConsumer(String schema) throws IOException {
        Path p = dir.resolve("segments");
        Files.createDirectories(p.resolve("contracts"));
        Files.writeString(p.resolve("product.yaml"), """
                apiVersion: v1.0.0
                kind: DataProduct
                id: segments
                name: segments
                version: 1.0.0
                status: active
                domain: marketing
                team:
                  name: growth-team
                inputPorts:
                  - name: customers
                    version: 1.0.0
                    contractId: customers
                outputPorts:
                  - name: segments
                    version: 1.0.0
                    contractId: segments
                """);
        Files.writeString(p.resolve("contracts/segments.yaml"), """
                apiVersion: v3.1.0
                kind: DataContract
                id: segments
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
                schema:
                  - name: segments
                    physicalType: table
                    properties:
                      - name: segment
                        logicalType: string
                """.formatted(pg.host, pg.port, pg.database, schema));
        return p;
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }
}
