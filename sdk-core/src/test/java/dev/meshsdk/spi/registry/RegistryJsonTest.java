package dev.meshsdk.spi.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryJsonTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anEntryRoundTripsOnOneLine() throws IOException {
        CatalogEntry entry = new CatalogEntry(
                "orders",
                "dev",
                "Orders",
                "1.0.0",
                "active",
                "sales",
                null,
                List.of("gold"),
                new CatalogEntry.Owner("orders-team", null, List.of()),
                "All orders\nline two",
                List.of(new CatalogEntry.Port(
                        "orders",
                        null,
                        "1.0.0",
                        "orders-contract",
                        "2.0.0",
                        2,
                        "active",
                        null,
                        "s",
                        "local",
                        "file:///data/orders",
                        null,
                        null,
                        null,
                        null,
                        null)),
                List.of(),
                List.of(new CatalogEntry.Descriptor("product.yaml", "DataProduct", "id: orders\n")),
                Instant.parse("2025-03-01T10:00:00.123456789Z"));

        String line = RegistryJson.write(entry);

        assertThat(line).doesNotContain("\n");
        assertThat(RegistryJson.readEntry(utf8(line))).isEqualTo(entry);
        assertThat(RegistryJson.readEntry(RegistryJson.writeIndented(entry))).isEqualTo(entry);
    }

    @Test
    void anEntryWrittenBeforeOwnersAndMajorVersionsGetsThemFromTeamAndContractVersion() throws IOException {
        CatalogEntry read = RegistryJson.readEntry(utf8("""
                {"productId":"orders","environment":"dev","team":"orders-team","consumes":["c"],
                 "outputPorts":[{"name":"orders","contractId":"orders-contract","contractVersion":"v3.1.0"},
                                {"name":"old","majorVersion":1,"contractVersion":"2.0.0"}]}
                """));

        assertThat(read.owner().team()).isEqualTo("orders-team");
        assertThat(read.outputPorts())
                .extracting(CatalogEntry.Port::majorVersion)
                .containsExactly(3, 1);
    }

    @Test
    void anEntryOfTheCurrentLayoutMissingOneMajorVersionStillGetsItFromTheContractVersion() throws IOException {
        CatalogEntry entry = new CatalogEntry(
                "orders",
                "dev",
                "Orders",
                "1.0.0",
                "active",
                "sales",
                null,
                List.of(),
                new CatalogEntry.Owner("orders-team", null, List.of()),
                null,
                List.of(new CatalogEntry.Port(
                        "orders",
                        null,
                        "1.0.0",
                        "orders-contract",
                        "4.2.0",
                        4,
                        "active",
                        null,
                        "s",
                        "local",
                        "file:///data/orders",
                        null,
                        null,
                        null,
                        null,
                        null)),
                List.of(),
                List.of(),
                null);
        String line = RegistryJson.write(entry);

        CatalogEntry read = RegistryJson.readEntry(utf8(line.replace("\"majorVersion\":4,", "")));

        assertThat(line).contains("\"majorVersion\":4,");
        assertThat(read).isEqualTo(entry);
    }

    @Test
    void textThatIsNoEntryFailsSayingWhy() {
        assertThatThrownBy(() -> RegistryJson.readEntry(utf8("[1]")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("the text holds a JSON array, not a catalog entry object");
        assertThatThrownBy(() -> RegistryJson.readEntry(utf8("")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("the text holds nothing");
        assertThatThrownBy(() -> RegistryJson.readEntry(utf8("{\"name\":\"x\"}")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("productId");
        assertThatThrownBy(() -> RegistryJson.read(utf8("{\"productId\":"), DeploymentRecord.class))
                .isInstanceOf(IOException.class);
    }
}
