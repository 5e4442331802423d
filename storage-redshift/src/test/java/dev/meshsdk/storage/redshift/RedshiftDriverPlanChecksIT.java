package dev.meshsdk.storage.redshift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.meshsdk.plan.Change;
import dev.meshsdk.spi.AccessGrant;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.storage.PortProblems;
import dev.meshsdk.spi.storage.StorageAdapter;
import dev.meshsdk.storage.jdbc.PgCatalogInspector;
import dev.meshsdk.testkit.Fixtures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The plan-time checks in Redshift's terms, run by the Redshift driver through PgBouncer: a plain principal is a
 * user ({@code pg_user}), {@code group:} a group ({@code pg_group}); PostgreSQL behind PgBouncer lists login roles
 * as users and the others as groups, as Redshift's own catalog does.
 */
class RedshiftDriverPlanChecksIT {
    private final RedshiftWireServer server = RedshiftWireServer.get();

    @Test
    void aMissingUserAndAMissingGroupAreBothReportedAndNothingIsCreated() throws SQLException {
        String schema = RedshiftWireServer.freshName("chk");
        String user = RedshiftWireServer.freshName("ghost");
        String group = RedshiftWireServer.freshName("nobody");
        PortBinding port = Fixtures.withAccess(
                Fixtures.binding(Fixtures.ordersContract(), server.server(schema)),
                List.of(new AccessGrant(user, "read"), new AccessGrant("group:" + group, "write")));
        try (StorageAdapter adapter = new RedshiftDriverFactory().create(server.context())) {
            PortProblems e = catchThrowableOfType(PortProblems.class, () -> adapter.plan(port, adapter.inspect(port)));

            assertThat(e)
                    .as("plan granting to a user and a group that do not exist")
                    .isNotNull();
            assertThat(e.problems())
                    .extracting(PortProblems.Problem::hint)
                    .containsExactly(
                            "create it (CREATE USER \"" + user
                                    + "\" PASSWORD ...) or fix the role name in the contract's roles",
                            "create it (CREATE GROUP \"" + group + "\") or fix the role name in the contract's roles");
            assertThat(e.problems())
                    .extracting(PortProblems.Problem::message)
                    .allSatisfy(m -> assertThat(m).startsWith("Cannot deploy output port 'orders' to 127.0.0.1:"))
                    .satisfiesExactly(
                            m -> assertThat(m)
                                    .endsWith(": user '" + user + "' does not exist, so the grant to it would fail"),
                            m -> assertThat(m)
                                    .endsWith(": group '" + group + "' does not exist, so the grant to it would fail"));
            assertThat(schemaExists(schema))
                    .as("the schema after the refused plan")
                    .isFalse();

            server.exec("CREATE ROLE " + user + " LOGIN", "CREATE ROLE " + group);
            for (Change c : adapter.plan(port, adapter.inspect(port))) adapter.apply(port, c);
        }
        // not a second plan: the PostgreSQL inspector this test double reads the catalog with does not name a
        // grantee group:<name>, so it would plan the group's grant again
        try (Connection c = server.admin();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT string_agg(principal || ':' || privilege, ',' ORDER BY principal)"
                        + " FROM mesh.grants WHERE table_schema = '" + schema + "'")) {
            rs.next();
            assertThat(rs.getString(1))
                    .as("grants made once the user and group exist")
                    .isEqualTo(user + ":read,group:" + group + ":write");
        }
    }

    /** Redshift has no pg_has_role: the dialect's ownership query is the owner or a superuser. */
    @Test
    void theOwnershipQueryTellsTheOwnerFromAnotherUser() throws SQLException {
        String schema = RedshiftWireServer.freshName("own");
        String owner = RedshiftWireServer.freshName("owner");
        String other = RedshiftWireServer.freshName("other");
        server.exec(
                "CREATE ROLE " + owner + " LOGIN",
                "CREATE ROLE " + other + " LOGIN",
                "CREATE SCHEMA " + schema,
                "CREATE TABLE " + schema + ".orders (id bigint)",
                "ALTER TABLE " + schema + ".orders OWNER TO " + owner);
        String query = new RedshiftDialect(new PgCatalogInspector()).ownsTableQuery();

        assertThat(owns(query, owner, schema)).as("the owner").isTrue();
        assertThat(owns(query, other, schema)).as("another user").isFalse();
        assertThat(owns(query, null, schema)).as("a superuser").isTrue();
    }

    private boolean owns(String query, String as, String schema) throws SQLException {
        try (Connection c = server.admin();
                Statement s = c.createStatement()) {
            if (as != null) s.execute("SET ROLE " + as);
            try (PreparedStatement p = c.prepareStatement(query)) {
                p.setString(1, schema);
                p.setString(2, "orders");
                try (ResultSet rs = p.executeQuery()) {
                    assertThat(rs.next()).as("a row for the table").isTrue();
                    return rs.getBoolean(1);
                }
            }
        }
    }

    private boolean schemaExists(String schema) throws SQLException {
        try (Connection c = server.admin();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_namespace WHERE nspname = '" + schema + "'")) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }
}
