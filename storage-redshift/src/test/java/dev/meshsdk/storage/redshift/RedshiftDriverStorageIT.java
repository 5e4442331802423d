package dev.meshsdk.storage.redshift;

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

/**
 * The storage adapter contract with the Redshift dialect's DDL and grants sent by the real Redshift JDBC
 * driver, through PgBouncer, to PostgreSQL (see {@link RedshiftWireServer} and {@link RedshiftDriverFactory}).
 */
class RedshiftDriverStorageIT extends StorageAdapterContract {
    private final RedshiftWireServer server = RedshiftWireServer.get();

    @Override
    protected StorageAdapterFactory factory() {
        server.exec("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mesh_reader') THEN"
                + " CREATE ROLE mesh_reader; END IF; IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mesh_writer')"
                + " THEN CREATE ROLE mesh_writer; END IF; END $$");
        return new RedshiftDriverFactory();
    }

    @Override
    protected AdapterContext context() {
        return server.context();
    }

    @Override
    protected PortBinding freshBinding(DataContract contract) {
        return Fixtures.binding(contract, server.server(RedshiftWireServer.freshName("rs")));
    }

    @Override
    protected boolean supportsErasure() {
        return true;
    }

    @Override
    protected void insertRows(PortBinding b, List<Object[]> rows) {
        String schema = b.server().setting("schema").orElseThrow();
        for (Object[] r : rows) {
            server.exec("INSERT INTO " + schema + ".orders VALUES (" + r[0] + ", '" + r[1] + "', " + r[2] + ")");
        }
    }

    @Override
    protected long countRows(PortBinding b, long id) {
        try (Connection c = server.admin(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + b.server().setting("schema").orElseThrow()
                     + ".orders WHERE id = " + id)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
