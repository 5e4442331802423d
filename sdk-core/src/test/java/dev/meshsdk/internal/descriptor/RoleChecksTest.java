package dev.meshsdk.internal.descriptor;

import static dev.meshsdk.internal.descriptor.Fixtures.where;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.diag.ValidationReport;
import dev.meshsdk.spi.storage.SqlNames;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Contract roles that would grant to everyone, or that no SQL store can name, fail at validation with file:line. */
class RoleChecksTest {
    private static final String POSTGRES = """
              - server: warehouse
                type: postgres
                environment: prod
                host: db.example.com
                port: 5432
                database: shop
                schema: sales
            """;
    private static final String REDSHIFT = """
              - server: dwh
                type: redshift
                environment: prod
                database: shop
                schema: sales
            """;
    private static final String LOCAL = """
              - server: dev
                type: local
                environment: dev
                path: data/c
                format: delta
            """;

    private final DescriptorLoader loader = new DescriptorLoader(Set.of("local", "postgres", "redshift"));

    @TempDir
    Path tmp;

    private ValidationReport load(String servers, String role) {
        return Fixtures.loadProduct(loader, tmp, Fixtures.contract("c", "servers:\n" + servers + """
                roles:
                  - role: "%s"
                    access: read
                """.formatted(role)))
                .report();
    }

    @Test
    void publicRoleIsRefusedBecauseItGrantsToEveryRole() {
        ValidationReport r = load(POSTGRES, "public");
        assertThat(where(r, tmp)).containsExactly("p/contracts/c.yaml:15:11 ERROR MESH-IDENT");
        assertThat(r.errors().get(0).message())
                .isEqualTo("Cannot grant access to role 'public': PUBLIC stands for every role in PostgreSQL and"
                        + " Redshift, so every user could read the port");
        assertThat(r.errors().get(0).hint()).isEqualTo("name the role that should have this access, e.g. 'analyst'");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "PUBLIC",
                "Public",
                "current_user",
                "SESSION_USER",
                "current_role",
                "pg_read_all_data",
                "all",
                "none"
            })
    void reservedRoleNamesAreRefusedWhateverTheStore(String role) {
        ValidationReport r = load(LOCAL, role);
        assertThat(where(r, tmp)).containsExactly("p/contracts/c.yaml:13:11 ERROR MESH-IDENT");
        assertThat(r.errors().get(0).message()).startsWith("Cannot grant access to role '" + role + "': ");
    }

    @Test
    void redshiftPrefixDoesNotHideAReservedName() {
        assertThat(load(REDSHIFT, "group:public").errors()).singleElement().satisfies(d -> assertThat(d.message())
                .startsWith("Cannot grant access to role 'group:public': PUBLIC"));
    }

    @Test
    void roleNameASqlStoreCannotNameIsALocatedErrorNamingTheServer() {
        ValidationReport r = load(POSTGRES, "data team");
        assertThat(where(r, tmp)).containsExactly("p/contracts/c.yaml:15:11 ERROR MESH-IDENT");
        assertThat(r.errors().get(0).message())
                .isEqualTo("Cannot grant access to role 'data team' on postgres server"
                        + " 'warehouse': a role name is 1 to 63 letters, digits or '_', starting with a letter or '_'");
    }

    @Test
    void redshiftReadsGroupAndRolePrefixesPostgresDoesNot() {
        assertThat(load(REDSHIFT, "group:analysts").diagnostics()).isEmpty();
        assertThat(load(REDSHIFT, "role:analyst").diagnostics()).isEmpty();
        assertThat(load(POSTGRES, "group:analysts").errors()).singleElement().satisfies(d -> assertThat(d.message())
                .contains("on postgres server 'warehouse'"));
    }

    @Test
    void storesWithoutSqlKeepTheirOwnPrincipalRules() {
        assertThat(load(LOCAL, "data team").diagnostics()).isEmpty();
    }

    @Test
    void oneRuleForSqlNames() {
        assertThat(SqlNames.isSafe("orders_2024")).isTrue();
        assertThat(SqlNames.isSafe("_x")).isTrue();
        assertThat(SqlNames.isSafe("x".repeat(63))).isTrue();
        assertThat(SqlNames.isSafe("x".repeat(64))).isFalse();
        assertThat(SqlNames.isSafe("2024_orders")).isFalse();
        assertThat(SqlNames.isSafe("a-b")).isFalse();
        assertThat(SqlNames.isSafe(null)).isFalse();
        assertThat(SqlNames.isReservedRole("analyst")).isFalse();
        assertThat(SqlNames.isReservedRole("pg_monitor")).isTrue();
    }
}
