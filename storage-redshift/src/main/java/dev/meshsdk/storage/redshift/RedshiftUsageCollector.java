package dev.meshsdk.storage.redshift;

import static dev.meshsdk.storage.jdbc.JdbcStorageAdapter.describe;

import dev.meshsdk.MeshException;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.usage.UsageBatch;
import dev.meshsdk.spi.usage.UsageCollector;
import dev.meshsdk.spi.usage.UsageObservation;
import dev.meshsdk.spi.usage.UsageObservation.ReadEvent;
import dev.meshsdk.spi.usage.UsageTarget;
import dev.meshsdk.storage.jdbc.ServerConnections;
import dev.meshsdk.storage.jdbc.StatementColumns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who reads the tables of Redshift ports, from the system tables, as read events: one per query that scanned a
 * port's table, its reader the query's user, its time the query's end.
 *
 * <ul>
 *   <li>{@code sys} (Serverless, and provisioned RA3 clusters): scan steps of {@code SYS_QUERY_DETAIL} joined with
 *       {@code SYS_QUERY_HISTORY} (status {@code success}) and {@code SVV_USER_INFO} for the user's name;</li>
 *   <li>{@code stl} (provisioned clusters): permanent-table scans of {@code STL_SCAN} joined with {@code STL_QUERY}
 *       (not aborted) and {@code SVL_USER_INFO}.</li>
 * </ul>
 * Each read tells the columns of the table its query's text names or selects with {@code *} ({@link
 * StatementColumns}, shared with PostgreSQL): the text is {@code SYS_QUERY_HISTORY.query_text} (none when it may be
 * cut off at its {@value #SYS_TEXT_LIMIT} characters) or the parts of {@code STL_QUERYTEXT} put together; a text
 * that does not tell leaves the read's columns unknown, never unread.
 * {@value #MODE_KEY} chooses ({@code auto}, the default, takes {@code sys} where {@code SYS_QUERY_HISTORY} exists,
 * else {@code stl}). The system tables keep a few days only, so each collection reads the queries that ended in
 * the last {@value #LOOKBACK_DAYS} days and up to {@value #SETTLE_MINUTES} minutes ago (the system tables are
 * written with a delay); the registry counts an event once (events at or before the newest one counted are
 * skipped), so collecting twice counts nothing twice. Queries of the collector's own user (the SDK's sessions) and
 * of the users in {@value #EXCLUDE_KEY} are left out. A user that may see only its own queries is a warning saying
 * what to grant. Tables are matched by their id ({@code pg_class.oid}), so scans of a table before it was dropped
 * and created again are not counted.
 *
 * <p>Not verified against a real cluster: the SQL runs in the tests through the Redshift JDBC driver on PostgreSQL
 * tables with these system views' names, columns and types (as Amazon documents them); the views' real contents,
 * the delay before a query shows in them and the privilege checks' answers are Amazon's.
 */
final class RedshiftUsageCollector implements UsageCollector {
    static final String SOURCE = "redshift";
    static final String MODE_KEY = "mesh.usage.redshift.systemTables";
    static final String EXCLUDE_KEY = "mesh.usage.redshift.excludeUsers";
    static final int LOOKBACK_DAYS = 7;
    static final int SETTLE_MINUTES = 10;
    /** The characters of a query's text {@code SYS_QUERY_HISTORY} keeps. */
    static final int SYS_TEXT_LIMIT = 4000;

    private static final DateTimeFormatter LITERAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    /** Which system tables to read. */
    enum Mode {
        AUTO,
        SYS,
        STL
    }

    private final ServerConnections connections;
    private final Clock clock;
    private final String modeSetting;
    private final Set<String> excluded = new LinkedHashSet<>();

    RedshiftUsageCollector(AdapterContext context) {
        this.connections = RedshiftStorageAdapterFactory.connections(context);
        this.clock = context.clock();
        this.modeSetting = context.setting(MODE_KEY).orElse("auto");
        context.setting(EXCLUDE_KEY).ifPresent(v -> Arrays.stream(v.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .forEach(excluded::add));
    }

    /** The mode a setting names; a wrong one fails this collector only (the other stores are still collected). */
    static Mode mode(String value) {
        try {
            return Mode.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MeshException(
                    dev.meshsdk.ErrorCode.INVALID_INPUT,
                    "Cannot collect Redshift usage: " + MODE_KEY
                            + " is '" + value + "'; set it to auto, sys (SYS_QUERY_DETAIL, Serverless and RA3) or stl"
                            + " (STL_SCAN, provisioned clusters)");
        }
    }

    @Override
    public boolean supports(PortBinding port) {
        return "redshift".equalsIgnoreCase(port.server().type());
    }

    @Override
    public UsageBatch collect(List<UsageTarget> targets) {
        Mode mode = mode(modeSetting);
        Instant now = clock.instant();
        Instant from = now.minus(Duration.ofDays(LOOKBACK_DAYS));
        Instant to = now.minus(Duration.ofMinutes(SETTLE_MINUTES));
        List<UsageObservation> observations = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> uncollected = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        connections.byLogin(targets).forEach((server, list) -> {
            String database = connections.describe(server);
            try (Connection c = connections.open(server)) {
                c.setAutoCommit(true);
                collect(c, mode, database, list, from, to, observations, warnings, uncollected);
            } catch (SQLException e) {
                unreadable.add("Cannot read the system tables of " + database + ": " + describe(e)
                        + "; check that the cluster is reachable and the credentials of server '" + server.server()
                        + "'");
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
            Mode mode,
            String database,
            List<UsageTarget> targets,
            Instant from,
            Instant to,
            List<UsageObservation> out,
            List<String> warnings,
            List<String> uncollected)
            throws SQLException {
        String self;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT TRIM(current_user)")) {
            rs.next();
            self = rs.getString(1);
        }
        Map<Long, List<UsageTarget>> byTable = tableIds(c, database, targets, warnings, uncollected);
        if (byTable.isEmpty()) return;
        Mode m = mode == Mode.AUTO ? detect(c) : mode;
        String sql = m == Mode.SYS ? sysReads(byTable.keySet(), from, to) : stlReads(byTable.keySet(), from, to);
        String views = m == Mode.SYS ? "SYS_QUERY_DETAIL and SYS_QUERY_HISTORY" : "STL_SCAN and STL_QUERY";
        Set<String> skip = new LinkedHashSet<>(excluded);
        skip.add(self);
        List<Scan> scans = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                String reader = rs.getString(3) == null ? null : rs.getString(3).strip();
                if (reader != null && skip.contains(reader)) continue;
                Instant at = LocalDateTime.parse(rs.getString(4).strip().replace(' ', 'T'))
                        .toInstant(ZoneOffset.UTC);
                scans.add(new Scan(
                        rs.getLong(1), rs.getLong(2), reader, at, m == Mode.SYS ? sysText(rs.getString(5)) : null));
            }
            if (m == Mode.STL) scans = withStlTexts(c, scans);
        } catch (SQLException e) {
            String todo = "42501".equals(e.getSQLState())
                    ? "grant user " + self + " the right to read them: " + grant(m, self)
                    : "check " + MODE_KEY + " (sys for Serverless and RA3, stl for provisioned clusters)";
            warnings.add(
                    "Cannot read " + views + " of " + database + " as user " + self + ": " + describe(e) + "; " + todo);
            byTable.values().forEach(ts -> ts.forEach(t -> uncollected.add(t.address())));
            return;
        }
        Map<Long, List<String>> columns = columns(c, byTable.keySet(), warnings, database);
        for (Scan scan : scans) {
            for (UsageTarget t : byTable.getOrDefault(scan.table(), List.of())) {
                out.add(new ReadEvent(
                        t.address(),
                        SOURCE,
                        scan.reader(),
                        null,
                        scan.at(),
                        read(scan.text(), t, columns.getOrDefault(scan.table(), List.of()))));
            }
        }
        String missing = privilegeGap(c, m, self);
        if (missing != null) {
            warnings.add("User " + self + " may see only its own queries in " + views + " of " + database + " ("
                    + missing + "), so other users' reads are not counted; " + grant(m, self));
        }
    }

    /** A query that scanned a watched table; {@code text} its SQL, null when not known in full. */
    private record Scan(long query, long table, String reader, Instant at, String text) {}

    /** The text of {@code SYS_QUERY_HISTORY}, null when it may be cut off at its 4,000 characters. */
    static String sysText(String text) {
        if (text == null) return null;
        String t = text.strip();
        return t.length() >= SYS_TEXT_LIMIT - 10 ? null : t;
    }

    /**
     * {@code scans} with their queries' whole text from {@code STL_QUERYTEXT}: its 200-character parts in sequence,
     * with the {@code \n} it writes for a line break turned back into one. Read in batches of query ids.
     */
    private static List<Scan> withStlTexts(Connection c, List<Scan> scans) throws SQLException {
        Map<Long, StringBuilder> texts = new LinkedHashMap<>();
        List<Long> ids = scans.stream().map(Scan::query).distinct().toList();
        for (int from = 0; from < ids.size(); from += 1000) {
            String in = ids.subList(from, Math.min(ids.size(), from + 1000)).stream()
                    .map(String::valueOf)
                    .collect(Collectors.joining(", "));
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT query, text FROM" + " stl_querytext WHERE query IN (" + in
                            + ") ORDER BY query, sequence")) {
                while (rs.next())
                    texts.computeIfAbsent(rs.getLong(1), k -> new StringBuilder())
                            .append(rs.getString(2));
            }
        }
        return scans.stream()
                .map(x -> new Scan(
                        x.query(),
                        x.table(),
                        x.reader(),
                        x.at(),
                        texts.containsKey(x.query())
                                ? texts.get(x.query()).toString().replace("\\n", "\n")
                                : null))
                .toList();
    }

    /** The columns of each watched table by id, from {@code pg_attribute}; none (a warning) when it cannot be read. */
    private static Map<Long, List<String>> columns(
            Connection c, Set<Long> tableIds, List<String> warnings, String database) {
        Map<Long, List<String>> out = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT attrelid, TRIM(attname) FROM" + " pg_attribute WHERE attrelid IN ("
                                + ids(tableIds) + ") AND attnum > 0 ORDER BY attrelid, attnum")) {
            while (rs.next())
                out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
        } catch (SQLException e) {
            warnings.add("Cannot read the columns of the watched tables in " + database + ": " + describe(e)
                    + "; reads are counted per table, without their columns");
        }
        return out;
    }

    /** The columns of the target's table a query's text reads ({@link StatementColumns}); empty when not told. */
    private static Set<String> read(String text, UsageTarget t, List<String> columns) {
        if (text == null) return Set.of();
        String table = t.address().substring(t.address().lastIndexOf('/') + 1);
        int dot = table.indexOf('.');
        return StatementColumns.read(text, table.substring(0, dot), table.substring(dot + 1), columns);
    }

    /** What to run so that a user sees every user's queries. */
    static String grant(Mode m, String user) {
        return m == Mode.SYS
                ? "GRANT ROLE sys:monitor TO " + user + " (or a role with ACCESS SYSTEM TABLE)"
                : "ALTER USER " + user + " SYSLOG ACCESS UNRESTRICTED";
    }

    /** Why the user may not see other users' queries; null when it may. */
    private static String privilegeGap(Connection c, Mode m, String self) throws SQLException {
        if (m == Mode.STL) {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT usesuper, TRIM(syslogaccess) FROM svl_user_info" + " WHERE usename = ?")) {
                s.setString(1, self);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next() && (rs.getBoolean(1) || "UNRESTRICTED".equalsIgnoreCase(rs.getString(2)))) {
                        return null;
                    }
                }
            }
            return "it is no superuser and its SYSLOG ACCESS is RESTRICTED";
        }
        try (PreparedStatement s = c.prepareStatement("SELECT superuser FROM svv_user_info WHERE user_name = ?")) {
            s.setString(1, self);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next() && rs.getBoolean(1)) return null;
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM svv_user_grants WHERE user_name = ?"
                + " AND TRIM(role_name) IN ('sys:monitor', 'sys:operator', 'sys:superuser')")) {
            s.setString(1, self);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next() && rs.getLong(1) > 0) return null;
            }
        }
        return "it is no superuser and has none of the roles sys:monitor, sys:operator, sys:superuser";
    }

    /** {@code sys} where {@code SYS_QUERY_HISTORY} exists, else {@code stl}. */
    private static Mode detect(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT query_id FROM sys_query_history WHERE 1 = 0")) {
            return Mode.SYS;
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) return Mode.STL;
            throw e;
        }
    }

    /** Each watched table's id, from {@code pg_class}; a table that is not there is a warning. */
    private static Map<Long, List<UsageTarget>> tableIds(
            Connection c, String database, List<UsageTarget> targets, List<String> warnings, List<String> uncollected)
            throws SQLException {
        Map<Long, List<UsageTarget>> out = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT c.oid FROM pg_class c JOIN pg_namespace n"
                + " ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?")) {
            for (UsageTarget t : targets) {
                String last = t.address().substring(t.address().lastIndexOf('/') + 1);
                int dot = last.indexOf('.');
                if (!t.address().toLowerCase(Locale.ROOT).startsWith("redshift://") || dot <= 0) {
                    warnings.add("Cannot observe " + t.address() + ": it is not a redshift:// address of a table");
                    uncollected.add(t.address());
                    continue;
                }
                s.setString(1, last.substring(0, dot));
                s.setString(2, last.substring(dot + 1));
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        warnings.add("Cannot observe table " + last + " in " + database + ": it does not exist or this"
                                + " user may not see it; deploy the port again, or grant the user USAGE on schema "
                                + last.substring(0, dot));
                        uncollected.add(t.address());
                        continue;
                    }
                    out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(t);
                }
            }
        }
        return out;
    }

    /**
     * The successful queries that scanned one of {@code tableIds} and ended in {@code (from, to]}, from the SYS
     * views: query id, table id, user name, end time (UTC, microseconds), one row per query and table.
     */
    static String sysReads(Set<Long> tableIds, Instant from, Instant to) {
        return "SELECT DISTINCT h.query_id, d.table_id, TRIM(u.user_name) AS reader,"
                + " TO_CHAR(h.end_time, 'YYYY-MM-DD HH24:MI:SS.US') AS ended, h.query_text"
                + " FROM sys_query_detail d JOIN sys_query_history h ON h.query_id = d.query_id"
                + " LEFT JOIN svv_user_info u ON u.user_id = h.user_id"
                + " WHERE TRIM(d.step_name) = 'scan' AND d.table_id IN (" + ids(tableIds) + ")"
                + " AND TRIM(h.status) = 'success'" + window("h.end_time", from, to)
                + " ORDER BY ended, h.query_id, d.table_id";
    }

    /** As {@link #sysReads}, from {@code STL_SCAN} (permanent tables, type 2) and {@code STL_QUERY}. */
    static String stlReads(Set<Long> tableIds, Instant from, Instant to) {
        return "SELECT DISTINCT q.query, s.tbl, TRIM(u.usename) AS reader,"
                + " TO_CHAR(q.endtime, 'YYYY-MM-DD HH24:MI:SS.US') AS ended"
                + " FROM stl_scan s JOIN stl_query q ON q.query = s.query"
                + " LEFT JOIN svl_user_info u ON u.usesysid = q.userid"
                + " WHERE s.type = 2 AND s.tbl IN (" + ids(tableIds) + ") AND q.aborted = 0"
                + window("q.endtime", from, to)
                + " ORDER BY ended, q.query, s.tbl";
    }

    private static String ids(Set<Long> tableIds) {
        return tableIds.stream().sorted().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** Literals, not parameters: the system tables' times are UTC timestamps without a zone. */
    private static String window(String column, Instant from, Instant to) {
        return " AND " + column + " > '" + LITERAL.format(from.atOffset(ZoneOffset.UTC)) + "' AND " + column + " <= '"
                + LITERAL.format(to.atOffset(ZoneOffset.UTC)) + "'";
    }

    @Override
    public void close() {
        // connections are opened per collection and closed there
    }
}
