package dev.meshsdk.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.UsageReport;
import dev.meshsdk.UsageReport.ConsumerReads;
import dev.meshsdk.UsageReport.ConsumerStatus;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code mesh:usage}'s text: who reads each port as a consumer product, and the new ports apart from the unused. */
class UsageTableTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

    @Test
    void aConsumerThatReadsIsPrintedWithThePrincipalsItReadsAs() {
        UsageReport report = new UsageReport(
                "dev",
                TODAY,
                30,
                List.of(),
                List.of(),
                List.of(),
                List.of(new ConsumerReads(
                        "orders",
                        "orders",
                        "churn",
                        "orders",
                        List.of("churn_job"),
                        ConsumerStatus.READING,
                        TODAY.minusDays(1),
                        3,
                        null)),
                List.of());
        assertThat(UsageTable.consumers(report))
                .containsExactly("orders/orders: read by consumer product 'churn' (input port orders, as churn_job;"
                        + " last read 2026-12-06)");
    }

    @Test
    void aNewPortIsToldAsNewSinceItsDeployment() {
        UsageReport.PortUsage fresh = new UsageReport.PortUsage(
                "archive", "old_orders", null, List.of(), 0, 0, 0, 0, List.of(), null, 1, null, TODAY);
        UsageReport report = new UsageReport("dev", TODAY, 30, List.of(fresh), List.of(), List.of());
        assertThat(UsageTable.newPorts(report))
                .containsExactly("archive/old_orders: new since 2026-12-07, not read yet");
    }
}
