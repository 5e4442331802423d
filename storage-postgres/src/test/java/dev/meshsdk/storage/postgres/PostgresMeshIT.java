package dev.meshsdk.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.Mesh;
import dev.meshsdk.plan.DeploymentPlan;
import dev.meshsdk.spi.registry.DeploymentRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole SDK on a real PostgreSQL: a product and its ODCS contract read from YAML, the postgres plugin
 * found by the ServiceLoader, planned, deployed, recorded in the postgres registry, and planned again.
 */
class PostgresMeshIT {
    private final TestPostgres pg = TestPostgres.get();

    @TempDir
    Path dir;

    @Test
    void deploysAProductFromItsDescriptorsAndASecondDeployRunsNoStatement() throws Exception {
        String schema = TestPostgres.freshName("mesh");
        String analyst = pg.newRole("analyst");
        Path product = writeProduct(schema, analyst);
        try (Mesh mesh = Mesh.builder()
                .baseDirectory(dir)
                .environment("dev")
                .registry("postgres")
                .user("it@test")
                .secrets(pg.secrets())
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
                .build()) {
            DeploymentPlan plan = mesh.plan(List.of(product));

            assertThat(plan.summary())
                    .contains("+ create customers (3 columns)", "+ grant read on customers to " + analyst);
            mesh.deploy(List.of(product), plan);
            long statements =
                    mesh.metrics().counter("mesh.storage.postgres.statements").getCount();
            mesh.deploy(List.of(product));

            assertThat(statements)
                    .as("DDL and grant statements of the first deploy")
                    .isGreaterThan(0);
            assertThat(mesh.metrics()
                            .counter("mesh.storage.postgres.statements")
                            .getCount())
                    .as("statements after a second deploy")
                    .isEqualTo(statements);
            assertThat(mesh.plan(List.of(product)).hasChanges())
                    .as("third plan has changes")
                    .isFalse();
            assertThat(mesh.registry().deployments().current("customers", "dev"))
                    .map(DeploymentRecord::deployedBy)
                    .contains("it@test");
        }
        try (Connection c = pg.as(analyst);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + schema + ".customers")) {
            assertThat(rs.next()).isTrue();
        }
    }

    private Path writeProduct(String schema, String analyst) throws IOException {
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
                description:
                  purpose: Customers of the shop
                outputPorts:
                  - name: customers
                    version: 1.0.0
                    contractId: customers-contract
                """);
        Files.writeString(p.resolve("contracts/customers-contract.yaml"), """
                apiVersion: v3.1.0
                kind: DataContract
                id: customers-contract
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
                    description: One row per customer
                    properties:
                      - name: customer_id
                        logicalType: integer
                        physicalType: bigint
                        primaryKey: true
                        required: true
                      - name: email
                        logicalType: string
                        logicalTypeOptions:
                          maxLength: 320
                        classification: restricted
                      - name: signed_up
                        logicalType: timestamp
                """.formatted(
                        pg.host, pg.port, pg.database, schema, analyst));
        return p;
    }
}
