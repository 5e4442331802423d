package dev.meshsdk.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.Server;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.Secrets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Credentials as {@link ServerConnections} takes them, before any connection is tried. */
class ServerConnectionsTest {
    private static final Server WAREHOUSE = new Server(
            "team-warehouse",
            "postgres",
            "dev",
            null,
            Map.of("host", "db.invalid", "port", 5432, "database", "sales"),
            List.of(),
            Map.of());
    private static final Secrets PASSWORD_ONLY = id -> id.equals("team-warehouse")
            ? Optional.of(new Secrets.Credential(null, "pa55-word-value"))
            : Optional.empty();

    @Test
    void aPasswordWithoutAUserNameNamesTheMissingSetting() {
        ServerConnections connections = new ServerConnections(
                new AdapterContext("dev", Path.of("."), Map.of(), PASSWORD_ONLY, null, null),
                "mesh.postgres",
                "jdbc:postgresql:",
                5432);

        assertThatThrownBy(() -> connections.open(WAREHOUSE))
                .isInstanceOf(MeshException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((MeshException) e).code())
                        .isEqualTo(ErrorCode.INVALID_CONFIGURATION))
                .hasMessage("Cannot connect to server 'team-warehouse' (db.invalid:5432/sales): the credential"
                        + " 'team-warehouse' has a password but no user name; add <username> to the settings.xml server"
                        + " 'team-warehouse', set MESH_TEAM_WAREHOUSE_USERNAME, or set mesh.postgres.user")
                .message()
                .doesNotContain("pa55-word-value");
    }
}
