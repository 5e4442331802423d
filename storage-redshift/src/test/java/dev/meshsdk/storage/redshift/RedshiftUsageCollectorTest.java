package dev.meshsdk.storage.redshift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshsdk.MeshException;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The SQL the Redshift usage collector sends, for the SYS views and for the STL tables, and its mode setting. */
class RedshiftUsageCollectorTest {
    private static final Instant FROM = Instant.parse("2026-11-29T12:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-06T11:50:00.000123Z");

    @Test
    void sysViewsAreReadPerQueryAndTableInTheWindow() {
        assertThat(RedshiftUsageCollector.sysReads(Set.of(300L, 20L), FROM, TO))
                .isEqualTo("SELECT DISTINCT h.query_id, d.table_id, TRIM(u.user_name) AS reader,"
                        + " TO_CHAR(h.end_time, 'YYYY-MM-DD HH24:MI:SS.US') AS ended, h.query_text"
                        + " FROM sys_query_detail d JOIN sys_query_history h ON h.query_id = d.query_id"
                        + " LEFT JOIN svv_user_info u ON u.user_id = h.user_id"
                        + " WHERE TRIM(d.step_name) = 'scan' AND d.table_id IN (20, 300) AND TRIM(h.status) = 'success'"
                        + " AND h.end_time > '2026-11-29 12:00:00.000000' AND h.end_time <= '2026-12-06 11:50:00.000123'"
                        + " ORDER BY ended, h.query_id, d.table_id");
    }

    @Test
    void aSysQueryTextThatMayBeCutOffTellsNoColumns() {
        assertThat(RedshiftUsageCollector.sysText("SELECT id FROM s.orders" + " ".repeat(3976)))
                .isEqualTo("SELECT id FROM s.orders");
        String cut = "SELECT id FROM s.orders WHERE note IN (" + "'x', ".repeat(800);
        assertThat(cut).hasSizeGreaterThan(4000);
        assertThat(RedshiftUsageCollector.sysText(cut.substring(0, 4000))).isNull();
        assertThat(RedshiftUsageCollector.sysText(null)).isNull();
    }

    @Test
    void stlTablesAreReadForPermanentTableScansOfQueriesNotAborted() {
        assertThat(RedshiftUsageCollector.stlReads(Set.of(7L), FROM, TO))
                .isEqualTo("SELECT DISTINCT q.query, s.tbl, TRIM(u.usename) AS reader,"
                        + " TO_CHAR(q.endtime, 'YYYY-MM-DD HH24:MI:SS.US') AS ended"
                        + " FROM stl_scan s JOIN stl_query q ON q.query = s.query"
                        + " LEFT JOIN svl_user_info u ON u.usesysid = q.userid"
                        + " WHERE s.type = 2 AND s.tbl IN (7) AND q.aborted = 0"
                        + " AND q.endtime > '2026-11-29 12:00:00.000000' AND q.endtime <= '2026-12-06 11:50:00.000123'"
                        + " ORDER BY ended, q.query, s.tbl");
    }

    @Test
    void theGrantNamesTheRightForEachPath() {
        assertThat(RedshiftUsageCollector.grant(RedshiftUsageCollector.Mode.SYS, "mesh"))
                .isEqualTo("GRANT ROLE sys:monitor TO mesh (or a role with ACCESS SYSTEM TABLE)");
        assertThat(RedshiftUsageCollector.grant(RedshiftUsageCollector.Mode.STL, "mesh"))
                .isEqualTo("ALTER USER mesh SYSLOG ACCESS UNRESTRICTED");
    }

    @Test
    void aModeSettingIsCheckedAndAWrongOneSaysWhatToSet() {
        assertThat(RedshiftUsageCollector.mode(" STL ")).isEqualTo(RedshiftUsageCollector.Mode.STL);
        assertThatThrownBy(() -> RedshiftUsageCollector.mode("svl"))
                .isInstanceOf(MeshException.class)
                .hasMessage("Cannot collect Redshift usage: mesh.usage.redshift.systemTables is 'svl'; set it to auto,"
                        + " sys (SYS_QUERY_DETAIL, Serverless and RA3) or stl (STL_SCAN, provisioned clusters)");
    }
}
