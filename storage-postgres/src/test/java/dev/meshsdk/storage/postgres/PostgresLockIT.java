package dev.meshsdk.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.registry.DeployLock;
import dev.meshsdk.spi.registry.Registry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The deploy lock across two registry instances (two processes in real life) on one database. */
class PostgresLockIT {
    private final TestPostgres pg = TestPostgres.get();
    private final String schema = TestPostgres.freshName("lock");

    private Registry registry() {
        return new PostgresRegistryFactory().create(pg.context(Map.of(
                "mesh.registry.postgres.host", pg.host, "mesh.registry.postgres.port", String.valueOf(pg.port),
                "mesh.registry.postgres.database", pg.database, "mesh.registry.postgres.credentialsId", TestPostgres.CREDENTIALS_ID,
                "mesh.registry.postgres.schema", schema)));
    }

    @Test
    void aSecondDeployFailsFastNamingTheHolder() {
        try (Registry a = registry(); Registry b = registry()) {
            try (DeployLock held = a.locks().lock("orders", "prod", "alice@ci-41")) {
                MeshException e = catchThrowableOfType(MeshException.class, () -> b.locks().lock("orders", "prod", "bob@ci-42"));

                assertThat(e.code()).isEqualTo(ErrorCode.LOCK_HELD);
                assertThat(e.getMessage()).startsWith("Cannot take the deploy lock of product 'orders' in environment"
                        + " 'prod': it is held by 'alice@ci-41' since ").contains("wait for that deploy to finish");
            }
            b.locks().lock("orders", "prod", "bob@ci-42").close();
        }
    }

    @Test
    void aLockWhoseConnectionDiesIsReleased() {
        try (Registry a = registry(); Registry b = registry()) {
            DeployLock held = a.locks().lock("orders", "prod", "alice@ci-41");
            pg.exec("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'"
                    + " AND classid = " + 0x4D455348 + " AND pid <> pg_backend_pid()");

            long deadline = System.currentTimeMillis() + 10_000;
            DeployLock taken = null;
            while (taken == null) {
                try {
                    taken = b.locks().lock("orders", "prod", "bob@ci-42");
                } catch (MeshException e) {
                    if (System.currentTimeMillis() > deadline) throw e;
                }
            }
            taken.close();
            held.close();
        }
    }
}
