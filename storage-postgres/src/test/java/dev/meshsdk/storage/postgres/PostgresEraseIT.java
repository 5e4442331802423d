package dev.meshsdk.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.plan.Change;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.storage.ErasureRequest;
import dev.meshsdk.spi.storage.ErasureResult;
import dev.meshsdk.spi.storage.StorageAdapter;
import dev.meshsdk.testkit.Fixtures;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Erasure of one data subject from a real PostgreSQL table, with an audit row that holds no personal data. */
class PostgresEraseIT {
    private final TestPostgres pg = TestPostgres.get();

    @Test
    void deletesTheSubjectsRowsAndAuditsWithoutTheValue() throws SQLException {
        String schema = TestPostgres.freshName("era");
        PortBinding port = Fixtures.binding(Fixtures.ordersContract(), pg.server(schema));
        ErasureResult result;
        try (StorageAdapter adapter = new PostgresStorageAdapterFactory().create(pg.context())) {
            for (Change c : adapter.plan(port, adapter.inspect(port))) adapter.apply(port, c);
            pg.exec("INSERT INTO " + schema + ".orders VALUES (4242, 'Ann', 1), (7, 'Bob', 2)");

            result = adapter.erase(port, new ErasureRequest("req-" + schema, "4242", "dpo@example.com"));
        }

        assertThat(result.target()).isEqualTo(schema + ".orders");
        assertThat(result.rowsDeleted()).isEqualTo(1);
        assertThat(result.tables()).singleElement().satisfies(t -> {
            assertThat(t.table()).isEqualTo(schema + ".orders");
            assertThat(t.column()).isEqualTo("id");
            assertThat(t.rowsDeleted()).isEqualTo(1);
            assertThat(t.physicallyGone()).as("not purged: no VACUUM asked for").isFalse();
            assertThat(t.unrecoverableFrom())
                    .as("no time travel: gone from what the store serves at commit")
                    .isNotNull();
        });
        try (Connection c = pg.admin();
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT string_agg(id::text, ',') FROM " + schema + ".orders")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("7");
            }
            try (ResultSet rs =
                    s.executeQuery("SELECT e::text FROM mesh.erasures e WHERE request_id = 'req-" + schema + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1))
                        .contains("dpo@example.com", schema + ".orders", ",1,")
                        // as a field of its own: a timestamp's digits may hold "4242"
                        .doesNotContainPattern("[(,\"]4242[,)\"]");
            }
        }
    }
}
