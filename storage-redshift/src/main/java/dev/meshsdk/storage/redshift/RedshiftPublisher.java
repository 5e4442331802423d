package dev.meshsdk.storage.redshift;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.quality.QualityResult;
import dev.meshsdk.spi.quality.PublishBlockedException;
import dev.meshsdk.spi.quality.ScopedRule;
import dev.meshsdk.spi.quality.ScopedRules;
import dev.meshsdk.storage.jdbc.ConnectionSource;
import dev.meshsdk.storage.jdbc.Identifiers;
import dev.meshsdk.storage.jdbc.JdbcStorageAdapter;
import dev.meshsdk.storage.jdbc.SqlDialect;
import dev.meshsdk.storage.jdbc.TableQuality;
import dev.meshsdk.storage.jdbc.TableSpec;
import dev.meshsdk.storage.jdbc.TableSpecs;
import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Write-audit-publish into a port's Redshift table through S3:
 *
 * <ol>
 *   <li>the CSV rows are staged as gzip CSV parts in the team's bucket, under
 *       {@code <stagingLocation>/<table>/<load id>/} (AWS SDK v2, with the caller's S3 client and so the
 *       caller's AWS credentials; none of them reaches the SQL);</li>
 *   <li>in one transaction: a temporary table {@code LIKE} the target, {@code COPY} from the staged folder
 *       with the configured IAM role, the contract's quality rules of that object on the staged rows, and
 *       only when no blocking rule fails the publish: {@code INSERT} (append), {@code DELETE} then
 *       {@code INSERT} (replace) or delete-insert on the primary key (merge), then commit;</li>
 *   <li>the staged parts are deleted, after success and after failure alike.</li>
 * </ol>
 *
 * A failed rule, a rejected row or a lost connection rolls the transaction back: the target is untouched.
 */
public final class RedshiftPublisher {
    /** How published rows meet the table's rows. */
    public enum Mode { APPEND, REPLACE, MERGE }

    /**
     * What a publish did.
     *
     * @param rows       rows copied from the staged files and published
     * @param files      staged parts loaded
     * @param results    every rule's result on the staged rows
     * @param notDeleted staged objects the clean-up could not delete (normally empty); delete them by hand
     */
    public record PublishResult(String table, long rows, int files, List<QualityResult> results,
                                List<String> notDeleted) {
        public PublishResult {
            Objects.requireNonNull(table, "table");
            results = List.copyOf(results);
            notDeleted = List.copyOf(notDeleted);
        }
    }

    /** Runs the COPY; a seam so the tests, which have no Redshift, can load the staged parts another way. */
    @FunctionalInterface
    interface CopyRunner {
        void copy(Connection c, String sql, StagedFiles files) throws SQLException;
    }

    /** Parts of about 64 MiB of CSV each, within the 1 MB to 1 GB (compressed) Redshift suggests. */
    static final int DEFAULT_PART_CHARS = 64 << 20;

    private final ConnectionSource connections;
    private final SqlDialect dialect;
    private final S3Client s3;
    private final Function<PortBinding, RedshiftStaging> staging;
    private final CopyRunner copy;
    private final int partChars;

    /**
     * @param s3 a client for the team's bucket; the caller owns and closes it. Its credentials are used for
     *           staging only: Redshift reads the files with the server's {@code iamRole}.
     */
    public RedshiftPublisher(AdapterContext context, S3Client s3) {
        this(RedshiftStorageAdapterFactory.connections(context), new RedshiftDialect(), s3,
                port -> RedshiftStaging.of(port.server(), context), RedshiftPublisher::execute, DEFAULT_PART_CHARS);
    }

    RedshiftPublisher(ConnectionSource connections, SqlDialect dialect, S3Client s3,
                      Function<PortBinding, RedshiftStaging> staging, CopyRunner copy, int partChars) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.staging = Objects.requireNonNull(staging, "staging");
        this.copy = Objects.requireNonNull(copy, "copy");
        this.partChars = partChars;
    }

    private static void execute(Connection c, String sql, StagedFiles files) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /**
     * Publishes CSV rows (a header line, then records with the columns in table order) into schema object
     * {@code object} of {@code port}. Throws {@link PublishBlockedException} naming each failed blocking rule
     * and its measured value, {@code INVALID_CONFIGURATION} when the server has no staging location or IAM
     * role, or {@code STORAGE_FAILURE} when S3 or Redshift fails; in every case nothing is published and the
     * staged files are gone.
     */
    public PublishResult publish(PortBinding port, String object, Reader csv, Mode mode) {
        Objects.requireNonNull(mode, "mode");
        RedshiftStaging where = staging.apply(port);
        String schema = JdbcStorageAdapter.schemaOf(port);
        TableSpec spec = spec(port, object);
        String target = Identifiers.qualified(schema, spec.name());
        String temp = "mesh_stage_" + spec.name().substring(0, Math.min(spec.name().length(), 50));
        if (mode == Mode.MERGE && spec.primaryKey().isEmpty()) {
            throw new MeshException(ErrorCode.INVALID_DESCRIPTOR, "Cannot merge into " + schema + "." + spec.name()
                    + ": the contract names no primary key; mark the key properties primaryKey: true, or append");
        }
        List<ScopedRule> rules = ScopedRules.of(port.contract()).stream()
                .filter(r -> r.object().equals(object)).toList();
        String what = schema + "." + spec.name() + " of port '" + port.port().name() + "'";

        StagedFiles files;
        try {
            files = StagedFiles.upload(s3, where.bucket(), where.folder(spec.name(), UUID.randomUUID().toString()),
                    csv, partChars);
        } catch (IOException | SdkException e) {
            throw new MeshException(ErrorCode.STORAGE_FAILURE, "Cannot stage rows for " + what + " in s3://"
                    + where.bucket() + "/" + where.prefix() + ": " + firstLine(e) + "; nothing was published, fix"
                    + " the data or the bucket access and publish again", e);
        }
        RuntimeException failure = null;
        PublishResult result = null;
        try {
            result = load(port, files, where, target, temp, spec, rules, mode, what);
        } catch (RuntimeException e) {
            failure = e;
        }
        List<String> left = files.delete(s3);
        if (failure != null) {
            if (!left.isEmpty()) failure.addSuppressed(new IOException("staged objects not deleted: " + left));
            throw failure;
        }
        return new PublishResult(result.table(), result.rows(), result.files(), result.results(), left);
    }

    private PublishResult load(PortBinding port, StagedFiles files, RedshiftStaging where, String target, String temp,
                               TableSpec spec, List<ScopedRule> rules, Mode mode, String what) {
        String quotedTemp = Identifiers.quote("table", temp);
        try (Connection c = connections.open(port.server())) {
            c.setAutoCommit(false);
            try {
                run(c, List.of("CREATE TEMPORARY TABLE " + quotedTemp + " (LIKE " + target + ")"));
                copy.copy(c, RedshiftLoads.copyStaged(temp, files.uri(), where.iamRole(), where.region()), files);
                long rows = count(c, quotedTemp);
                List<QualityResult> results = TableQuality.evaluate(c, dialect, quotedTemp, rules);
                List<QualityResult> blocking = results.stream().filter(QualityResult::blocks).toList();
                if (!blocking.isEmpty()) {
                    c.rollback();
                    throw new PublishBlockedException("Cannot publish " + rows + " row(s) to " + what + ": "
                            + blocking.size() + " blocking quality rule(s) failed on the staged rows: "
                            + blocking.stream().map(QualityResult::message).collect(Collectors.joining("; "))
                            + "; the table is unchanged, fix the data and publish again", results);
                }
                String schema = JdbcStorageAdapter.schemaOf(port);
                List<String> publish = new ArrayList<>();
                switch (mode) {
                    case APPEND -> publish.add("INSERT INTO " + target + " SELECT * FROM " + quotedTemp);
                    case REPLACE -> {
                        publish.add("DELETE FROM " + target);
                        publish.add("INSERT INTO " + target + " SELECT * FROM " + quotedTemp);
                    }
                    case MERGE -> publish.addAll(RedshiftLoads.deleteInsert(schema, spec.name(), temp,
                            spec.primaryKey()));
                }
                run(c, publish);
                run(c, List.of("DROP TABLE " + quotedTemp));
                c.commit();
                return new PublishResult(schema + "." + spec.name(), rows, files.keys().size(), results, List.of());
            } catch (SQLException | RuntimeException e) {
                try {
                    if (!c.isClosed()) c.rollback();
                } catch (SQLException r) {
                    e.addSuppressed(r);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new MeshException(ErrorCode.STORAGE_FAILURE, "Cannot publish to " + what + " at "
                    + connections.describe(port.server()) + ": Redshift said: " + firstLine(e) + "; nothing was"
                    + " published (for a rejected row see STL_LOAD_ERRORS), fix the data or the cause and publish"
                    + " again", e);
        }
    }

    private TableSpec spec(PortBinding port, String object) {
        for (TableSpec spec : TableSpecs.of(port, dialect)) {
            for (SchemaObject o : port.contract().schema()) {
                if (o.storeName().equals(object)
                        && TableSpecs.tableName(o, port.contractMajorVersion()).equals(spec.name())) {
                    return spec;
                }
            }
        }
        throw new MeshException(ErrorCode.INVALID_DESCRIPTOR, "Cannot publish schema object '" + object + "' of port '"
                + port.port().name() + "': contract " + port.contract().id() + " has no such object; use one of "
                + port.contract().schema().stream().map(SchemaObject::storeName).toList());
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void run(Connection c, List<String> sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String one : sql) s.execute(one);
        }
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
