package dev.meshsdk.storage.redshift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.plan.Change;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.storage.ErasureRequest;
import dev.meshsdk.spi.storage.ErasureResult;
import dev.meshsdk.spi.storage.StorageAdapter;
import dev.meshsdk.testkit.Fixtures;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Erasure's SQL run by the Redshift driver through PgBouncer: rows go, the audit row keeps no value. */
class RedshiftDriverEraseIT {

    @Test
    void erasesTheSubjectAndAuditsWithoutTheValue() throws Exception {
        RedshiftWireServer server = RedshiftWireServer.get();
        String schema = RedshiftWireServer.freshName("era");
        PortBinding port = Fixtures.binding(Fixtures.ordersContract(), server.server(schema));
        ErasureResult result;
        try (StorageAdapter adapter = new RedshiftDriverFactory().create(server.context())) {
            for (Change c : adapter.plan(port, adapter.inspect(port))) adapter.apply(port, c);
            server.exec("INSERT INTO " + schema + ".orders VALUES (4242, 'Ann', 1), (7, 'Bob', 2)");

            result = adapter.erase(port, new ErasureRequest("req-" + schema, "4242", "dpo@example.com"));
        }

        assertThat(result.tables())
                .extracting(t -> t.table() + " " + t.column() + " " + t.rowsDeleted())
                .containsExactly(schema + ".orders id 1");
        try (Connection c = server.admin();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT e::text FROM mesh.erasures e WHERE request_id = 'req-" + schema + "'")) {
            assertThat(rs.next()).isTrue();
            // as a field of its own: a timestamp's digits may hold "4242"
            assertThat(rs.getString(1)).contains("dpo@example.com").doesNotContainPattern("[(,\"]4242[,)\"]");
        }
    }
}
