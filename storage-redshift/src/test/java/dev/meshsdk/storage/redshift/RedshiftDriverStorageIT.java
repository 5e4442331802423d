package dev.meshsdk.storage.redshift;

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

/**
 * The storage adapter contract with the Redshift dialect's DDL and grants sent by the real Redshift JDBC
 * driver, through PgBouncer, to PostgreSQL (see {@link RedshiftWireServer} and {@link RedshiftDriverFactory}).
 */
class RedshiftDriverStorageIT extends StorageAdapterContract {
    private final RedshiftWireServer server = RedshiftWireServer.get();

    @Override
    protected StorageAdapterFactory factory() {
        // users, as the contract's plain role names are on Redshift: login roles, which pg_user lists
        server.exec("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mesh_reader') THEN"
                + " CREATE ROLE mesh_reader LOGIN; END IF; IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname ="
                + " 'mesh_writer') THEN CREATE ROLE mesh_writer LOGIN; END IF; END $$");
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
        try (Connection c = server.admin()) {
            SqlRows.insert(c, b.server().setting("schema").orElseThrow(), rows);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected long countRows(PortBinding b, long id) {
        try (Connection c = server.admin()) {
            return SqlRows.count(c, b.server().setting("schema").orElseThrow(), id);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected void removeHome(PortBinding b) {
        server.exec("DROP SCHEMA " + b.server().setting("schema").orElseThrow() + " CASCADE");
    }

    @Override
    protected boolean dropsColumns() {
        return true;
    }
}
