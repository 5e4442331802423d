package dev.meshsdk.storage.postgres;

import dev.meshsdk.model.DataContract;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.storage.StorageAdapterFactory;
import dev.meshsdk.testkit.Fixtures;
import dev.meshsdk.testkit.StorageAdapterContract;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** The storage adapter contract against a real PostgreSQL server, each test in a schema of its own. */
class PostgresStorageAdapterIT extends StorageAdapterContract {
    private final TestPostgres pg = TestPostgres.get();

    @Override
    protected StorageAdapterFactory factory() {
        pg.ensureRole("mesh_reader");
        pg.ensureRole("mesh_writer");
        return new PostgresStorageAdapterFactory();
    }

    @Override
    protected AdapterContext context() {
        return pg.context();
    }

    @Override
    protected PortBinding freshBinding(DataContract contract) {
        return Fixtures.binding(contract, pg.server(TestPostgres.freshName("it")));
    }

    @Override
    protected boolean supportsErasure() {
        return true;
    }

    @Override
    protected void insertRows(PortBinding b, List<Object[]> rows) {
        String schema = b.server().setting("schema").orElseThrow();
        for (Object[] r : rows) {
            pg.exec("INSERT INTO " + schema + ".orders VALUES (" + r[0] + ", '" + r[1] + "', " + r[2] + ")");
        }
    }

    @Override
    protected long countRows(PortBinding b, long id) {
        try (Connection c = pg.admin(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + b.server().setting("schema").orElseThrow()
                     + ".orders WHERE id = " + id)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
