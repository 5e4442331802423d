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
        // an append is judged with the table's rows: the names repeated across the table and the new rows
        Dataset<Row> names =
                TestSpark.session().read().format("delta").load(table).select("name");
        long repeated = names.where("name IS NOT NULL").count()
                - names.agg(org.apache.spark.sql.functions.count_distinct(names.col("name")))
                        .first()
                        .getLong(0);
        assertThat(repeated).isGreaterThanOrEqualTo(2);
        assertThat(warning.measured()).isEqualByComparingTo(String.valueOf(repeated));
        assertThat(warning.blocks()).isFalse();
    }

    /**
     * An append is judged on what the table will hold after the commit, as {@code mesh:check} would measure it right
     * after: an id the new rows repeat from the table is a duplicate and the row count is the table's plus theirs,
     * though on the new rows alone both rules pass. Replacing, the same rows are judged alone and pass.
     */
    @Test
    void anAppendIsJudgedOnTheTableWithTheNewRowsAndReplaceOnTheNewRowsAlone() {
        Path dir = TestSpark.newDir("append");
        PortBinding fresh = TestSpark.deployedLocalPort(dir, Fixtures.ordersContract());
        String freshTable = dir.resolve("data/orders").toString();
        DeltaPublisher publisher = new DeltaPublisher(TestSpark.context(dir)); // its paths are relative to dir
        publisher.publish(fresh, "orders", TestSpark.fiveOrders(), DeltaPublisher.Mode.OVERWRITE);
        long v = SparkDeltaEraser.version(DeltaTable.forPath(TestSpark.session(), freshTable));
        List<dev.meshsdk.spi.quality.ScopedRule> rules = List.of(
                QualityRules.library("id", "duplicateValues", QualityRules.mustBe("mustBe", 0)),
                QualityRules.library(null, "rowCount", QualityRules.mustBe("mustBeLessOrEqualTo", 6)));
        Dataset<Row> data = TestSpark.orders(new Object[] {5, "Eve", 1}, new Object[] {6, "Fay", 2});

        dev.meshsdk.spi.quality.PublishBlockedException e = catchThrowableOfType(
                dev.meshsdk.spi.quality.PublishBlockedException.class,
                () -> publisher.publish(
                        fresh,
                        "orders",
                        data,
                        DeltaPublisher.Mode.APPEND,
                        rules,
                        true,
                        dev.meshsdk.spi.data.PublishRequest.CandidateAudit.NONE,
                        null));

        assertThat(e.getMessage())
                .isEqualTo(
                        "Cannot publish to port 'orders' object 'orders': blocking quality rules failed on the 7 rows"
                                + " the table would hold (2 appended): rule 'duplicateValues-id' on orders.id: measured 1,"
                                + " expected mustBe 0; rule 'rowCount-null' on orders: measured 7, expected mustBeLessOrEqualTo 6;"
                                + " nothing was published (the table stays at version " + v + ")");
        assertThat(SparkDeltaEraser.version(DeltaTable.forPath(TestSpark.session(), freshTable)))
                .isEqualTo(v);
        assertThat(TestSpark.session().read().format("delta").load(freshTable).count())
                .isEqualTo(5);

        DeltaPublisher.PublishResult replaced = publisher.publish(
                fresh,
                "orders",
                data,
                DeltaPublisher.Mode.OVERWRITE,
                rules,
                true,
                dev.meshsdk.spi.data.PublishRequest.CandidateAudit.NONE,
                null);
        assertThat(replaced.rows()).isEqualTo(2);
        assertThat(replaced.results())
                .extracting(r -> r.measured().longValueExact())
                .containsExactly(0L, 2L, 0L); // and NOT NULL for the required id
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
