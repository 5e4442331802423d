package dev.meshsdk.storage.postgres;

import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.data.PublishRequest;
import dev.meshsdk.storage.jdbc.ConnectionSource;
import dev.meshsdk.storage.jdbc.Identifiers;
import dev.meshsdk.storage.jdbc.load.LoadFile;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * A failed publish's file read once more into a temporary table that numbers its rows ({@code mesh_row}, in the
 * order {@code COPY} reads them), so that what is found in the rows can be placed in the file: the failure path of
 * {@link BadValueScan} (values {@code COPY} refused) and {@link RuleRows} (rows breaking a blocking rule). Works on
 * a connection of its own, in a transaction that is always rolled back, so nothing of it outlives the look.
 */
final class NumberedCopy {
    /** What is done with the file's rows once copied, on the transaction's connection. */
    @FunctionalInterface
    interface Look<T> {
        T at(Connection c, LoadFile file) throws SQLException, IOException;
    }

    private NumberedCopy() {}

    /**
     * Opens a connection to {@code port}'s server and {@code request}'s file, and runs {@code look} in a
     * transaction that is rolled back after it, whatever it did.
     */
    static <T> T rolledBack(ConnectionSource connections, PortBinding port, PublishRequest request, Look<T> look)
            throws SQLException, IOException {
        try (Connection c = connections.open(port.server());
                LoadFile file = LoadFile.open(port, request)) {
            c.setAutoCommit(false);
            try {
                return look.at(c, file);
            } finally {
                c.rollback();
            }
        }
    }

    /**
     * Creates temporary table {@code table} (dropped when the transaction ends) of {@code columns} (SQL column
     * definitions, or {@code LIKE} a table) and {@code mesh_row bigserial}, and copies the file's rows into it.
     */
    static void copy(Connection c, LoadFile file, String table, String columns) throws SQLException, IOException {
        StringBuilder list = new StringBuilder();
        for (String col : file.columns())
            list.append(list.isEmpty() ? "" : ", ").append(Identifiers.quote("column", col));
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMPORARY TABLE " + table + " (" + columns + ", mesh_row bigserial) ON COMMIT DROP");
        }
        try (var in = file.csv()) {
            c.unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("COPY " + table + " (" + list + ") FROM STDIN WITH (FORMAT csv)", in);
        }
    }

    /**
     * The line in the CSV text of each row of a table {@link #copy copied}: the row's last line, counting the line
     * breaks inside its {@code columns}' values, as COPY's own line numbers do (and so as {@link LoadFile#location}
     * reads them).
     */
    static String line(List<String> columns) {
        StringBuilder breaks = new StringBuilder("0");
        for (String column : columns) {
            String q = Identifiers.quote("column", column);
            breaks.append(" + coalesce(length(")
                    .append(q)
                    .append("::text) - length(replace(")
                    .append(q)
                    .append("::text, E'\\n', '')), 0)");
        }
        return "sum(1 + " + breaks + ") OVER (ORDER BY mesh_row)";
    }
}
