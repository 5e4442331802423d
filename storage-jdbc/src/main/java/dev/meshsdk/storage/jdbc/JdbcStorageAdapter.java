package dev.meshsdk.storage.jdbc;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.plan.Change;
import dev.meshsdk.plan.Column;
import dev.meshsdk.plan.PortState;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.storage.ErasureRequest;
import dev.meshsdk.spi.storage.ErasureResult;
import dev.meshsdk.spi.storage.ErasureResult.TableErasure;
import dev.meshsdk.spi.storage.PortAddresses;
import dev.meshsdk.spi.storage.PortProblems;
import dev.meshsdk.spi.storage.StorageAdapter;
import dev.meshsdk.spi.storage.SupportsDropTable;
import dev.meshsdk.spi.storage.SupportsPortCheck;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A storage adapter for SQL stores: one table per schema object in the server's {@code schema}, planned by
 * {@link JdbcPlanner} and written in the {@link SqlDialect}'s SQL. Each change is applied in its own
 * transaction, so a failure (a lost connection, a killed backend) leaves nothing half-applied and a
 * re-run converges. Changes are idempotent: applying one that is in effect does nothing. Planning checks what the
 * plan needs of the database ({@link DeployChecks}: the roles, the schema, the deploying user's privileges) and
 * throws {@link PortProblems} with all that is missing. Erasure deletes by the contract's subject-key column.
 */
public class JdbcStorageAdapter implements StorageAdapter, PortAddresses, SupportsDropTable, SupportsPortCheck {
    /** The schema used when the server names none. */
    public static final String DEFAULT_SCHEMA = "public";

    protected final SqlDialect dialect;
    protected final ConnectionSource connections;
    private final JdbcPlanner planner;
    private final DeployChecks checks;
    private final Counter statements;

    /**
     * @param metrics where the adapter counts the DDL and GRANT/REVOKE statements it runs, as
     *                {@code mesh.storage.<name>.statements}
     * @param name    the adapter's name in metrics ({@code postgres}, {@code redshift})
     */
    public JdbcStorageAdapter(SqlDialect dialect, ConnectionSource connections, MetricRegistry metrics, String name) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.connections = Objects.requireNonNull(connections, "connections");
        this.planner = new JdbcPlanner(dialect);
        this.checks = new DeployChecks(dialect);
        this.statements = metrics.counter(MetricRegistry.name("mesh.storage", name, "statements"));
    }

    /** The schema of the port's tables: the server's {@code schema} setting, checked. */
    public static String schemaOf(PortBinding port) {
        return Identifiers.check("schema", port.server().setting("schema").orElse(DEFAULT_SCHEMA));
    }

    @Override
    public List<PortProblems.Problem> check(PortBinding port) {
        return TableSpecs.problems(port, dialect);
    }

    @Override
    public PortState inspect(PortBinding port) {
        List<TableSpec> specs = TableSpecs.of(port, dialect);
        String schema = schemaOf(port);
        try (Connection c = connections.open(port.server())) {
            PortState state = state(inspectTables(c, schema, specs));
            Map<String, String> older = previousVersions(c, schema, specs, port.contractMajorVersion());
            if (older.isEmpty()) return state;
            Map<String, String> facts = new LinkedHashMap<>(state.facts());
            facts.putAll(older);
            return new PortState(state.exists(), state.fingerprint(), facts);
        } catch (SQLException e) {
            throw failure(
                    "inspect", port, e, "check that the server is reachable and the user may read" + " the catalog");
        }
    }

    /**
     * The tables of other major versions beside each wanted table ({@code orders}, {@code orders_v2}, ...), as
     * facts {@code <table>.otherVersions}, so that the plan shows what consumers may still read. They are dropped
     * only when their product retires them (the output port's {@code majorVersions}), through {@link #dropTable}.
     */
    static Map<String, String> previousVersions(Connection c, String schema, List<TableSpec> specs, int major)
            throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        for (TableSpec spec : specs) {
            String base = major >= 2 ? spec.name().replaceFirst("_v\\d+$", "") : spec.name();
            java.util.regex.Pattern version =
                    java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(base) + "(_v\\d+)?");
            List<String> found = new java.util.ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = ? AND (table_name = ? OR table_name LIKE ?) ORDER BY table_name")) {
                s.setString(1, schema);
                s.setString(2, base);
                s.setString(3, base + "%");
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        String t = rs.getString(1);
                        if (!t.equals(spec.name()) && version.matcher(t).matches()) found.add(t);
                    }
                }
            }
            if (!found.isEmpty()) {
                out.put(
                        spec.name() + ".otherVersions",
                        String.join(", ", found) + " (kept for their consumers;"
                                + " retire them with the output port's majorVersions)");
            }
        }
        return out;
    }

    private Map<String, TableState> inspectTables(Connection c, String schema, List<TableSpec> specs)
            throws SQLException {
        Map<String, TableState> out = new LinkedHashMap<>();
        for (TableSpec spec : specs) out.put(spec.name(), dialect.inspector().table(c, schema, spec.name()));
        return out;
    }

    /** The port state of the tables found: exists when any does, a digest of everything planned on. */
    static PortState state(Map<String, TableState> tables) {
        Map<String, String> facts = new LinkedHashMap<>();
        StringBuilder canonical = new StringBuilder();
        boolean exists = false;
        for (TableState t : tables.values()) {
            exists |= t.exists();
            canonical.append(t.canonical()).append('\n');
            facts.put(t.name(), t.describe());
            if (t.exists()) facts.put(t.name() + ".grants", String.join(", ", TableState.sorted(t.grants())));
        }
        return new PortState(exists, sha256(canonical.toString()), facts);
    }

    @Override
    public List<Change> plan(PortBinding port, PortState actual) {
        List<TableSpec> specs = TableSpecs.of(port, dialect);
        String schema = schemaOf(port);
        try (Connection c = connections.open(port.server())) {
            Map<String, TableState> tables = inspectTables(c, schema, specs);
            PortState now = state(tables);
            if (!now.fingerprint().equals(actual.fingerprint())) {
                throw new MeshException(
                        ErrorCode.STALE_PLAN,
                        "Cannot plan port '" + port.port().name()
                                + "' at " + address(port) + ": its tables changed since they were inspected; inspect"
                                + " and plan again");
            }
            List<Change> changes = planner.plan(port, specs, tables);
            List<PortProblems.Problem> problems = checks.problems(c, port, schema, address(port), tables, changes);
            if (!problems.isEmpty()) throw new PortProblems(problems);
            return changes;
        } catch (SQLException e) {
            throw failure("plan", port, e, "check that the server is reachable and the user may read the" + " catalog");
        }
    }

    @Override
    public void apply(PortBinding port, Change change) {
        if (change instanceof Change.Refused r) {
            throw new MeshException(ErrorCode.PLAN_REFUSED, "Cannot apply a refused change: " + r.summary());
        }
        String schema = schemaOf(port);
        try (Connection c = connections.open(port.server())) {
            c.setAutoCommit(false);
            try {
                applyIn(c, schema, change);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw failure(
                    "apply '" + change.summary() + "' to",
                    port,
                    e,
                    "nothing of this change was applied;" + " fix the cause and deploy again");
        }
    }

    /**
     * Deletes the subject's rows from every table with a subject-key column of the request's type and writes
     * an audit row to {@code mesh.erasures} (request id, requester, tables, row count; never the subject's
     * value), in one transaction; then, when the request purges, vacuums the tables rows went from. Tables
     * that do not exist, or whose key the value cannot be a value of, are reported with 0 rows.
     */
    @Override
    public ErasureResult erase(PortBinding port, ErasureRequest request) {
        String schema = schemaOf(port);
        List<SubjectErasure.Target> targets = SubjectErasure.targets(port, dialect, request);
        try (Connection c = connections.open(port.server())) {
            List<TableErasure> skipped = new ArrayList<>();
            List<SubjectErasure.Target> searched =
                    SubjectErasure.searchable(c, dialect, schema, targets, request, skipped);
            if (searched.isEmpty()) return SubjectErasure.result(List.of(), skipped);
            c.setAutoCommit(false);
            List<Long> rows;
            String version;
            try {
                rows = SubjectErasure.delete(c, schema, port, request, searched);
                version = SubjectErasure.transactionId(c, dialect);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
            Instant committed = Instant.now();
            c.setAutoCommit(true);
            return SubjectErasure.result(
                    SubjectErasure.receipts(c, dialect, schema, searched, rows, version, committed, request.purge()),
                    skipped);
        } catch (SQLException e) {
            throw failure(
                    "erase request " + request.requestId() + " from",
                    port,
                    e,
                    "nothing was deleted; fix the cause and run the erasure again");
        }
    }

    /** The port's tables that exist in its schema. */
    @Override
    public List<String> tables(PortBinding port) {
        String schema = schemaOf(port);
        try (Connection c = connections.open(port.server())) {
            List<String> out = new ArrayList<>();
            for (TableSpec spec : TableSpecs.of(port, dialect)) {
                if (dialect.inspector().table(c, schema, spec.name()).exists()) out.add(spec.name());
            }
            return out;
        } catch (SQLException e) {
            throw failure(
                    "list the tables of",
                    port,
                    e,
                    "check that the server is reachable and the user may read" + " the catalog");
        }
    }

    /** {@code DROP TABLE IF EXISTS} and the SDK's records of its grants, in one transaction. */
    @Override
    public void dropTable(PortBinding port, String table) {
        if (TableSpecs.of(port, dialect).stream().noneMatch(t -> t.name().equals(table))) {
            throw new MeshException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "Cannot drop table '" + table + "': it is not a"
                            + " table of port '" + port.port().name() + "' v" + port.contractMajorVersion()
                            + "; nothing was dropped");
        }
        String schema = schemaOf(port);
        try (Connection c = connections.open(port.server())) {
            c.setAutoCommit(false);
            try {
                run(c, List.of("DROP TABLE IF EXISTS " + Identifiers.qualified(schema, table)));
                OwnedGrants.removeAll(c, schema, table);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw failure(
                    "drop table " + table + " of", port, e, "nothing was dropped; fix the cause and deploy" + " again");
        }
    }

    /** Runs one change's statements on {@code c}, inside the caller's transaction. */
    protected void applyIn(Connection c, String schema, Change change) throws SQLException {
        TableState found = dialect.inspector().table(c, schema, change.target());
        if (change instanceof Change.CreateTable create) {
            if (found.exists()) return;
            ensureSchema(c, schema);
            run(c, dialect.createTable(schema, create));
        } else if (change instanceof Change.AddColumn add) {
            requireTable(found, change);
            if (found.column(add.column().name()) != null) return;
            run(c, dialect.addColumn(schema, add.target(), add.column()));
        } else if (change instanceof Change.AlterColumn alter) {
            requireTable(found, change);
            Column now = found.column(alter.to().name());
            if (now == null) {
                throw stale(
                        change, "column " + alter.target() + "." + alter.to().name() + " is gone");
            }
            run(c, dialect.alterColumn(schema, alter.target(), now, alter.to()));
        } else if (change instanceof Change.DropColumn drop) {
            requireTable(found, change);
            if (found.column(drop.column()) == null) return;
            run(c, dialect.dropColumn(schema, drop.target(), drop.column()));
        } else if (change instanceof Change.SetProperties set) {
            requireTable(found, change);
            String comment = set.properties().get("comment");
            if (set.properties().containsKey("comment") && !Objects.equals(found.comment(), comment)) {
                run(c, dialect.tableComment(schema, set.target(), comment));
            }
        } else if (change instanceof Change.Grant grant) {
            requireTable(found, change);
            run(c, dialect.grant(schema, grant.target(), grant.principal(), grant.privilege()));
            OwnedGrants.add(c, schema, grant.target(), grant.principal(), grant.privilege());
        } else if (change instanceof Change.Revoke revoke) {
            requireTable(found, change);
            run(c, dialect.revoke(schema, revoke.target(), revoke.principal(), revoke.privilege()));
            OwnedGrants.remove(c, schema, revoke.target(), revoke.principal(), revoke.privilege());
        } else {
            throw new IllegalStateException("refused changes are not applied");
        }
    }

    /** A plan made against a table that is gone is stale, not a store failure: planning again sees the truth. */
    private static void requireTable(TableState found, Change change) {
        if (!found.exists()) throw stale(change, "table " + change.target() + " does not exist any more");
    }

    private static MeshException stale(Change change, String what) {
        return new MeshException(
                ErrorCode.STALE_PLAN,
                "Cannot " + change.summary() + ": " + what
                        + " (changed since the plan was made); nothing of this change was applied; plan again");
    }

    private void ensureSchema(Connection c, String schema) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("SELECT 1 FROM information_schema.schemata WHERE schema_name = ?")) {
            s.setString(1, schema);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) return;
            }
        }
        run(c, List.of("CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote("schema", schema)));
    }

    /** Runs statements in order on {@code c}, counting them. */
    protected void run(Connection c, List<String> sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String one : sql) {
                s.execute(one);
                statements.inc();
            }
        }
    }

    protected static void rollbackQuietly(Connection c, Exception cause) {
        try {
            if (!c.isClosed()) c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * {@code <scheme>://host:port/database/schema.table} per schema object, the scheme from the dialect
     * ({@code postgresql}, {@code redshift}); the address the connections describe, never a credential.
     */
    @Override
    public Map<String, String> addresses(PortBinding port) {
        String prefix =
                dialect.addressScheme() + "://" + connections.describe(port.server()) + "/" + schemaOf(port) + ".";
        int major = port.contractMajorVersion();
        Map<String, String> out = new LinkedHashMap<>();
        for (SchemaObject object : port.contract().schema()) {
            out.put(object.storeName(), prefix + TableSpecs.tableName(object, major));
        }
        return out;
    }

    /** {@code host:port/database/schema}. */
    protected String address(PortBinding port) {
        return connections.describe(port.server()) + "/"
                + port.server().setting("schema").orElse(DEFAULT_SCHEMA);
    }

    protected MeshException failure(String verb, PortBinding port, SQLException e, String todo) {
        return new MeshException(
                ErrorCode.STORAGE_FAILURE,
                "Cannot " + verb + " port '" + port.port().name() + "' at " + address(port) + ": " + dialect.name()
                        + " said: " + describe(e) + "; " + todo,
                e);
    }

    /** The SQL state and first line of a driver message. */
    public static String describe(SQLException e) {
        String m = e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getMessage().lines().findFirst().orElse("");
        return (e.getSQLState() == null ? "" : "[" + e.getSQLState() + "] ") + m;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        // Connections are opened per call and closed by it; nothing is held.
    }
}
