package dev.meshsdk.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.meshsdk.Mesh;
import dev.meshsdk.ValidationException;
import dev.meshsdk.diag.Diagnostic;
import dev.meshsdk.plan.Change;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.Secrets;
import dev.meshsdk.spi.storage.PortProblems;
import dev.meshsdk.spi.storage.StorageAdapter;
import dev.meshsdk.testkit.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a deploy needs of the database is checked when planning, as a deploying user who is no superuser: every
 * problem of every port reported at once, located in its contract, and nothing created.
 */
class PostgresPlanChecksIT {
    private final TestPostgres pg = TestPostgres.get();
    private final String deployer = pg.newRole("deployer");
    private final String analyst = TestPostgres.freshName("analytics");
    private final String fresh = TestPostgres.freshName("fresh");
    private final String locked = TestPostgres.freshName("locked");

    @TempDir
    Path dir;

    private Secrets secrets() {
        return id -> switch (id) {
            case "deployer" -> Optional.of(new Secrets.Credential(deployer, "pw-" + deployer));
            default -> pg.secrets().credential(id);
        };
    }

    private Mesh mesh() {
        return Mesh.builder()
                .baseDirectory(dir)
                .environment("dev")
                .registry("postgres")
                .user("it@test")
                .secrets(secrets())
                .policyEngine("none")
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
                        fresh + "_registry"))
                .build();
    }

    @Test
    void aMissingRoleAndASchemaTheDeployerCannotCreateInAreBothReportedAndNothingIsCreated() throws Exception {
        pg.exec(
                "GRANT CREATE ON DATABASE " + pg.database + " TO " + deployer,
                "CREATE SCHEMA " + locked,
                "GRANT USAGE ON SCHEMA " + locked + " TO " + deployer);
        mayRecordGrants();
        Path product = writeProduct();

        try (Mesh mesh = mesh()) {
            ValidationException e =
                    catchThrowableOfType(ValidationException.class, () -> mesh.deploy(List.of(product)));

            assertThat(e).as("deploy with a missing role and a locked schema").isNotNull();
            List<Diagnostic> errors = e.report().errors();
            assertThat(errors).hasSize(2);
            Diagnostic role = errors.get(0);
            assertThat(role.location().file()).isEqualTo(product.resolve("contracts/orders.yaml"));
            assertThat(role.location().line()).as("line of 'role: %s'", analyst).isEqualTo(15);
            assertThat(role.location().column()).as("column of the role's name").isEqualTo(11);
            assertThat(role.message())
                    .isEqualTo("Cannot deploy output port 'orders' to " + address(fresh) + ": role '" + analyst
                            + "' does not exist, so the grant to it would fail");
            assertThat(role.hint())
                    .isEqualTo("create it (CREATE ROLE \"" + analyst + "\") or fix the role name in"
                            + " the contract's roles");
            Diagnostic schema = errors.get(1);
            assertThat(schema.location().file()).isEqualTo(product.resolve("contracts/refunds.yaml"));
            assertThat(schema.location().line())
                    .as("line of 'schema: %s'", locked)
                    .isEqualTo(13);
            assertThat(schema.location().column())
                    .as("column of the schema's name")
                    .isEqualTo(13);
            assertThat(schema.message())
                    .isEqualTo("Cannot deploy output port 'refunds' to " + address(locked) + ": user '" + deployer
                            + "' may not create tables in schema '" + locked + "'");
            assertThat(schema.hint())
                    .isEqualTo(
                            "GRANT CREATE ON SCHEMA \"" + locked + "\" TO \"" + deployer + "\", or use another schema");
        }
        assertThat(count("SELECT count(*) FROM information_schema.schemata WHERE schema_name = '" + fresh + "'"))
                .as("the first port's schema")
                .isZero();
        assertThat(count("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + locked + "'"))
                .as("tables in the locked schema")
                .isZero();

        pg.exec("CREATE ROLE " + analyst, "GRANT CREATE ON SCHEMA " + locked + " TO " + deployer);
        try (Mesh mesh = mesh()) {
            mesh.deploy(List.of(product));
        }
        assertThat(count("SELECT count(*) FROM information_schema.role_table_grants WHERE table_schema = '" + fresh
                        + "' AND table_name = 'orders' AND grantee = '" + analyst + "'"))
                .as("the grant, once the role exists")
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + locked + "'"))
                .as("tables in the schema once the deployer may create there")
                .isEqualTo(1);
    }

    /** A table someone else owns cannot be altered or granted on by the deployer: found when planning. */
    @Test
    void aTableTheDeployerDoesNotOwnIsReportedWhenPlanningAChangeToIt() {
        String schema = TestPostgres.freshName("owned");
        StorageAdapter admin = new PostgresStorageAdapterFactory().create(pg.context());
        PortBinding binding = Fixtures.binding(Fixtures.ordersContract(), pg.server(schema));
        for (Change c : admin.plan(binding, admin.inspect(binding))) admin.apply(binding, c);
        pg.exec("GRANT USAGE, CREATE ON SCHEMA " + schema + " TO " + deployer);
        mayRecordGrants();
        PortBinding evolved = Fixtures.withContract(
                binding,
                Fixtures.withProperty(binding.contract(), Fixtures.OBJECT_NAME, Fixtures.property("note", "string")));
        StorageAdapter asDeployer = new PostgresStorageAdapterFactory().create(deployerContext());

        PortProblems e =
                catchThrowableOfType(PortProblems.class, () -> asDeployer.plan(evolved, asDeployer.inspect(evolved)));

        assertThat(e)
                .as("plan of a change to a table the deployer does not own")
                .isNotNull();
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.pointer()).isEqualTo("/schema/0");
            assertThat(p.message())
                    .endsWith(": user '" + deployer + "' does not own table \"" + schema
                            + "\".\"orders\", so it may not alter it or grant on it");
            assertThat(p.hint()).startsWith("ALTER TABLE \"" + schema + "\".\"orders\" OWNER TO \"" + deployer + "\"");
        });
        assertThat(admin.plan(evolved, admin.inspect(evolved)))
                .as("the owner's plan")
                .isNotEmpty();
    }

    /** A deployer that may grant but not record its grants: found when planning, before the grant. */
    @Test
    void aDeployerThatCannotRecordItsGrantsIsReportedWhenPlanning() {
        String schema = TestPostgres.freshName("rec");
        pg.exec(dev.meshsdk.storage.jdbc.OwnedGrants.createStatements());
        pg.exec(
                "REVOKE ALL ON mesh.grants FROM " + deployer,
                "CREATE SCHEMA " + schema + " AUTHORIZATION " + deployer,
                "CREATE ROLE " + analyst);
        PortBinding binding = Fixtures.withAccess(
                Fixtures.binding(Fixtures.ordersContract(), pg.server(schema)),
                List.of(new dev.meshsdk.spi.AccessGrant(analyst, "read")));
        StorageAdapter asDeployer = new PostgresStorageAdapterFactory().create(deployerContext());

        PortProblems e =
                catchThrowableOfType(PortProblems.class, () -> asDeployer.plan(binding, asDeployer.inspect(binding)));

        assertThat(e).as("plan of a grant the deployer cannot record").isNotNull();
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.pointer()).isEqualTo("/roles");
            assertThat(p.message())
                    .endsWith(": user '" + deployer + "' may not record the grants it makes in"
                            + " mesh.grants (the SDK's record of them, so that a revoke takes back only those)");
        });
        mayRecordGrants();
        assertThat(asDeployer.plan(binding, asDeployer.inspect(binding)))
                .as("plan once it may")
                .extracting(Change::summary)
                .containsExactly("create orders (3 columns)", "grant read on orders to " + analyst);
    }

    /** The SDK's record of its grants, readable and writable by the deployer. */
    private void mayRecordGrants() {
        pg.exec(dev.meshsdk.storage.jdbc.OwnedGrants.createStatements());
        pg.exec(
                "GRANT USAGE ON SCHEMA mesh TO " + deployer,
                "GRANT SELECT, INSERT, DELETE ON mesh.grants TO " + deployer);
    }

    private dev.meshsdk.spi.AdapterContext deployerContext() {
        return new dev.meshsdk.spi.AdapterContext(
                "dev",
                Path.of("."),
                Map.of(),
                id -> Optional.of(new Secrets.Credential(deployer, "pw-" + deployer)),
                null,
                null);
    }

    private String address(String schema) {
        return pg.host + ":" + pg.port + "/" + pg.database + "/" + schema;
    }

    private long count(String sql) throws SQLException {
        try (Connection c = pg.admin();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Path writeProduct() throws IOException {
        Path p = dir.resolve("shop");
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
                  purpose: Orders and refunds of the shop
                outputPorts:
                  - name: orders
                    version: 1.0.0
                    contractId: orders
                  - name: refunds
                    version: 1.0.0
                    contractId: refunds
                """);
        for (String[] port : List.of(new String[] {"orders", fresh}, new String[] {"refunds", locked})) {
            Files.writeString(p.resolve("contracts/" + port[0] + ".yaml"), """
                    apiVersion: v3.1.0
                    kind: DataContract
                    id: %s
                    version: 1.0.0
                    status: active
                    servers:
                      - server: deployer
                        type: postgres
                        environment: dev
                        host: %s
                        port: %d
                        database: %s
                        schema: %s
                    %s
                    schema:
                      - name: %s
                        physicalType: table
                        properties:
                          - name: id
                            logicalType: integer
                            physicalType: bigint
                            required: true
                    """.formatted(
                            port[0],
                            pg.host,
                            pg.port,
                            pg.database,
                            port[1],
                            port[0].equals("orders") ? "roles:\n  - role: " + analyst + "\n    access: read" : "",
                            port[0]));
        }
        return p;
    }
}
