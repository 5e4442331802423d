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
        return new PostgresRegistryFactory()
                .create(pg.context(Map.of(
                        "mesh.registry.postgres.host",
                        pg.host,
                        "mesh.registry.postgres.port",
                        String.valueOf(pg.port),
                        "mesh.registry.postgres.database",
                        pg.database,
                        "mesh.registry.postgres.credentialsId",
                        TestPostgres.CREDENTIALS_ID,
                        "mesh.registry.postgres.schema",
                        schema)));
    }

    @Test
    void aSecondDeployFailsFastNamingTheHolder() {
        try (Registry a = registry();
                Registry b = registry()) {
            try (DeployLock held = a.locks().lock("orders", "prod", "alice@ci-41")) {
                MeshException e = catchThrowableOfType(
                        MeshException.class, () -> b.locks().lock("orders", "prod", "bob@ci-42"));

                assertThat(e.code()).isEqualTo(ErrorCode.LOCK_HELD);
                assertThat(e.getMessage())
                        .startsWith("Cannot take the deploy lock of product 'orders' in environment"
                                + " 'prod': it is held by 'alice@ci-41' since ")
                        .contains("wait for that deploy to finish");
            }
            b.locks().lock("orders", "prod", "bob@ci-42").close();
        }
    }

    /**
     * The lock goes with its holder's database connection: while alice's connection lives, bob is refused naming
     * her; once it is killed (exactly her backend), bob takes the lock and holds it for real (a third deploy is
     * refused naming bob, not alice's stale row), and alice's late close does not release bob's lock.
     */
    @Test
    void aLockWhoseConnectionDiesIsReleased() throws Exception {
        try (Registry a = registry();
                Registry b = registry();
                Registry c = registry()) {
            DeployLock held = a.locks().lock("orders", "prod", "alice@ci-41");
            assertThat(refusal(b)).as("bob while alice's connection lives").contains("held by 'alice@ci-41'");

            try (java.sql.Connection admin = pg.admin();
                    java.sql.Statement s = admin.createStatement();
                    java.sql.ResultSet rs = s.executeQuery("SELECT pg_terminate_backend(backend_pid) FROM " + schema
                            + ".locks WHERE product_id = 'orders' AND environment = 'prod'")) {
                assertThat(rs.next()).as("alice's recorded backend").isTrue();
                assertThat(rs.getBoolean(1)).as("alice's backend terminated").isTrue();
                assertThat(rs.next()).as("one backend only").isFalse();
            }
            DeployLock taken = takeWithin10s(b);

            assertThat(refusal(c)).as("a third deploy while bob holds the lock").contains("held by 'bob@ci-42'");
            held.close();
            assertThat(refusal(c)).as("after alice's late close").contains("held by 'bob@ci-42'");
            taken.close();
            c.locks().lock("orders", "prod", "carol@ci-43").close();
        }
    }

    /** The message of a refused lock; fails when the lock is taken. */
    private static String refusal(Registry r) {
        MeshException e = catchThrowableOfType(
                MeshException.class,
                () -> r.locks().lock("orders", "prod", "someone").close());
        assertThat(e).as("the lock refused").isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.LOCK_HELD);
        return e.getMessage();
    }

    /** Bob's lock, retried while the terminated backend is still going away (it is asynchronous). */
    private static DeployLock takeWithin10s(Registry b) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            try {
                return b.locks().lock("orders", "prod", "bob@ci-42");
            } catch (MeshException e) {
                if (e.code() != ErrorCode.LOCK_HELD || System.currentTimeMillis() > deadline) throw e;
                Thread.sleep(50);
            }
        }
    }
}
