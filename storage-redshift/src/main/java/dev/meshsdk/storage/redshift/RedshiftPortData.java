package dev.meshsdk.storage.redshift;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.data.DataFiles;
import dev.meshsdk.spi.data.PortData;
import dev.meshsdk.spi.data.PublishRequest;
import dev.meshsdk.spi.data.PublishResult;
import dev.meshsdk.spi.data.Sample;
import dev.meshsdk.spi.data.TableFacts;
import dev.meshsdk.storage.jdbc.ConnectionSource;
import dev.meshsdk.storage.jdbc.Identifiers;
import dev.meshsdk.storage.jdbc.JdbcStorageAdapter;
import dev.meshsdk.storage.jdbc.SqlDialect;
import dev.meshsdk.storage.jdbc.TableSample;
import dev.meshsdk.storage.jdbc.TableSpecs;
import dev.meshsdk.storage.jdbc.load.LoadFile;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The data side of Redshift ports ({@code redshift} servers):
 *
 * <ul>
 *   <li>publish: the file as CSV text with a header line naming the columns ({@link LoadFile}: CSV passed through,
 *       JSON lines and Parquet converted), staged in the team's bucket and loaded with the {@link RedshiftPublisher}'s
 *       write-audit-publish ({@code COPY} into a temporary table with the column list, the rules, then one
 *       transaction). A row Redshift refuses is named from {@code STL_LOAD_ERRORS} (part, line, column, error code)
 *       by the input's file, line and column, never by value;</li>
 *   <li>facts: the row count ({@code count(*)}); Redshift keeps no per-table time of the last change that the
 *       SDK reads, so the check uses the registry's last publish;</li>
 *   <li>sample: {@link TableSample}, the JDBC stores' sampler: {@code WHERE RANDOM() < share LIMIT n} with the
 *       share from the row count (Redshift has no {@code TABLESAMPLE}), in one query.</li>
 * </ul>
 */
final class RedshiftPortData implements PortData {
    private final ConnectionSource connections;
    private final SqlDialect dialect;
    private final Function<PortBinding, S3Client> s3;
    private final Function<PortBinding, RedshiftStaging> staging;
    private final RedshiftPublisher.CopyRunner copy;
    private final int partChars;
    private final Clock clock;
    private final AutoCloseable resources;

    RedshiftPortData(
            ConnectionSource connections,
            SqlDialect dialect,
            Function<PortBinding, S3Client> s3,
            Function<PortBinding, RedshiftStaging> staging,
            RedshiftPublisher.CopyRunner copy,
            int partChars,
            Clock clock,
            AutoCloseable resources) {
        this.connections = connections;
        this.dialect = dialect;
        this.s3 = s3;
        this.staging = staging;
        this.copy = copy;
        this.partChars = partChars;
        this.clock = clock;
        this.resources = resources;
    }

    @Override
    public boolean supports(PortBinding port) {
        return "redshift"
                .equals(
                        port.server().type() == null
                                ? null
                                : port.server().type().toLowerCase(Locale.ROOT));
    }

    @Override
    public PublishResult publish(PortBinding port, PublishRequest request) {
        RedshiftPublisher.Mode mode = request.mode() == PublishRequest.Mode.APPEND
                ? RedshiftPublisher.Mode.APPEND
                : RedshiftPublisher.Mode.REPLACE;
        Map<String, String> types = RedshiftPublisher.columnTypes(port, request.object());
        RedshiftPublisher publisher =
                new RedshiftPublisher(connections, dialect, s3.apply(port), staging, copy, partChars);
        try (LoadFile file = LoadFile.open(port, request);
                Reader csv = new HeaderedReader(
                        String.join(",", file.columns()) + "\n",
                        new InputStreamReader(file.csv(), StandardCharsets.UTF_8))) {
            RedshiftPublisher.PublishResult r = publisher.publish(
                    port,
                    request.object(),
                    csv,
                    file.columns(),
                    mode,
                    request.rules(),
                    request.audit(),
                    (error, files) -> LoadErrors.refused(
                            port,
                            types,
                            error,
                            files,
                            (line, column) -> line < 1 ? file.file().toString() : file.location(line, column)));
            return new PublishResult(
                    r.table(),
                    r.rows(),
                    mode == RedshiftPublisher.Mode.REPLACE ? r.rows() : -1,
                    null,
                    clock.instant(),
                    r.results());
        } catch (IOException e) {
            throw new MeshException(
                    ErrorCode.STORAGE_FAILURE,
                    "Cannot read " + request.file() + " to publish it to " + DataFiles.describe(port) + ": "
                            + e.getMessage() + "; nothing was published",
                    e);
        }
    }

    /** The JDBC stores' one sampler, {@link TableSample}: {@code WHERE RANDOM() < share}, Redshift has no TABLESAMPLE. */
    @Override
    public Sample sample(PortBinding port, String object, int rows) {
        try {
            return TableSample.sample(connections, dialect, port, object, rows);
        } catch (SQLException e) {
            throw failure("sample", port, object, e);
        }
    }

    @Override
    public TableFacts facts(PortBinding port, String object) {
        String table = target(port, object);
        try (Connection c = connections.open(port.server());
                Statement s = c.createStatement()) {
            return new TableFacts(count(s, table), null, -1);
        } catch (SQLException e) {
            throw failure("read facts of", port, object, e);
        }
    }

    @Override
    public void close() {
        try {
            resources.close();
        } catch (Exception e) {
            throw new MeshException(
                    ErrorCode.STORAGE_FAILURE, "Cannot close the staging clients: " + e.getMessage(), e);
        }
    }

    private static long count(Statement s, String table) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String target(PortBinding port, String object) {
        return Identifiers.qualified(
                JdbcStorageAdapter.schemaOf(port),
                TableSpecs.tableName(DataFiles.schemaObject(port, object), port.contractMajorVersion()));
    }

    private MeshException failure(String verb, PortBinding port, String object, SQLException e) {
        return new MeshException(
                ErrorCode.STORAGE_FAILURE,
                "Cannot " + verb + " table '" + object + "' of "
                        + DataFiles.describe(port) + " at " + connections.describe(port.server()) + ": "
                        + RedshiftPublisher.safeReason(e)
                        + "; check that the server is reachable and the product deployed",
                e);
    }

    /** A header line, then the rest of the CSV text. */
    private static final class HeaderedReader extends Reader {
        private final Reader header;
        private final Reader body;
        private boolean inBody;

        HeaderedReader(String header, Reader body) {
            this.header = new StringReader(header);
            this.body = body;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            if (!inBody) {
                int n = header.read(buffer, offset, length);
                if (n > 0) return n;
                inBody = true;
            }
            return body.read(buffer, offset, length);
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }
}
