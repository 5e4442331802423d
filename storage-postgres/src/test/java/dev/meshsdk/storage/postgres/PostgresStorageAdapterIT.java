package dev.meshsdk.storage.postgres;

import dev.meshsdk.model.DataContract;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.storage.StorageAdapterFactory;
import dev.meshsdk.testkit.Fixtures;
import dev.meshsdk.testkit.SqlRows;
import dev.meshsdk.testkit.StorageAdapterContract;
import java.sql.Connection;
import java.sql.SQLException;
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
        try (Connection c = pg.admin()) {
            SqlRows.insert(c, b.server().setting("schema").orElseThrow(), rows);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected long countRows(PortBinding b, long id) {
        try (Connection c = pg.admin()) {
            return SqlRows.count(c, b.server().setting("schema").orElseThrow(), id);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected void removeHome(PortBinding b) {
        pg.exec("DROP SCHEMA " + b.server().setting("schema").orElseThrow() + " CASCADE");
    }

    @Override
    protected boolean dropsColumns() {
        return true;
    }
}
