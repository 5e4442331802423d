package dev.meshsdk.storage.redshift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.plan.Change;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.storage.StorageAdapter;
import dev.meshsdk.testkit.Fixtures;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** A grant to a group, written as Redshift writes it, run by the Redshift driver through PgBouncer. */
class RedshiftDriverGrantsIT {

    @Test
    void aGroupGrantLetsItsMembersRead() throws Exception {
        RedshiftWireServer server = RedshiftWireServer.get();
        String schema = RedshiftWireServer.freshName("grp");
        String group = RedshiftWireServer.freshName("analysts");
        String member = RedshiftWireServer.freshName("ann");
        server.exec("CREATE ROLE " + group, "CREATE ROLE " + member + " LOGIN IN ROLE " + group);
        PortBinding port = Fixtures.binding(Fixtures.ordersContract(), server.server(schema));
        try (StorageAdapter adapter = new RedshiftDriverFactory().create(server.context())) {
            for (Change c : adapter.plan(port, adapter.inspect(port))) adapter.apply(port, c);

            adapter.apply(port, new Change.Grant("orders", "group:" + group, "read"));
        }

        try (Connection c = server.admin();
                Statement s = c.createStatement()) {
            s.execute("SET ROLE " + member);
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + schema + ".orders")) {
                assertThat(rs.next()).isTrue();
            }
            s.execute("RESET ROLE");
            try (ResultSet rs = s.executeQuery("SELECT string_agg(principal || ':' || privilege, ',') FROM mesh.grants"
                    + " WHERE table_schema = '" + schema + "'")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("group:" + group + ":read");
            }
        }
    }
}
