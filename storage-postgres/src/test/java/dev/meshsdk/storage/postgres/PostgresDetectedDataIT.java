package dev.meshsdk.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.meshsdk.CheckReport;
import dev.meshsdk.CheckRequest;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.Mesh;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.data.PublishRequest.Mode;
import dev.meshsdk.testkit.DetectedPolicyDouble;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policies on the data of a real PostgreSQL port: a publish's candidate rows are sampled inside the publishing
 * transaction ({@code TABLESAMPLE} of the target for REPLACE, a random share of the transaction's rows for APPEND)
 * and a denial rolls everything back; a check samples the table and reports the denial. Product {@code shop}
 * ({@link ShopMesh}), whose {@code name} column is not classified. The policy engine is
 * {@link DetectedPolicyDouble}, the default pack's {@code detected} rule's stand-in (this module tests without the
 * pack). Samples of 10 rows ({@code mesh.classify.sampleRows}), so that 200 rows are sampled, not read whole.
 */
class PostgresDetectedDataIT {
    static final Map<String, String> SMALL_SAMPLES = Map.of("mesh.classify.sampleRows", "10");

    @TempDir
    Path dir;

    ShopMesh shop;
    final DetectedPolicyDouble policies = new DetectedPolicyDouble();

    @BeforeEach
    void deploy() {
        shop = new ShopMesh(dir).deploy();
    }

    @Test
    void aPublishWhoseUnclassifiedColumnHoldsEmailsIsRolledBackInEitherMode() {
        StringBuilder csv = new StringBuilder("id,name,amount\n");
        for (int i = 2; i < 202; i++)
            csv.append(i)
                    .append(",user")
                    .append(i)
                    .append("@example.org,")
                    .append(i)
                    .append('\n');
        Path emails = shop.file("emails.csv", csv.toString());
        try (Mesh mesh = shop.mesh(policies, SMALL_SAMPLES)) {
            mesh.publish("shop", "orders", shop.file("first.csv", "id,name,amount\n1,Ann,1\n"), Mode.REPLACE);
            for (Mode mode : Mode.values()) {
                MeshException e =
                        catchThrowableOfType(MeshException.class, () -> mesh.publish("shop", "orders", emails, mode));
                assertThat(e.code()).as(mode.name()).isEqualTo(ErrorCode.POLICY_DENIED);
                assertThat(e.getMessage())
                        .as(mode.name())
                        .matches(java.util.regex.Pattern.quote("Cannot publish "
                                        + emails
                                        + " to port 'orders' of product 'shop': 1 policy denial(s) of its rows: column"
                                        + " 'orders.name' of output port 'orders' looks like email in 100% of ")
                                + "([3-9]|10)"
                                + java.util.regex.Pattern.quote(" sampled values (policy rule 'double.detected.deny');"
                                        + " nothing was published, the port is as it was"));
                assertThat(e.getMessage()).doesNotContain("@");
            }
            assertThat(shop.rows()).as("rolled back").isEqualTo("1:Ann:1.00");
            assertThat(mesh.catalog().quality("shop", "orders", 10))
                    .as("only the first publish")
                    .hasSize(1);
        }
        assertThat(policies.inputs())
                .filteredOn(in -> "publish".equals(in.get("event")))
                .extracting(in -> ((List<?>) in.get("detected")).size())
                .containsExactly(0, 1, 1);
    }

    @Test
    void aCleanPublishIsSampledAndCommittedInEitherMode() {
        StringBuilder csv = new StringBuilder("id,name,amount\n");
        for (int i = 1; i < 201; i++)
            csv.append(i).append(",n").append(i).append(',').append(i).append('\n');
        try (Mesh mesh = shop.mesh(policies, SMALL_SAMPLES)) {
            mesh.publish("shop", "orders", shop.file("a.csv", csv.toString()), Mode.REPLACE);
            mesh.publish("shop", "orders", shop.file("b.csv", "id,name,amount\n500,Zed,5\n"), Mode.APPEND);
        }
        assertThat(shop.query("SELECT count(*) FROM " + shop.schema + ".orders"))
                .isEqualTo("201");
        assertThat(policies.inputs()).extracting(in -> in.get("event")).containsExactly("publish", "publish");
    }

    @Test
    void aCheckOfATableHoldingEmailsInAnUnclassifiedColumnFailsNamingThePolicy() {
        shop.query("WITH i AS (INSERT INTO " + shop.schema + ".orders SELECT g, 'user' || g || '@example.org', g"
                + " FROM generate_series(1, 500) g RETURNING 1) SELECT count(*)::text FROM i");

        CheckReport report;
        try (Mesh mesh = shop.mesh(policies, SMALL_SAMPLES)) {
            report = mesh.check(CheckRequest.of("shop"));
        }

        assertThat(report.passed()).isFalse();
        assertThat(report.failures())
                .filteredOn(r -> r.kind() == CheckReport.Kind.POLICY)
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.rule()).isEqualTo("double.detected.deny");
                    assertThat(r.scope()).isEqualTo("orders");
                    assertThat(r.message())
                            .startsWith(
                                    "column 'orders.name' of output port 'orders' looks like email" + " in 100% of ")
                            .endsWith(" sampled values (policy rule 'double.detected.deny')");
                });
        assertThat(policies.inputs()).extracting(in -> in.get("event")).containsOnly("check");
    }
}
