package dev.meshsdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.DeployLock;
import dev.meshsdk.spi.registry.DeploymentRecord;
import dev.meshsdk.spi.registry.DeploymentRecord.Outcome;
import dev.meshsdk.spi.registry.Registry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Registry} must have: current and history, the catalog, and the deploy lock.
 * Extend it in the registry's tests and implement {@link #freshRegistry()}.
 */
public abstract class RegistryContract {

    /** The registry under test, created before each test and closed after it. */
    protected Registry registry;

    /**
     * A registry over an empty store that no other test uses (a new folder, a new schema). Called once
     * before each test; the suite closes it after the test.
     */
    protected abstract Registry freshRegistry();

    @BeforeEach
    void openRegistry() {
        registry = freshRegistry();
    }

    @AfterEach
    void closeRegistry() {
        if (registry != null) registry.close();
    }

    /** A deployment record of {@code productId} at {@code second} seconds past a fixed instant. */
    protected static DeploymentRecord record(String productId, String env, String version, Outcome outcome,
                                             int second) {
        return new DeploymentRecord(productId, version, env, "sha256-" + productId + "-" + version,
                Instant.parse("2025-03-01T10:00:00Z").plusSeconds(second), "ci", outcome,
                List.of("+ create " + productId), outcome == Outcome.FAILED ? "store failed" : null);
    }

    /** A catalog entry of {@code productId} in {@code env} with one output port. */
    protected static CatalogEntry entry(String productId, String env, String version) {
        return new CatalogEntry(productId, productId + " name", version, "active", "sales", "orders-team",
                "The " + productId + " product", env,
                List.of(new CatalogEntry.Port("orders", "1.0.0", "orders-contract", "1.0.0", "local",
                        "/data/" + productId)),
                List.of("customers-contract"), Instant.parse("2025-03-01T10:00:00Z"));
    }

    @Test
    void isEmptyAtFirst() {
        assertThat(registry.current("orders", "dev")).isEmpty();
        assertThat(registry.history("orders", "dev")).isEmpty();
        assertThat(registry.catalog("dev")).isEmpty();
    }

    @Test
    void succeededRecordBecomesCurrent() {
        DeploymentRecord r = record("orders", "dev", "1.0.0", Outcome.SUCCEEDED, 0);
        CatalogEntry e = entry("orders", "dev", "1.0.0");

        registry.record(r, e);

        assertThat(registry.current("orders", "dev")).contains(r);
        assertThat(registry.current("orders", "prod")).as("another environment").isEmpty();
        assertThat(registry.catalog("dev")).containsExactly(e);
    }

    @Test
    void historyKeepsOrder() {
        DeploymentRecord r1 = record("orders", "dev", "1.0.0", Outcome.SUCCEEDED, 0);
        DeploymentRecord r2 = record("orders", "dev", "1.1.0", Outcome.FAILED, 10);
        DeploymentRecord r3 = record("orders", "dev", "1.1.0", Outcome.SUCCEEDED, 20);

        registry.record(r1, entry("orders", "dev", "1.0.0"));
        registry.record(r2, entry("orders", "dev", "1.1.0"));
        registry.record(r3, entry("orders", "dev", "1.1.0"));

        assertThat(registry.history("orders", "dev")).containsExactly(r1, r2, r3);
        assertThat(registry.current("orders", "dev")).contains(r3);
    }

    @Test
    void failedRecordDoesNotBecomeCurrent() {
        DeploymentRecord ok = record("orders", "dev", "1.0.0", Outcome.SUCCEEDED, 0);
        DeploymentRecord failed = record("orders", "dev", "2.0.0", Outcome.FAILED, 10);
        CatalogEntry okEntry = entry("orders", "dev", "1.0.0");

        registry.record(ok, okEntry);
        registry.record(failed, entry("orders", "dev", "2.0.0"));

        assertThat(registry.current("orders", "dev")).contains(ok);
        assertThat(registry.catalog("dev")).containsExactly(okEntry);
        assertThat(registry.history("orders", "dev")).containsExactly(ok, failed);
    }

    @Test
    void firstFailedRecordLeavesNoCurrent() {
        DeploymentRecord failed = record("orders", "dev", "1.0.0", Outcome.FAILED, 0);

        registry.record(failed, entry("orders", "dev", "1.0.0"));

        assertThat(registry.current("orders", "dev")).isEmpty();
        assertThat(registry.catalog("dev")).isEmpty();
        assertThat(registry.history("orders", "dev")).containsExactly(failed);
    }

    @Test
    void catalogListsEntriesOfOneEnvironmentSortedById() {
        for (String id : List.of("zeta", "alpha", "mid")) {
            registry.record(record(id, "dev", "1.0.0", Outcome.SUCCEEDED, 0), entry(id, "dev", "1.0.0"));
        }
        registry.record(record("beta", "prod", "1.0.0", Outcome.SUCCEEDED, 0), entry("beta", "prod", "1.0.0"));

        assertThat(registry.catalog("dev")).extracting(CatalogEntry::productId).containsExactly("alpha", "mid", "zeta");
        assertThat(registry.catalog("prod")).extracting(CatalogEntry::productId).containsExactly("beta");
        assertThat(registry.catalog("test")).isEmpty();
    }

    @Test
    void catalogEntryIsReplacedByALaterSuccess() {
        registry.record(record("orders", "dev", "1.0.0", Outcome.SUCCEEDED, 0), entry("orders", "dev", "1.0.0"));
        CatalogEntry later = entry("orders", "dev", "1.1.0");

        registry.record(record("orders", "dev", "1.1.0", Outcome.SUCCEEDED, 10), later);

        assertThat(registry.catalog("dev")).containsExactly(later);
    }

    @Test
    void lockIsExclusivePerProductAndEnvironment() {
        try (DeployLock held = registry.lock("orders", "dev", "alice@build-1")) {
            MeshException e = catchThrowableOfType(MeshException.class,
                    () -> registry.lock("orders", "dev", "bob@build-2"));

            assertThat(e).as("second lock of orders in dev").isNotNull();
            assertThat(e.code()).isEqualTo(ErrorCode.LOCK_HELD);
            assertThat(e.getMessage()).contains("alice@build-1");
            try (DeployLock other = registry.lock("customers", "dev", "bob@build-2");
                 DeployLock otherEnv = registry.lock("orders", "prod", "bob@build-2")) {
                assertThat(other).isNotNull();
                assertThat(otherEnv).isNotNull();
            }
        }
    }

    @Test
    void lockIsReleasedOnClose() {
        registry.lock("orders", "dev", "alice").close();

        try (DeployLock again = registry.lock("orders", "dev", "bob")) {
            assertThat(again).isNotNull();
        }
    }
}
