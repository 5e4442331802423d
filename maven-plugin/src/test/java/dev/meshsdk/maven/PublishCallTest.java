package dev.meshsdk.maven;

import static dev.meshsdk.maven.CatalogPorts.port;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.spi.registry.CatalogEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublishCallTest {
    @Test
    void theSummaryNamesTheStoresKindOfVersion() {
        assertThat(PublishCall.versionWord(List.of(port(1, "local")), 1)).isEqualTo("Delta version");
        assertThat(PublishCall.versionWord(List.of(port(1, "s3")), 1)).isEqualTo("Delta version");
        // a PostgreSQL publish committed a transaction, not a Delta version (a new user's trial read "Delta version
        // 729")
        assertThat(PublishCall.versionWord(List.of(port(1, "postgres")), 1)).isEqualTo("transaction");
        assertThat(PublishCall.versionWord(List.of(port(1, "redshift")), 1)).isEqualTo("transaction");
    }

    @Test
    void theWordIsTheStoreOfTheMajorVersionPublishedTo() {
        List<CatalogEntry.Port> ports = List.of(port(2, "postgres"), port(1, "local"));

        assertThat(PublishCall.versionWord(ports, 2)).isEqualTo("transaction");
        assertThat(PublishCall.versionWord(ports, 1)).isEqualTo("Delta version");
        assertThat(PublishCall.versionWord(ports, 3)).as("not in the catalog").isEqualTo("version");
        assertThat(PublishCall.versionWord(List.of(port(1, null)), 1))
                .as("no server type listed")
                .isEqualTo("version");
    }
}
