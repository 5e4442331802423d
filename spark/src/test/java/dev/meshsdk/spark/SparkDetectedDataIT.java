package dev.meshsdk.spark;

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
import org.junit.jupiter.api.Test;

/**
 * The policies on the data of a local Delta port, through the {@code spark} data module and the real Spark session:
 * a publish whose candidate rows hold e-mail addresses in a column the contract does not classify is judged
 * before the Delta commit and denied, and a check samples the table and reports the denial. Product {@code shop}
 * ({@link ShopProduct}), whose {@code name} column is not classified. The policy engine is
 * {@link DetectedPolicyDouble}, the default pack's {@code detected} rule's stand-in (this module tests without the
 * pack; the Maven plugin's {@code publish-detected} scenario runs the pack with Spark).
 */
class SparkDetectedDataIT {

    @Test
    void aPublishWhoseUnclassifiedColumnHoldsEmailsIsDeniedBeforeTheCommit() {
        ShopProduct shop = new ShopProduct().deploy();
        DetectedPolicyDouble policies = new DetectedPolicyDouble();
        try (Mesh mesh = shop.mesh(policies)) {
            mesh.publish("shop", "orders", shop.file("first.csv", "id,name,amount\n1,Ann,1\n"), Mode.REPLACE);
            long v = shop.version();
            Path csv = shop.file(
                    "orders.csv",
                    "id,name,amount\n2,bo@example.org,2\n3,cy@example.org,3\n" + "4,di@example.org,4\n5,Ed,5\n");
            for (Mode mode : Mode.values()) {
                MeshException e =
                        catchThrowableOfType(MeshException.class, () -> mesh.publish("shop", "orders", csv, mode));
                assertThat(e.code()).isEqualTo(ErrorCode.POLICY_DENIED);
                assertThat(e.getMessage())
                        .isEqualTo("Cannot publish " + csv + " to port 'orders' of product 'shop':"
                                + " 1 policy denial(s) of its rows: column 'orders.name' of output port 'orders' looks like"
                                + " email in 75% of 4 sampled values (policy rule 'double.detected.deny'); nothing was"
                                + " published, the port is as it was");
                assertThat(e.getMessage()).doesNotContain("@");
            }
            assertThat(shop.version()).as("no Delta commit").isEqualTo(v);
            assertThat(shop.rows()).isEqualTo("1:Ann:1.00");
            assertThat(mesh.catalog().quality("shop", "orders", 10))
                    .as("only the first publish")
                    .hasSize(1);
            assertThat(policies.inputs()).last().satisfies(in -> {
                assertThat(in.get("event")).isEqualTo("publish");
                assertThat(in.get("detected"))
                        .isEqualTo(List.of(Map.of(
                                "port",
                                "orders",
                                "majorVersion",
                                1,
                                "table",
                                "orders",
                                "column",
                                "name",
                                "detector",
                                "email",
                                "share",
                                0.75,
                                "matched",
                                3L,
                                "sampled",
                                4L)));
            });
        }
    }

    @Test
    void aCheckOfATableHoldingEmailsInAnUnclassifiedColumnFailsNamingThePolicy() {
        ShopProduct shop = new ShopProduct().deploy();
        TestSpark.session()
                .range(0, 1000)
                .selectExpr("id", "concat('user', id, '@example.org') AS name", "CAST(id AS DECIMAL(12,2)) AS amount")
                .write()
                .format("delta")
                .mode("append")
                .save(shop.table);
        DetectedPolicyDouble policies = new DetectedPolicyDouble();

        CheckReport report;
        try (Mesh mesh = shop.mesh(policies)) {
            report = mesh.check(new CheckRequest(List.of("shop"), CheckRequest.FailOn.ERROR));
        }

        assertThat(report.passed()).isFalse();
        assertThat(report.failures()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(CheckReport.Kind.POLICY);
            assertThat(r.rule()).isEqualTo("double.detected.deny");
            assertThat(r.scope()).isEqualTo("orders");
            assertThat(r.message())
                    .isEqualTo("column 'orders.name' of output port 'orders' looks like email in 100%"
                            + " of 1000 sampled values (policy rule 'double.detected.deny')");
        });
        assertThat(policies.inputs()).extracting(in -> in.get("event")).containsOnly("check");
    }
}
