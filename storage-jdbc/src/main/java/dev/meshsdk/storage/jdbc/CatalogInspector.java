package dev.meshsdk.storage.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Reads one table from a store's catalog: columns (type as the catalog spells it, nullability, comment),
 * the table comment, the privileges granted on it, and the grants the SDK owns. Read only.
 */
public interface CatalogInspector {

    /** The table {@code schema.table}, or {@link TableState#absent} when there is none. */
    TableState table(Connection connection, String schema, String table) throws SQLException;
}
