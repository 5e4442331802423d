package dev.meshsdk.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.DataContract;
import dev.meshsdk.model.QualityRule;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.quality.QualityResult;
import dev.meshsdk.testkit.Fixtures;
import dev.meshsdk.testkit.QualityRules;
import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Write-audit-publish into a local Delta table made by the {@code local} adapter, whose contract says
 * {@code amount} must have no nulls (blocking) and {@code name} at most one duplicate (a warning). Each test
 * works on the same table and checks what it changed, through the table's Delta version and rows.
 */
class DeltaPublisherIT {
    private static Path base;
    private static PortBinding port;
    private static DeltaPublisher publisher;
    private static String table;

    @BeforeAll
    static void deploy() {
        base = TestSpark.newDir("publish");
        DataContract c = Fixtures.ordersContract();
        SchemaProperty amount = Fixtures.propertyOf(c, "orders", "amount");
        c = Fixtures.withProperty(c, "orders", withQuality(amount, rule("amount complete", "nullValues", 0, "error")));
        SchemaProperty name = Fixtures.propertyOf(c, "orders", "name");
        c = Fixtures.withProperty(
                c, "orders", withQuality(name, rule("names mostly unique", "duplicateValues", 1, "warning")));
        port = TestSpark.deployedLocalPort(base, c);
        publisher = new DeltaPublisher(TestSpark.context(base));
        table = base.resolve("data/orders").toString();
    }

    private static QualityRule rule(String name, String metric, long max, String severity) {
        return new QualityRule(
                null,
                name,
                null,
                "library",
                metric,
                Map.of(),
                Optional.of(QualityRules.mustBe("mustBeLessOrEqualTo", max)),
                null,
                null,
                null,
                null,
                severity,
                "completeness",
                List.of(),
                Map.of());
    }

    private static SchemaProperty withQuality(SchemaProperty p, QualityRule rule) {
        return new SchemaProperty(
                p.id(),
                p.name(),
                p.physicalName(),
                p.logicalType(),
                p.physicalType(),
                p.logicalTypeOptions(),
                p.description(),
                p.businessName(),
                p.required(),
                p.unique(),
                p.primaryKey(),
                p.primaryKeyPosition(),
                p.partitioned(),
                p.partitionKeyPosition(),
                p.classification(),
                p.tags(),
                List.of(rule),
                p.properties(),
                p.items(),
                p.customProperties(),
                p.extensions());
    }

    private static long version() {
        return SparkDeltaEraser.version(DeltaTable.forPath(TestSpark.session(), table));
    }

    private static long rows() {
        return TestSpark.session().read().format("delta").load(table).count();
    }

    @Test
    void goodDataIsCommittedInOneTransactionAndWarningsDoNotBlock() {
        long v = version();
        long rows = rows();
        Dataset<Row> data =
                TestSpark.orders(new Object[] {10, "Ann", 1}, new Object[] {11, "Ann", 2}, new Object[] {12, "Ann", 3});

        DeltaPublisher.PublishResult r = publisher.publish(port, "orders", data, DeltaPublisher.Mode.APPEND);

        assertThat(r.version()).isEqualTo(v + 1);
        assertThat(version()).isEqualTo(v + 1);
        assertThat(r.rows()).isEqualTo(3);
        assertThat(rows()).isEqualTo(rows + 3);
        QualityResult warning = r.results().stream()
                .filter(q -> q.rule().rule().label().equals("names mostly unique"))
                .findFirst()
                .orElseThrow();
        assertThat(warning.status()).isEqualTo(QualityResult.Status.FAILED);
        assertThat(warning.measured()).isEqualByComparingTo("2");
        assertThat(warning.blocks()).isFalse();
    }

    @Test
    void aFailingBlockingRuleNamesTheRuleAndValueAndLeavesTheTableAsItWas() {
        long v = version();
        long rows = rows();
        Dataset<Row> data = TestSpark.orders(
                new Object[] {20, "Cy", null}, new Object[] {21, "Di", null}, new Object[] {22, "Ed", 4});

        dev.meshsdk.spi.quality.PublishBlockedException e = catchThrowableOfType(
                dev.meshsdk.spi.quality.PublishBlockedException.class,
                () -> publisher.publish(port, "orders", data, DeltaPublisher.Mode.APPEND));

        assertThat(e.code()).isEqualTo(ErrorCode.QUALITY_FAILED);
        assertThat(e.getMessage())
                .contains(
                        "rule 'amount complete' on orders.amount: measured 2",
                        "expected mustBeLessOrEqualTo 0",
                        "nothing was published");
        assertThat(e.results()).hasSize(3); // amount, name, and NOT NULL for the required id
        assertThat(version()).as("Delta version").isEqualTo(v);
        assertThat(rows()).isEqualTo(rows);
    }

    @Test
    void aSchemaThatDoesNotMatchNamesEveryColumnAndCommitsNothing() {
        long v = version();
        Dataset<Row> data = TestSpark.session()
                .sql("SELECT CAST(30 AS INT) AS id, 'Flo' AS name, 'ten' AS amount," + " true AS vip");

        MeshException e = catchThrowableOfType(
                MeshException.class, () -> publisher.publish(port, "orders", data, DeltaPublisher.Mode.APPEND));

        assertThat(e.code()).isEqualTo(ErrorCode.QUALITY_FAILED);
        assertThat(e.getMessage())
                .contains(
                        "column 'amount' is string in the data but decimal(12,2) in the contract",
                        "column 'vip' (boolean) is in the data but not in the contract")
                .doesNotContain("column 'id'");
        assertThat(version()).isEqualTo(v);
    }

    @Test
    void overwriteReplacesEveryRowInOneCommitAndNullsInRequiredColumnsBlock() {
        Dataset<Row> withNullId = TestSpark.session()
                .sql("SELECT CAST(NULL AS BIGINT) AS id, 'Gus' AS name," + " CAST(1 AS DECIMAL(12,2)) AS amount");
        long v = version();
        MeshException e = catchThrowableOfType(
                MeshException.class,
                () -> publisher.publish(port, "orders", withNullId, DeltaPublisher.Mode.OVERWRITE));
        assertThat(e.getMessage()).contains("rule 'required id' on orders.id: measured 1");
        assertThat(version()).isEqualTo(v);

        DeltaPublisher.PublishResult r = publisher.publish(
                port, "orders", TestSpark.fiveOrders().where("amount IS NOT NULL"), DeltaPublisher.Mode.OVERWRITE);

        assertThat(r.version()).isEqualTo(v + 1);
        assertThat(rows()).isEqualTo(4);
    }
}
