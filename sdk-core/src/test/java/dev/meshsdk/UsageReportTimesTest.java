package dev.meshsdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Last reads in the report's files: ISO-8601 UTC to the millisecond at most; in the text report, to the second. */
class UsageReportTimesTest {
    private static final Instant NANOS = Instant.parse("2026-12-07T03:55:11.056510057Z");

    @TempDir
    Path dir;

    @Test
    void filesWriteLastReadsToTheMillisecondAndPeopleReadThemToTheSecond() throws IOException {
        UsageReport report = new UsageReport(
                "dev",
                LocalDate.of(2026, 12, 7),
                30,
                List.of(new UsageReport.PortUsage(
                        "shop", "orders", "sales", List.of(), 1, 1, 1, 1, List.of(), NANOS, 1, 10L)),
                List.of(new UsageReport.Unused("shop", "orders", "sales", List.of(), 10L, NANOS, 1, true)),
                List.of());
        report.write(dir);

        assertThat(Files.readAllLines(dir.resolve("usage.csv")).get(1)).contains(",2026-12-07T03:55:11.056Z,");
        assertThat(Files.readAllLines(dir.resolve("unused.csv")).get(1)).contains(",2026-12-07T03:55:11.056Z,");
        assertThat(Files.readString(dir.resolve("usage.json")))
                .contains("\"lastRead\" : \"2026-12-07T03:55:11.056Z\"")
                .doesNotContain("056510057");
        assertThat(UsageReport.displayTime(NANOS)).isEqualTo("2026-12-07T03:55:11Z");
        assertThat(UsageReport.displayTime(null)).isEqualTo("never");
        assertThat(UsageReport.timestamp(Instant.parse("2026-12-06T14:40:12Z"))).isEqualTo("2026-12-06T14:40:12Z");
    }
}
