package dev.meshsdk.storage.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.model.DataContract;
import dev.meshsdk.model.Server;
import dev.meshsdk.spi.storage.PortProblems;
import dev.meshsdk.testkit.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the local adapter refuses in a contract, told without touching the store, each at its place. */
class LocalPortCheckTest {
    private static List<PortProblems.Problem> problems(Map<String, Object> settings, String retention) {
        Server dev = Fixtures.server("other", "local", Map.of("path", "data/other"));
        Server server = Fixtures.server("dev", "local", settings);
        DataContract c = Fixtures.contract(
                "orders-contract",
                "1.0.0",
                List.of(dev, server),
                Fixtures.ordersContract().schema());
        if (retention != null) c = Fixtures.withSla(c, "retention", retention, "d");
        return TableSpecs.problems(Fixtures.binding(c, server));
    }

    @Test
    void aFormatOtherThanDeltaAMissingPathAndAnUnreadableRetentionAreEachLocated() {
        List<PortProblems.Problem> problems = problems(Map.of("format", "parquet"), "soon");
        assertThat(problems)
                .extracting(PortProblems.Problem::pointer)
                .containsExactly("/servers/1/format", "/servers/1", "/slaProperties/0/value");
        assertThat(problems.get(0).message())
                .isEqualTo("Cannot deploy output port 'orders': server 'dev' has format"
                        + " 'parquet', but the local adapter writes Delta tables only");
        assertThat(problems.get(0).hint()).isEqualTo("write 'format: delta' or leave 'format' out");
        assertThat(problems.get(2).message()).startsWith("Cannot read the retention SLA of contract 'orders-contract'");
    }

    @Test
    void aDeltaPortWithAPathHasNoProblems() {
        assertThat(problems(Map.of("path", "data/orders", "format", "Delta"), "30"))
                .isEmpty();
        assertThat(problems(Map.of("path", "data/orders"), null)).isEmpty();
    }
}
