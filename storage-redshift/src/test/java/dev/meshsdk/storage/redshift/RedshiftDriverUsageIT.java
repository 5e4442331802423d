package dev.meshsdk.storage.redshift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.model.Server;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.registry.Registry;
import dev.meshsdk.spi.registry.UsageRollup;
import dev.meshsdk.spi.registry.UsageUpdate;
import dev.meshsdk.spi.usage.UsageBatch;
import dev.meshsdk.spi.usage.UsageObservation.ReadEvent;
import dev.meshsdk.spi.usage.UsageTarget;
import dev.meshsdk.storage.jdbc.JdbcRegistry;
import dev.meshsdk.testkit.Fixtures;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Redshift usage collector's SQL sent by the real Redshift JDBC driver through PgBouncer to PostgreSQL, where
 * tables named and typed as Redshift's system views ({@code SYS_QUERY_HISTORY}, {@code SYS_QUERY_DETAIL},
 * {@code SVV_USER_INFO}, {@code SVV_USER_GRANTS}, {@code STL_QUERY}, {@code STL_SCAN}, {@code SVL_USER_INFO}, the
 * columns the collector reads plus some around them) hold the queries of two users reading one port's table a
 * known number of times, the SDK's own user's reads, a failed query and another table's reads; the usage kept by
 * the JDBC registry (through the same driver) is asserted exactly, and collecting again adds nothing.
 *
 * <p>Not verified, for want of a Redshift cluster here: that Amazon's views have exactly these columns and
 * contents, how long after a query it shows in them, and that the privilege checks ({@code SVV_USER_INFO},
 * {@code SVV_USER_GRANTS}, {@code SVL_USER_INFO}) answer as Amazon documents. The table ids are PostgreSQL's
 * {@code pg_class.oid}, as Redshift's are.
 */
class RedshiftDriverUsageIT {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2026, 12, 6);
    private static final int SDK = 100;
    private static final int ALICE = 101;
    private static final int BOB = 102;

    private final RedshiftWireServer server = RedshiftWireServer.get();

    @Test
    void sysViewsCountEachQueryOfEachUserOnceAndTheSdksOwnNot() throws Exception {
        dropSystemTables();
        server.exec(
                "CREATE TABLE sys_query_history (user_id integer, query_id bigint, query_label varchar(320),"
                        + " transaction_id bigint, session_id integer, database_name char(128), query_type char(32),"
                        + " status char(10), result_cache_hit boolean, start_time timestamp, end_time timestamp,"
                        + " elapsed_time bigint, query_text char(4000))",
                "CREATE TABLE sys_query_detail (user_id integer, query_id bigint, child_query_sequence integer,"
                        + " stream_id integer, segment_id integer, step_id integer, step_name char(30),"
                        + " table_id integer, table_name char(136), start_time timestamp, end_time timestamp,"
                        + " duration bigint, input_rows bigint, output_rows bigint)",
                "CREATE TABLE svv_user_info (user_name varchar(128), user_id integer, createdb boolean,"
                        + " superuser boolean, syslog_access text)",
                "CREATE TABLE svv_user_grants (user_id integer, user_name varchar(128), role_id integer,"
                        + " role_name varchar(128), admin_option boolean)",
                "INSERT INTO svv_user_info VALUES ('postgres', " + SDK + ", true, false, 'RESTRICTED'),"
                        + " ('alice', " + ALICE + ", false, false, 'RESTRICTED'), ('bob', " + BOB
                        + ", false, false, 'RESTRICTED')");
        Tables t = tables();
        long q = 1000;
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rows.addAll(sysQuery(
                    ++q,
                    ALICE,
                    "success",
                    "2026-12-06 09:0" + i + ":00.5",
                    t.orders,
                    3,
                    "SELECT amount FROM " + t.schema + ".orders WHERE id = 1"));
        }
        for (int i = 0; i < 2; i++) {
            rows.addAll(sysQuery(
                    ++q,
                    BOB,
                    "success",
                    "2026-12-06 10:0" + i + ":00.25",
                    t.orders,
                    2,
                    "SELECT o.note /* not the amount */ FROM " + t.schema + ".orders o"));
        }
        for (int i = 0; i < 4; i++) {
            rows.addAll(sysQuery(++q, SDK, "success", "2026-12-06 08:0" + i + ":00", t.orders, 1));
        }
        rows.addAll(sysQuery(++q, ALICE, "failed", "2026-12-06 09:30:00", t.orders, 1));
        rows.addAll(sysQuery(++q, BOB, "success", "2026-12-06 09:40:00", t.other, 1));
        // not settled at noon; its text may be cut off at 4,000 characters, so its columns are not told
        rows.addAll(sysQuery(
                ++q,
                BOB,
                "success",
                "2026-12-06 11:55:00",
                t.orders,
                1,
                "SELECT note FROM " + t.schema + ".orders WHERE note IN (" + "'x', ".repeat(800) + "'x')"));
        server.exec(rows.toArray(String[]::new));
        // the SDK's user is a superuser: no warning
        server.exec("UPDATE svv_user_info SET superuser = true WHERE user_id = " + SDK);

        try (Registry registry = registry()) {
            UsageBatch first = collect(t, Map.of(), NOW);
            assertThat(first.warnings()).isEmpty();
            assertThat(first.uncollected()).isEmpty();
            assertThat(first.observations()).hasSize(5).allSatisfy(o -> assertThat(((ReadEvent) o).source())
                    .isEqualTo("redshift"));
            assertThat(record(registry, t, first, NOW).reads()).isEqualTo(5);
            assertThat(record(registry, t, collect(t, Map.of(), NOW), NOW).reads())
                    .as("collecting twice counts nothing twice")
                    .isZero();
            Instant later = NOW.plusSeconds(1800);
            assertThat(record(registry, t, collect(t, Map.of(), later), later).reads())
                    .as("the query that had not settled at noon, once")
                    .isEqualTo(1);
            assertThat(registry.usage().days("dev", "shop", DAY, DAY))
                    .singleElement()
                    .satisfies(d -> {
                        assertThat(d.reads()).isEqualTo(6);
                        assertThat(d.readers()).containsExactly(Map.entry("alice", 3L), Map.entry("bob", 3L));
                        assertThat(d.lastRead()).isEqualTo(Instant.parse("2026-12-06T11:55:00Z"));
                        assertThat(d.attributedReads()).isEqualTo(5);
                        assertThat(d.columns().get("amount").readers()).containsExactly(Map.entry("alice", 3L));
                        assertThat(d.columns().get("id").readers()).containsExactly(Map.entry("alice", 3L));
                        assertThat(d.columns().get("note").readers()).containsExactly(Map.entry("bob", 2L));
                    });
        }

        // without superuser nor a sys:monitor role: a warning saying what to grant, and the reads still counted
        server.exec("UPDATE svv_user_info SET superuser = false WHERE user_id = " + SDK);
        UsageBatch restricted = collect(t, Map.of(), NOW);
        assertThat(restricted.observations()).hasSize(5);
        assertThat(restricted.warnings())
                .containsExactly(
                        "User postgres may see only its own queries in"
                                + " SYS_QUERY_DETAIL and SYS_QUERY_HISTORY of 127.0.0.1:" + server.bouncerPort
                                + "/postgres (it is no"
                                + " superuser and has none of the roles sys:monitor, sys:operator, sys:superuser), so other users'"
                                + " reads are not counted; GRANT ROLE sys:monitor TO postgres (or a role with ACCESS SYSTEM TABLE)");
        server.exec("INSERT INTO svv_user_grants VALUES (" + SDK + ", 'postgres', 5, 'sys:monitor', false)");
        assertThat(collect(t, Map.of(), NOW).warnings()).isEmpty();
        assertThat(collect(t, Map.of(RedshiftUsageCollector.EXCLUDE_KEY, "bob"), NOW)
                        .observations())
                .as("an excluded user's reads")
                .hasSize(3);
    }

    @Test
    void stlTablesOfAProvisionedClusterAreFoundWithoutTheSysViews() throws Exception {
        dropSystemTables();
        server.exec(
                "CREATE TABLE stl_query (userid integer, query integer, label char(320), xid bigint, pid integer,"
                        + " database char(32), querytxt char(4000), starttime timestamp, endtime timestamp,"
                        + " aborted integer, insert_pristine integer, concurrency_scaling_status integer)",
                "CREATE TABLE stl_scan (userid integer, query integer, slice integer, segment integer, step integer,"
                        + " starttime timestamp, endtime timestamp, tasknum integer, rows bigint, bytes bigint,"
                        + " fetches bigint, type integer, tbl integer, is_rrscan char(1), perm_table_name char(136))",
                "CREATE TABLE stl_querytext (userid integer, xid bigint, pid integer, query integer, sequence integer,"
                        + " text char(200))",
                "CREATE TABLE svl_user_info (usename varchar(128), usesysid integer, usecreatedb boolean,"
                        + " usesuper boolean, usecatupd boolean, useconnlimit varchar(10), syslogaccess text)",
                "INSERT INTO svl_user_info VALUES ('postgres', " + SDK + ", true, false, false, 'UNLIMITED',"
                        + " 'RESTRICTED'), ('alice', " + ALICE + ", false, false, false, 'UNLIMITED', 'RESTRICTED'),"
                        + " ('bob', " + BOB + ", false, false, false, 'UNLIMITED', 'RESTRICTED')");
        Tables t = tables();
        int q = 2000;
        List<String> rows = new ArrayList<>();
        // a text longer than one 200-character part of STL_QUERYTEXT, with a line break it writes as \\n
        String longText =
                "SELECT amount -- " + "a long comment naming note ".repeat(10) + "\nFROM " + t.schema + ".orders";
        for (int i = 0; i < 2; i++) {
            rows.addAll(stlQuery(++q, ALICE, 0, "2026-12-06 09:1" + i + ":00", t.orders, 2, 2, longText));
        }
        for (int i = 0; i < 4; i++) {
            rows.addAll(stlQuery(
                    ++q,
                    BOB,
                    0,
                    "2026-12-06 09:2" + i + ":00",
                    t.orders,
                    3,
                    2,
                    "SELECT * FROM " + t.schema + ".orders"));
        }
        rows.addAll(stlQuery(++q, SDK, 0, "2026-12-06 09:30:00", t.orders, 1, 2, "SELECT id FROM x"));
        rows.addAll(stlQuery(++q, ALICE, 1, "2026-12-06 09:31:00", t.orders, 1, 2, "SELECT id FROM x")); // aborted
        rows.addAll(stlQuery(++q, BOB, 0, "2026-12-06 09:32:00", t.orders, 1, 1, "SELECT id FROM x")); // temporary
        server.exec(rows.toArray(String[]::new));

        try (Registry registry = registry()) {
            UsageBatch first = collect(t, Map.of(), NOW);
            assertThat(first.warnings())
                    .containsExactly("User postgres may see only its own queries in STL_SCAN and"
                            + " STL_QUERY of 127.0.0.1:" + server.bouncerPort
                            + "/postgres (it is no superuser and its SYSLOG"
                            + " ACCESS is RESTRICTED), so other users' reads are not counted; ALTER USER postgres SYSLOG ACCESS"
                            + " UNRESTRICTED");
            assertThat(record(registry, t, first, NOW).reads()).isEqualTo(6);
            server.exec("UPDATE svl_user_info SET syslogaccess = 'UNRESTRICTED' WHERE usesysid = " + SDK);
            UsageBatch second = collect(t, Map.of(RedshiftUsageCollector.MODE_KEY, "stl"), NOW);
            assertThat(second.warnings()).isEmpty();
            assertThat(record(registry, t, second, NOW).reads())
                    .as("collecting twice counts nothing twice")
                    .isZero();
            assertThat(registry.usage().days("dev", "shop", DAY, DAY))
                    .singleElement()
                    .satisfies(d -> {
                        assertThat(d.reads()).isEqualTo(6);
                        assertThat(d.readers()).containsExactly(Map.entry("alice", 2L), Map.entry("bob", 4L));
                        assertThat(d.lastRead()).isEqualTo(Instant.parse("2026-12-06T09:23:00Z"));
                        assertThat(d.columnsKnown()).isTrue();
                        assertThat(d.columns().get("amount").readers())
                                .containsExactly(Map.entry("alice", 2L), Map.entry("bob", 4L));
                        assertThat(d.columns().get("note").readers())
                                .as("named in a comment only by alice")
                                .containsExactly(Map.entry("bob", 4L));
                    });
        }
        UsageBatch sys = collect(t, Map.of(RedshiftUsageCollector.MODE_KEY, "sys"), NOW);
        assertThat(sys.observations()).isEmpty();
        assertThat(sys.uncollected()).containsExactly(t.target.address());
        assertThat(sys.warnings())
                .singleElement()
                .asString()
                .startsWith("Cannot read SYS_QUERY_DETAIL and" + " SYS_QUERY_HISTORY of 127.0.0.1:" + server.bouncerPort
                        + "/postgres as user postgres: [42P01] ")
                .endsWith("; check mesh.usage.redshift.systemTables (sys for Serverless and RA3, stl for"
                        + " provisioned clusters)");
    }

    private record Tables(String schema, long orders, long other, UsageTarget target) {}

    /** The port's table and another one, created for real so that they have table ids. */
    private Tables tables() throws Exception {
        String schema = RedshiftWireServer.freshName("use");
        server.exec(
                "CREATE SCHEMA " + schema,
                "CREATE TABLE " + schema + ".orders (id integer, amount integer," + " note varchar(20))",
                "CREATE TABLE " + schema + ".other (id integer)");
        Server s = server.server(schema);
        UsageTarget target = new UsageTarget(
                "shop",
                "orders",
                1,
                "orders",
                "redshift://127.0.0.1:" + server.bouncerPort + "/postgres/" + schema + ".orders",
                Fixtures.binding(Fixtures.ordersContract(), s));
        return new Tables(schema, oid(schema + ".orders"), oid(schema + ".other"), target);
    }

    private long oid(String table) throws Exception {
        try (Connection c = server.admin();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT '" + table + "'::regclass::oid")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A query in SYS_QUERY_HISTORY and its scan steps (and a non-scan step) in SYS_QUERY_DETAIL. */
    private static List<String> sysQuery(long id, int user, String status, String ended, long table, int scans) {
        return sysQuery(id, user, status, ended, table, scans, "SELECT id FROM x");
    }

    private static List<String> sysQuery(
            long id, int user, String status, String ended, long table, int scans, String text) {
        List<String> out = new ArrayList<>();
        // as SYS_QUERY_HISTORY keeps it: the first 4,000 characters
        String kept = text.substring(0, Math.min(text.length(), 4000)).replace("'", "''");
        out.add("INSERT INTO sys_query_history VALUES (" + user + ", " + id + ", '', 1, 1, 'postgres', 'SELECT', '"
                + status + "', false, timestamp '" + ended + "' - interval '1 second', '" + ended + "', 1000000,"
                + " '" + kept + "')");
        for (int i = 0; i < scans; i++) {
            out.add("INSERT INTO sys_query_detail VALUES (" + user + ", " + id + ", 1, 0, " + i + ", 0, 'scan', "
                    + table + ", 'orders', '" + ended + "', '" + ended + "', 10, 5, 5)");
        }
        out.add("INSERT INTO sys_query_detail VALUES (" + user + ", " + id + ", 1, 0, 9, 1, 'aggregate', 0, '', '"
                + ended + "', '" + ended + "', 10, 5, 1)");
        return out;
    }

    /** A query in STL_QUERY and its scans (one per slice) in STL_SCAN. */
    private static List<String> stlQuery(
            int id, int user, int aborted, String ended, long table, int slices, int type, String text) {
        List<String> out = new ArrayList<>();
        // as STL_QUERYTEXT keeps it: parts of 200 characters, a line break written as \\n
        String written = text.replace("\n", "\\n");
        for (int i = 0; i * 200 < written.length(); i++) {
            out.add("INSERT INTO stl_querytext VALUES (" + user + ", 1, 1, " + id + ", " + i + ", '"
                    + written.substring(i * 200, Math.min(written.length(), i * 200 + 200))
                            .replace("'", "''") + "')");
        }
        out.add("INSERT INTO stl_query VALUES (" + user + ", " + id + ", 'default', 1, 1, 'postgres', 'SELECT ...',"
                + " timestamp '" + ended + "' - interval '1 second', '" + ended + "', " + aborted + ", 0, 19)");
        for (int i = 0; i < slices; i++) {
            out.add("INSERT INTO stl_scan VALUES (" + user + ", " + id + ", " + i + ", 0, 0, '" + ended + "', '" + ended
                    + "', 1, 5, 50, 5, " + type + ", " + table + ", 'f', 'orders')");
        }
        return out;
    }

    private void dropSystemTables() {
        server.exec("DROP TABLE IF EXISTS sys_query_history, sys_query_detail, svv_user_info, svv_user_grants,"
                + " stl_query, stl_scan, stl_querytext, svl_user_info");
    }

    private UsageBatch collect(Tables t, Map<String, String> settings, Instant at) {
        AdapterContext base = server.context();
        Map<String, String> config = new HashMap<>(base.config());
        config.putAll(settings);
        AdapterContext context = new AdapterContext(
                "dev", base.baseDirectory(), config, base.secrets(), null, Clock.fixed(at, ZoneOffset.UTC));
        try (RedshiftUsageCollector collector = new RedshiftUsageCollector(context)) {
            return collector.collect(List.of(t.target));
        }
    }

    private Registry registry() {
        return new JdbcRegistry(
                RedshiftStorageAdapterFactory.connections(server.context()),
                server.server("unused"),
                RedshiftWireServer.freshName("reg"));
    }

    private static UsageRollup.Result record(Registry registry, Tables t, UsageBatch batch, Instant at) {
        return registry.usage()
                .record(new UsageUpdate(
                        "dev",
                        "shop",
                        at,
                        Map.of(t.target.address(), "orders"),
                        Set.of("orders"),
                        Set.of(RedshiftUsageCollector.SOURCE),
                        batch.observations()));
    }
}
