package dev.meshsdk.storage.redshift;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.data.PublishRequest;
import dev.meshsdk.spi.quality.PublishBlockedException;
import dev.meshsdk.spi.quality.QualityResult;
import dev.meshsdk.spi.quality.ScopedRule;
import dev.meshsdk.spi.quality.ScopedRules;
import dev.meshsdk.storage.jdbc.ConnectionSource;
import dev.meshsdk.storage.jdbc.Identifiers;
import dev.meshsdk.storage.jdbc.JdbcStorageAdapter;
import dev.meshsdk.storage.jdbc.SqlDialect;
import dev.meshsdk.storage.jdbc.TableQuality;
import dev.meshsdk.storage.jdbc.TableSample;
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
 *       with the configured IAM role, the publish ({@code INSERT} (append), {@code DELETE} then {@code INSERT}
 *       (replace) or delete-insert on the primary key (merge)), the contract's quality rules of that object on
 *       what the table will hold after the commit, and the commit only when no blocking rule fails. Replace
 *       judges the staged rows and publishes after the rules passed; append and merge publish first, uncommitted,
 *       and judge the target (its old rows with the new, as {@code mesh:check} would right after);</li>
 *   <li>the staged parts are deleted, after success and after failure alike.</li>
 * </ol>
 *
 * A failed rule, a rejected row or a lost connection rolls the transaction back: the target is untouched.
 */
public final class RedshiftPublisher {
    /** How published rows meet the table's rows. */
    public enum Mode {
        APPEND,
        REPLACE,
        MERGE
    }

    /**
     * What a publish did.
     *
     * @param rows       rows copied from the staged files and published
     * @param files      staged parts loaded
     * @param results    every rule's result on the staged rows
     * @param notDeleted staged objects the clean-up could not delete (normally empty); delete them by hand
     */
    public record PublishResult(
            String table, long rows, int files, List<QualityResult> results, List<String> notDeleted) {
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
        this(
                RedshiftStorageAdapterFactory.connections(context),
                new RedshiftDialect(),
                s3,
                port -> RedshiftStaging.of(port.server(), context),
                RedshiftPublisher::execute,
                DEFAULT_PART_CHARS);
    }

    RedshiftPublisher(
            ConnectionSource connections,
            SqlDialect dialect,
            S3Client s3,
            Function<PortBinding, RedshiftStaging> staging,
            CopyRunner copy,
            int partChars) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.staging = Objects.requireNonNull(staging, "staging");
        this.copy = Objects.requireNonNull(copy, "copy");
        this.partChars = partChars;
    }

    static void execute(Connection c, String sql, StagedFiles files) throws SQLException {
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
        List<ScopedRule> rules = ScopedRules.of(port.contract()).stream()
                .filter(r -> r.object().equals(object))
                .toList();
        return publish(
                port,
                object,
                csv,
                List.of(),
                mode,
                rules,
                PublishRequest.CandidateAudit.NONE,
                (error, files) -> LoadErrors.refused(
                        port,
                        columnTypes(port, object),
                        error,
                        files,
                        (line, column) ->
                                line < 1 ? "the CSV" : "line " + (line + 1) + " of the CSV (the header is line 1)"));
    }

    /** A row Redshift refused, as {@code STL_LOAD_ERRORS} describes it (its value is never read). */
    record LoadError(String file, long line, String column, int code) {}

    /** Words a refused row: where it is in the input, from the staged part and line; null to fall back. */
    @FunctionalInterface
    interface Rejected {
        MeshException apply(LoadError error, StagedFiles files);
    }

    /**
     * The write-audit-publish: {@code csv} (a header line, then records) holding {@code columns} in this order (empty:
     * the table's order), the given rules audited on the staged rows, then {@code audit} on a sample of them (the
     * dialect's random share of the staging table; what it throws rolls everything back).
     */
    PublishResult publish(
            PortBinding port,
            String object,
            Reader csv,
            List<String> columns,
            Mode mode,
            List<ScopedRule> rules,
            PublishRequest.CandidateAudit audit,
            Rejected rejected) {
        Objects.requireNonNull(mode, "mode");
        RedshiftStaging where = staging.apply(port);
        String schema = JdbcStorageAdapter.schemaOf(port);
        TableSpec spec = spec(port, object);
        String target = Identifiers.qualified(schema, spec.name());
        String temp =
                "mesh_stage_" + spec.name().substring(0, Math.min(spec.name().length(), 50));
        if (mode == Mode.MERGE && spec.primaryKey().isEmpty()) {
            throw new MeshException(
                    ErrorCode.INVALID_DESCRIPTOR,
                    "Cannot merge into " + schema + "." + spec.name()
                            + ": the contract names no primary key; mark the key properties primaryKey: true, or append");
        }
        String what = schema + "." + spec.name() + " of port '" + port.port().name() + "'";

        StagedFiles files;
        try {
            files = StagedFiles.upload(
                    s3,
                    where.bucket(),
                    where.folder(spec.name(), UUID.randomUUID().toString()),
                    csv,
                    partChars);
        } catch (IOException | SdkException e) {
            throw new MeshException(
                    ErrorCode.STORAGE_FAILURE,
                    "Cannot stage rows for " + what + " in s3://"
                            + where.bucket() + "/" + where.prefix() + ": " + firstLine(e)
                            + "; nothing was published, fix"
                            + " the data or the bucket access and publish again",
                    e);
        }
        RuntimeException failure = null;
        PublishResult result = null;
        try {
            result = load(port, files, where, target, temp, spec, columns, rules, audit, mode, what, rejected);
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

    private PublishResult load(
            PortBinding port,
            StagedFiles files,
            RedshiftStaging where,
            String target,
            String temp,
            TableSpec spec,
            List<String> columns,
            List<ScopedRule> rules,
            PublishRequest.CandidateAudit audit,
            Mode mode,
            String what,
            Rejected rejected) {
        String quotedTemp = Identifiers.quote("table", temp);
        try (Connection c = connections.open(port.server())) {
            c.setAutoCommit(false);
            try {
                run(c, List.of("CREATE TEMPORARY TABLE " + quotedTemp + " (LIKE " + target + ")"));
                try {
                    copy.copy(
                            c,
                            RedshiftLoads.copyStaged(temp, columns, files.uri(), where.iamRole(), where.region()),
                            files);
                } catch (SQLException e) {
                    c.rollback();
                    MeshException refused = loadError(c)
                            .map(error -> rejected.apply(error, files))
                            .orElse(null);
                    if (refused != null) throw refused;
                    throw e;
                }
                long rows = count(c, quotedTemp);
                String schema = JdbcStorageAdapter.schemaOf(port);
                List<String> publish = new ArrayList<>();
                switch (mode) {
                    case APPEND -> publish.add("INSERT INTO " + target + " SELECT * FROM " + quotedTemp);
                    case REPLACE -> {
                        publish.add("DELETE FROM " + target);
                        publish.add("INSERT INTO " + target + " SELECT * FROM " + quotedTemp);
                    }
                    case MERGE ->
                        publish.addAll(RedshiftLoads.deleteInsert(schema, spec.name(), temp, spec.primaryKey()));
                }
                // REPLACE: the staged rows are what the table will hold. APPEND and MERGE: the rows are published
                // first, uncommitted, and the rules judge the target as it will be after the commit.
                boolean judgeTarget = mode != Mode.REPLACE;
                if (judgeTarget) run(c, publish);
                List<QualityResult> results =
                        TableQuality.evaluate(c, dialect, judgeTarget ? target : quotedTemp, rules);
                List<QualityResult> blocking =
                        results.stream().filter(QualityResult::blocks).toList();
                if (!blocking.isEmpty()) {
                    c.rollback();
                    throw new PublishBlockedException(
                            "Cannot publish " + rows + " row(s) to " + what + ": "
                                    + blocking.size() + " blocking quality rule(s) failed on "
                                    + (judgeTarget ? "the table with the staged rows" : "the staged rows") + ": "
                                    + blocking.stream()
                                            .map(QualityResult::message)
                                            .collect(Collectors.joining("; "))
                                    + "; the table is unchanged, fix the data and publish again",
                            results);
                }
                if (audit.sampleRows() > 0) {
                    audit.judge(TableSample.candidate(c, dialect, quotedTemp, rows, audit.sampleRows()));
                }
                if (!judgeTarget) run(c, publish);
                run(c, List.of("DROP TABLE " + quotedTemp));
                c.commit();
                return new PublishResult(
                        schema + "." + spec.name(), rows, files.keys().size(), results, List.of());
            } catch (SQLException | RuntimeException e) {
                try {
                    if (!c.isClosed()) c.rollback();
                } catch (SQLException r) {
                    e.addSuppressed(r);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new MeshException(
                    ErrorCode.STORAGE_FAILURE,
                    "Cannot publish to " + what + " at "
                            + connections.describe(port.server()) + ": Redshift said: " + safeReason(e)
                            + "; nothing was"
                            + " published (for a rejected row see STL_LOAD_ERRORS), fix the data or the cause and publish"
                            + " again",
                    isDataError(e) ? null : e);
        }
    }

    private static boolean isDataError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    /**
     * The first error of the session's last COPY in {@code STL_LOAD_ERRORS}: the staged part, its line, the column
     * and the error code. {@code raw_line}, {@code raw_field_value} and {@code err_reason} hold or quote the row's
     * values and are never read. Empty when the table cannot be read (a server that is not Redshift).
     */
    private static java.util.Optional<LoadError> loadError(Connection c) {
        String sql = "SELECT trim(filename), line_number, trim(colname), err_code FROM stl_load_errors"
                + " WHERE query = pg_last_copy_id() ORDER BY line_number LIMIT 1";
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            java.util.Optional<LoadError> out = rs.next()
                    ? java.util.Optional.of(
                            new LoadError(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getInt(4)))
                    : java.util.Optional.empty();
            c.rollback();
            return out;
        } catch (SQLException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the publish is failing anyway; its own error is reported
            }
            return java.util.Optional.empty();
        }
    }

    /** A failure's reason without the server's text when that may quote a row's value (data errors, class 22/23). */
    static String safeReason(SQLException e) {
        return isDataError(e) ? "the data was refused (SQLSTATE " + e.getSQLState() + ")" : firstLine(e);
    }

    /** Each column of the object's table with its Redshift type, for messages. */
    static java.util.Map<String, String> columnTypes(PortBinding port, String object) {
        java.util.Map<String, String> types = new java.util.LinkedHashMap<>();
        for (var col : new RedshiftPublisher.Specs(port).of(object).columns()) types.put(col.name(), col.type());
        return types;
    }

    /** The table specs of a port, with the Redshift dialect. */
    private record Specs(PortBinding port) {
        TableSpec of(String object) {
            for (TableSpec spec : TableSpecs.of(port, new RedshiftDialect())) {
                for (SchemaObject o : port.contract().schema()) {
                    if (o.storeName().equals(object)
                            && TableSpecs.tableName(o, port.contractMajorVersion())
                                    .equals(spec.name())) {
                        return spec;
                    }
                }
            }
            throw new MeshException(
                    ErrorCode.INVALID_DESCRIPTOR,
                    "Cannot publish schema object '" + object
                            + "' of port '" + port.port().name() + "': contract "
                            + port.contract().id() + " has no such"
                            + " object; use one of "
                            + port.contract().schema().stream()
                                    .map(SchemaObject::storeName)
                                    .toList());
        }
    }

    private TableSpec spec(PortBinding port, String object) {
        return new Specs(port).of(object);
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
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
