package dev.meshsdk.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshsdk.plan.Change;
import dev.meshsdk.spi.AccessGrant;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.storage.StorageAdapter;
import dev.meshsdk.testkit.Fixtures;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Access control with real login roles: who can read and write after a deploy, and what a revoke leaves. */
class PostgresAccessIT {
    private final TestPostgres pg = TestPostgres.get();
    private StorageAdapter adapter;
    private PortBinding binding;
    private String schema;

    @BeforeEach
    void setUp() {
        schema = TestPostgres.freshName("acc");
        adapter = new PostgresStorageAdapterFactory().create(pg.context());
        binding = Fixtures.binding(Fixtures.ordersContract(), pg.server(schema));
    }

    @AfterEach
    void tearDown() {
        adapter.close();
    }

    private List<Change> deploy(PortBinding b) {
        List<Change> changes = adapter.plan(b, adapter.inspect(b));
        for (Change c : changes) adapter.apply(b, c);
        return changes;
    }

    private void read(String role) throws SQLException {
        try (Connection c = pg.as(role);
                Statement s = c.createStatement()) {
            s.executeQuery("SELECT * FROM " + schema + ".orders").close();
        }
    }

    private void write(String role) throws SQLException {
        try (Connection c = pg.as(role);
                Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO " + schema + ".orders (id) VALUES (" + System.nanoTime() % 100000 + ")");
        }
    }

    @Test
    void onlyGrantedRolesReadAndWriteAndASecondDeployChangesNothing() throws SQLException {
        String reader = pg.newRole("reader");
        String writer = pg.newRole("writer");
        String stranger = pg.newRole("stranger");
        PortBinding b = Fixtures.withAccess(
                binding, List.of(new AccessGrant(reader, "read"), new AccessGrant(writer, "write")));

        deploy(b);

        read(reader);
        write(writer);
        assertThatThrownBy(() -> read(stranger))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> write(reader))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("permission denied");
        assertThat(deploy(b)).as("second deploy").isEmpty();
    }

    @Test
    void revokeTakesBackOnlyWhatTheSdkGranted() throws SQLException {
        String reader = pg.newRole("reader");
        String dbaFriend = pg.newRole("friend");
        deploy(Fixtures.withAccess(binding, List.of(new AccessGrant(reader, "read"))));
        pg.exec(
                "GRANT USAGE ON SCHEMA " + schema + " TO " + dbaFriend,
                "GRANT SELECT ON " + schema + ".orders TO " + dbaFriend);

        List<Change> changes = deploy(Fixtures.withAccess(binding, List.of()));

        assertThat(changes).extracting(Change::summary).containsExactly("revoke read on orders from " + reader);
        assertThatThrownBy(() -> read(reader))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("permission denied");
        read(dbaFriend);
    }

    @Test
    void aGrantDroppedByHandIsPlannedAgain() {
        String reader = pg.newRole("reader");
        PortBinding b = Fixtures.withAccess(binding, List.of(new AccessGrant(reader, "read")));
        deploy(b);
        pg.exec("REVOKE SELECT ON " + schema + ".orders FROM " + reader);

        assertThat(adapter.plan(b, adapter.inspect(b)))
                .extracting(Change::summary)
                .containsExactly("grant read on orders to " + reader);
    }
}
