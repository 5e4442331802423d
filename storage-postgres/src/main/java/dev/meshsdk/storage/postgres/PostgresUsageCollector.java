package dev.meshsdk.storage.postgres;

import static dev.meshsdk.storage.jdbc.JdbcStorageAdapter.describe;

import dev.meshsdk.MeshException;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.storage.PortProblems;
import dev.meshsdk.spi.usage.UsageBatch;
import dev.meshsdk.spi.usage.UsageCollector;
import dev.meshsdk.spi.usage.UsageObservation;
import dev.meshsdk.spi.usage.UsageObservation.CounterSnapshot;
import dev.meshsdk.spi.usage.UsageObservation.TableSize;
import dev.meshsdk.spi.usage.UsageTarget;
import dev.meshsdk.storage.jdbc.ServerConnections;
import dev.meshsdk.storage.jdbc.StatementColumns;
import dev.meshsdk.storage.postgres.PostgresStatementReads.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Who reads the tables of PostgreSQL ports, from the server's cumulative statistics, once per database:
 *
 * <ul>
 *   <li>{@code pg_stat_statements} (when the extension is installed): per role and statement, its
 *       {@code calls}, counted as reads of each watched table the statement reads ({@link PostgresStatementReads})
 *       and of the columns of that table its text names or selects with {@code *} ({@link StatementColumns}: none
 *       when the text does not tell, so that no column is called unread by mistake); the reader is the role. Statements of the collector's own role (the SDK's sessions log in with it) and of
 *       the roles in {@code mesh.usage.postgres.excludeRoles} are left out;</li>
 *   <li>{@code pg_stat_user_tables}: the table's size, and, only where {@code pg_stat_statements} cannot be read,
 *       {@code seq_scan + idx_scan} as reads without a reader or columns (every session's, the SDK's included) and, from
 *       PostgreSQL 16, {@code last_seq_scan} / {@code last_idx_scan} as the last read.</li>
 * </ul>
 * The counters are cumulative; the SDK diffs them between collections. A database that cannot be reached or
 * logged in to leaves its tables uncollected and is unreadable (the collection fails after recording the others), and a missing extension or privilege is a warning saying what to install or grant. A
 * role that cannot see other roles' statements (without {@code pg_read_all_stats}: their text is hidden) sees
 * their tables in part: the statements it sees are counted, but every watched table of that database is
 * uncollected (not observed: no day counted as unread), since a hidden statement may read any of them; the
 * per-table scans of {@code pg_stat_user_tables}, which any role sees, are not counted in their place, as
 * changing what a table's counters count between collections would count reads twice.
 */
final class PostgresUsageCollector implements UsageCollector {
    static final String SOURCE = "postgres";
    static final String EXCLUDE_KEY = "mesh.usage.postgres.excludeRoles";
    /** How many of the server's roles a warning about an excluded role it does not know lists. */
    private static final int LISTED_ROLES = 10;

    private final ServerConnections connections;
    private final Set<String> excluded;

    PostgresUsageCollector(AdapterContext context) {
        this.connections = Postgres.connections(context, Postgres.PREFIX);
        this.excluded = new LinkedHashSet<>();
        context.setting(EXCLUDE_KEY).ifPresent(v -> Arrays.stream(v.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .forEach(excluded::add));
    }

    @Override
    public boolean supports(PortBinding port) {
        return Set.of("postgres", "postgresql").contains(port.server().type());
    }

    @Override
    public UsageBatch collect(List<UsageTarget> targets) {
        List<UsageObservation> observations = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> uncollected = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        connections.byLogin(targets).forEach((server, list) -> {
            try (Connection c = connections.open(server)) {
                collect(c, connections.describe(server), list, observations, warnings, uncollected);
            } catch (SQLException e) {
                unreadable.add("Cannot read the statistics of " + connections.describe(server) + ": "
                        + describe(e) + "; check that the server is reachable and the credentials"
                        + " of server '" + server.server() + "'");
                list.forEach(t -> uncollected.add(t.address()));
            } catch (MeshException e) {
                unreadable.add(e.getMessage());
                list.forEach(t -> uncollected.add(t.address()));
            }
        });
        return new UsageBatch(observations, warnings, uncollected, unreadable);
    }

    private void collect(
            Connection c,
            String database,
            List<UsageTarget> targets,
            List<UsageObservation> out,
            List<String> warnings,
            List<String> uncollected)
            throws SQLException {
        c.setAutoCommit(true);
        Map<Table, List<UsageTarget>> byTable = new LinkedHashMap<>();
        for (UsageTarget t : targets) {
            Table table = table(t);
            if (table == null) {
                warnings.add("Cannot observe " + t.address() + ": it is not a postgresql:// address of a table");
                uncollected.add(t.address());
                continue;
            }
            byTable.computeIfAbsent(table, k -> new ArrayList<>()).add(t);
        }
        String self;
        int version;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_user, current_setting('server_version_num')::int")) {
            rs.next();
            self = rs.getString(1);
            version = rs.getInt(2);
        }
        unknownExcluded(c, database).forEach(warnings::add);
        Set<String> skip = new LinkedHashSet<>(excluded);
        skip.add(self);
        List<UsageObservation> statements =
                statements(c, database, self, new ArrayList<>(byTable.keySet()), byTable, skip, warnings, uncollected);
        boolean statementsRead = statements != null;
        if (statementsRead) out.addAll(statements);
        tables(c, database, version, byTable, !statementsRead, out, warnings, uncollected);
    }

    /**
     * A warning for each role of {@code mesh.usage.postgres.excludeRoles} that {@code pg_roles} does not list (a typo
     * would count the reads it was to leave out), with the roles it knows, nearest first; PostgreSQL's own
     * {@code pg_*} roles are not listed.
     */
    private List<String> unknownExcluded(Connection c, String database) throws SQLException {
        if (excluded.isEmpty()) return List.of();
        List<String> known = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT rolname FROM pg_roles WHERE rolname NOT LIKE 'pg\\_%'")) {
            while (rs.next()) known.add(rs.getString(1));
        }
        List<String> out = new ArrayList<>();
        for (String role : excluded) {
            if (known.contains(role)) continue;
            List<String> nearest = PortProblems.nearestFirst(role, known);
            out.add("Cannot leave out the reads of role '" + role + "' (" + EXCLUDE_KEY + "): " + database
                    + " has no such role, so nothing is left out for it"
                    + PortProblems.closest(role, known)
                            .map(near -> "; perhaps you meant '" + near + "'")
                            .orElse("")
                    + "; roles it knows, nearest first: "
                    + String.join(", ", nearest.subList(0, Math.min(LISTED_ROLES, nearest.size())))
                    + (nearest.size() > LISTED_ROLES ? " and " + (nearest.size() - LISTED_ROLES) + " more" : ""));
        }
        return out;
    }

    /** Reads per role from pg_stat_statements; null when it cannot be read (the warning says why). */
    private List<UsageObservation> statements(
            Connection c,
            String database,
            String self,
            List<Table> watched,
            Map<Table, List<UsageTarget>> byTable,
            Set<String> skip,
            List<String> warnings,
            List<String> uncollected) {
        String fallback = "; until then reads of its tables are counted per table from pg_stat_user_tables,"
                + " without readers and with the SDK's own reads";
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n"
                    + " ON n.oid = e.extnamespace WHERE e.extname = 'pg_stat_statements'")) {
                if (!rs.next()) {
                    warnings.add("pg_stat_statements is not installed in " + database + ": add pg_stat_statements to"
                            + " shared_preload_libraries in postgresql.conf, restart the server, then run CREATE"
                            + " EXTENSION pg_stat_statements in database "
                            + database.substring(database.indexOf('/') + 1)
                            + fallback);
                    return null;
                }
            }
        } catch (SQLException e) {
            warnings.add("Cannot look for pg_stat_statements in " + database + ": " + describe(e) + fallback);
            return null;
        }
        List<UsageObservation> out = new ArrayList<>();
        Map<String, List<Table>> byName = PostgresStatementReads.byName(watched);
        Map<Table, List<String>> columns;
        try {
            columns = columns(c, watched);
        } catch (SQLException e) {
            warnings.add("Cannot read the columns of the watched tables in " + database + ": " + describe(e)
                    + "; reads are counted per table, without their columns");
            columns = Map.of();
        }
        int hidden = 0;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT r.rolname, s.queryid, s.query, s.calls FROM pg_stat_statements s"
                        + " JOIN pg_roles r ON r.oid = s.userid"
                        + " WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
            while (rs.next()) {
                String role = rs.getString(1);
                if (skip.contains(role)) continue;
                String query = rs.getString(3);
                if (query == null || query.startsWith("<insufficient privilege>")) {
                    hidden++;
                    continue;
                }
                for (Table t : PostgresStatementReads.reads(query, byName)) {
                    Set<String> read =
                            StatementColumns.read(query, t.schema(), t.name(), columns.getOrDefault(t, List.of()));
                    for (UsageTarget target : byTable.get(t)) {
                        out.add(new CounterSnapshot(
                                target.address(),
                                SOURCE,
                                "statement:" + role + ":" + rs.getLong(2),
                                role,
                                rs.getLong(4),
                                null,
                                read));
                    }
                }
            }
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            String todo = state.equals("42501")
                    ? "grant it the right: GRANT pg_read_all_stats TO " + self
                    : String.valueOf(e.getMessage()).contains("shared_preload_libraries")
                            ? "add pg_stat_statements to shared_preload_libraries in postgresql.conf and restart the server"
                            : "check that the extension is installed and up to date";
            warnings.add("Cannot read pg_stat_statements in " + database + " as role " + self + ": " + describe(e)
                    + "; " + todo + fallback);
            return null;
        }
        if (hidden > 0) {
            // a hidden statement may read any watched table: none of them is seen in full
            byTable.values().forEach(ts -> ts.forEach(t -> uncollected.add(t.address())));
            warnings.add("Cannot see " + hidden + " statement(s) of other roles in pg_stat_statements of " + database
                    + ": role " + self + " may not read them; grant it the right with GRANT pg_read_all_stats TO "
                    + self + " (until then their reads are not counted, and the " + byTable.size() + " table(s) it"
                    + " watches there are not observed: the reads of the statements it sees are counted, but no day"
                    + " counts as unread, as a hidden statement may read any of them)");
        }
        return out;
    }

    /** The columns of each watched table, in one query. */
    private static Map<Table, List<String>> columns(Connection c, List<Table> watched) throws SQLException {
        Map<Table, List<String>> out = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT n.nspname, t.relname, a.attname FROM pg_attribute a"
                + " JOIN pg_class t ON t.oid = a.attrelid JOIN pg_namespace n ON n.oid = t.relnamespace"
                + " JOIN unnest(?::text[], ?::text[]) AS w(schemaname, relname)"
                + " ON n.nspname = w.schemaname AND t.relname = w.relname"
                + " WHERE a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
            s.setArray(
                    1,
                    c.createArrayOf("text", watched.stream().map(Table::schema).toArray()));
            s.setArray(
                    2, c.createArrayOf("text", watched.stream().map(Table::name).toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(new Table(rs.getString(1), rs.getString(2)), k -> new ArrayList<>())
                            .add(rs.getString(3));
                }
            }
        }
        return out;
    }

    /** A row of pg_stat_user_tables. */
    private record TableStats(long scans, long bytes, Instant lastRead) {}

    /** One query for every watched table of the database, not one per table: a mesh has thousands. */
    private void tables(
            Connection c,
            String database,
            int version,
            Map<Table, List<UsageTarget>> byTable,
            boolean countScans,
            List<UsageObservation> out,
            List<String> warnings,
            List<String> uncollected)
            throws SQLException {
        boolean lastScans = version >= 160000;
        String sql = "SELECT t.schemaname, t.relname, coalesce(t.seq_scan, 0) + coalesce(t.idx_scan, 0),"
                + " pg_total_relation_size(t.relid)" + (lastScans ? ", greatest(t.last_seq_scan, t.last_idx_scan)" : "")
                + " FROM pg_stat_user_tables t JOIN unnest(?::text[], ?::text[]) AS w(schemaname, relname)"
                + " ON t.schemaname = w.schemaname AND t.relname = w.relname";
        Map<Table, TableStats> found = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(
                    1,
                    c.createArrayOf(
                            "text", byTable.keySet().stream().map(Table::schema).toArray()));
            s.setArray(
                    2,
                    c.createArrayOf(
                            "text", byTable.keySet().stream().map(Table::name).toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Timestamp last = lastScans ? rs.getTimestamp(5) : null;
                    found.put(
                            new Table(rs.getString(1), rs.getString(2)),
                            new TableStats(rs.getLong(3), rs.getLong(4), last == null ? null : last.toInstant()));
                }
            }
        }
        for (Map.Entry<Table, List<UsageTarget>> e : byTable.entrySet()) {
            TableStats row = found.get(e.getKey());
            if (row == null) {
                warnings.add("Cannot observe table " + e.getKey().schema() + "."
                        + e.getKey().name() + " in "
                        + database + ": it does not exist or this role may not see it; deploy the port"
                        + " again, or grant the role USAGE on schema "
                        + e.getKey().schema());
                e.getValue().forEach(t -> uncollected.add(t.address()));
                continue;
            }
            for (UsageTarget t : e.getValue()) {
                out.add(new TableSize(t.address(), row.bytes()));
                if (countScans) {
                    out.add(new CounterSnapshot(t.address(), SOURCE, "table-scans", null, row.scans(), row.lastRead()));
                }
            }
        }
    }

    /** The schema and table of a {@code postgresql://host:port/db/schema.table} address; null for another. */
    static Table table(UsageTarget t) {
        String a = t.address();
        if (!a.toLowerCase(Locale.ROOT).startsWith("postgresql://")
                && !a.toLowerCase(Locale.ROOT).startsWith("postgres://")) {
            return null;
        }
        String last = a.substring(a.lastIndexOf('/') + 1);
        int dot = last.indexOf('.');
        if (dot <= 0 || dot == last.length() - 1) return null;
        return new Table(last.substring(0, dot), last.substring(dot + 1));
    }

    @Override
    public void close() {
        // connections are opened per collection and closed there
    }
}
