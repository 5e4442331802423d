package dev.meshsdk.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.DataContract;
import dev.meshsdk.model.QualityRule;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.plan.Change;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.data.PublishRequest;
import dev.meshsdk.spi.quality.PublishBlockedException;
import dev.meshsdk.spi.quality.QualityResult;
import dev.meshsdk.spi.quality.ScopedRule;
import dev.meshsdk.spi.storage.StorageAdapter;
import dev.meshsdk.storage.postgres.PostgresPublisher.Mode;
import dev.meshsdk.storage.postgres.PostgresPublisher.PublishResult;
import dev.meshsdk.testkit.Fixtures;
import dev.meshsdk.testkit.QualityRules;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Write-audit-publish into a real PostgreSQL table whose contract says: no null names (blocking) and at
 * most 1 duplicate amount (a warning).
 */
class PostgresPublisherIT {
    private final TestPostgres pg = TestPostgres.get();
    private final PostgresPublisher publisher = new PostgresPublisher(pg.context());
    private PortBinding port;
    private String schema;

    @BeforeEach
    void setUp() {
        schema = TestPostgres.freshName("pub");
        DataContract c = Fixtures.ordersContract();
        SchemaObject o = c.schema().get(0);
        QualityRule noNullNames = QualityRules.library("name", "nullValues", QualityRules.mustBe("mustBe", 0))
                .rule();
        QualityRule fewDuplicates = new QualityRule(
                null,
                "few duplicate amounts",
                null,
                "library",
                "duplicateValues",
                Map.of(),
                java.util.Optional.of(QualityRules.mustBe("mustBeLessOrEqualTo", 1)),
                null,
                null,
                null,
                null,
                "warning",
                null,
                List.of(),
                Map.of());
        c = Fixtures.withProperty(c, "orders", withQuality(Fixtures.propertyOf(c, "orders", "name"), noNullNames));
        c = Fixtures.withProperty(c, "orders", withQuality(Fixtures.propertyOf(c, "orders", "amount"), fewDuplicates));
        port = Fixtures.binding(c, pg.server(schema));
        try (StorageAdapter adapter = new PostgresStorageAdapterFactory().create(pg.context())) {
            for (Change ch : adapter.plan(port, adapter.inspect(port))) adapter.apply(port, ch);
        }
        pg.exec("INSERT INTO " + schema + ".orders VALUES (100, 'Existing', 1)");
    }

    private static dev.meshsdk.model.SchemaProperty withQuality(dev.meshsdk.model.SchemaProperty p, QualityRule rule) {
        return new dev.meshsdk.model.SchemaProperty(
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

    private String rows() throws SQLException {
        try (Connection c = pg.admin();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT string_agg(id || ':' || coalesce(name, '-'), ',' ORDER BY id) FROM "
                                + schema + ".orders")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void goodRowsArePublished() throws SQLException {
        PublishResult r = publisher.publish(
                port,
                "orders",
                new StringReader("id,name,amount\n1,Ann,10.00\n2,Bob,10.00\n3,Cy,10.00\n"),
                Mode.APPEND);

        assertThat(r.rows()).isEqualTo(3);
        assertThat(r.results())
                .extracting(QualityResult::status)
                .containsExactly(QualityResult.Status.PASSED, QualityResult.Status.FAILED);
        assertThat(r.results().get(1).blocks()).as("a warning does not block").isFalse();
        assertThat(rows()).isEqualTo("1:Ann,2:Bob,3:Cy,100:Existing");
    }

    @Test
    void appendAuditsTheTableWithTheNewRows() throws SQLException {
        // amount 1 repeats the existing row's amount: over the table with the new rows that is 1 duplicate (over the
        // new rows alone it would be 0); the rule is a warning, so the rows are published
        PublishResult r =
                publisher.publish(port, "orders", new StringReader("id,name,amount\n1,Ann,1\n2,Bob,2\n"), Mode.APPEND);

        assertThat(r.results())
                .extracting(QualityResult::measured)
                .extracting(java.math.BigDecimal::intValueExact)
                .containsExactly(0, 1);
        assertThat(rows()).isEqualTo("1:Ann,2:Bob,100:Existing");
        PublishResult again =
                publisher.publish(port, "orders", new StringReader("id,name,amount\n3,Cy,1\n"), Mode.APPEND);
        assertThat(again.rows()).isEqualTo(1);
        assertThat(again.results())
                .extracting(QualityResult::measured)
                .extracting(java.math.BigDecimal::intValueExact)
                .containsExactly(0, 2);
        assertThat(rows()).isEqualTo("1:Ann,2:Bob,3:Cy,100:Existing");
    }

    @Test
    void replaceSwapsTheRowsInOneTransaction() throws SQLException {
        publisher.publish(port, "orders", new StringReader("id,name,amount\n7,Dee,1\n"), Mode.REPLACE);

        assertThat(rows()).isEqualTo("7:Dee");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void otherSessionsSeeTheOldRowsUntilThePublishCommits(Mode mode) throws SQLException {
        List<String> seenDuringCopy = new ArrayList<>();
        Reader csv = new StringReader("id,name,amount\n7,Dee,1\n") {
            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n < 0) {
                    try {
                        seenDuringCopy.add(rows());
                    } catch (SQLException e) {
                        throw new IOException(e);
                    }
                }
                return n;
            }
        };

        publisher.publish(port, "orders", csv, mode);

        assertThat(seenDuringCopy).isNotEmpty().allMatch("100:Existing"::equals);
        assertThat(rows()).isEqualTo(mode == Mode.REPLACE ? "7:Dee" : "7:Dee,100:Existing");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aFailedBlockingRuleLeavesTheTableUntouchedAndNamesRuleAndValue(Mode mode) throws SQLException {
        PublishBlockedException e = catchThrowableOfType(
                PublishBlockedException.class,
                () -> publisher.publish(
                        port, "orders", new StringReader("id,name,amount\n1,Ann,1\n2,,2\n3,,3\n"), mode));

        assertThat(e.getMessage())
                .startsWith("Cannot publish 3 row(s) to " + schema + ".orders: 1 blocking quality"
                        + " rule(s) failed on " + (mode == Mode.APPEND ? "the table with the new rows" : "the new rows")
                        + ": rule 'nullValues-name' on orders.name: measured 2, expected mustBe 0; the table is"
                        + " unchanged");
        assertThat(rows()).isEqualTo("100:Existing");
    }

    /**
     * An append is judged on what the table will hold after the commit: a name the file repeats from the table is a
     * duplicate, and the row count is the table's; each rule passes on the file's rows alone. Replacing, the same
     * file is judged alone and passes.
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void anAppendIsJudgedOnTheTableWithTheNewRows(Mode mode) throws SQLException {
        List<ScopedRule> rules = List.of(
                QualityRules.library("name", "duplicateValues", QualityRules.mustBe("mustBe", 0)),
                QualityRules.library(null, "rowCount", QualityRules.mustBe("mustBeLessOrEqualTo", 2)));
        String csv = "id,name,amount\n1,Existing,5\n2,Ann,6\n";
        java.util.function.Supplier<PostgresPublisher.Committed> publish = () -> publisher.run(
                port,
                "orders",
                rules,
                PublishRequest.CandidateAudit.NONE,
                mode,
                (copy, target) -> copy.copyIn(
                        "COPY " + target + " FROM STDIN WITH (FORMAT csv, HEADER true)", new StringReader(csv)),
                e -> null);

        if (mode == Mode.REPLACE) {
            assertThat(publish.get().results())
                    .extracting(r -> r.measured().longValueExact())
                    .containsExactly(0L, 2L);
            assertThat(rows()).isEqualTo("1:Existing,2:Ann");
            return;
        }
        PublishBlockedException e = catchThrowableOfType(PublishBlockedException.class, publish::get);

        assertThat(e.getMessage())
                .isEqualTo("Cannot publish 2 row(s) to " + schema + ".orders: 2 blocking quality rule(s) failed on the"
                        + " table with the new rows: rule 'duplicateValues-name' on orders.name: measured 1, expected"
                        + " mustBe 0; rule 'rowCount-null' on orders: measured 3, expected mustBeLessOrEqualTo 2; the"
                        + " table is unchanged, fix the data and publish again");
        assertThat(rows()).isEqualTo("100:Existing");
    }

    @Test
    void aBadRowLeavesTheTableUntouched() throws SQLException {
        MeshException e = catchThrowableOfType(
                MeshException.class,
                () -> publisher.publish(
                        port,
                        "orders",
                        new StringReader("id,name,amount\n1,Ann,1\nnot-a-number,Bob,2\n"),
                        Mode.REPLACE));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(e.getMessage())
                .isEqualTo("line 3 of the CSV (the header is line 1): Cannot publish to port"
                        + " 'orders' of product 'orders': column 'id' is not a valid bigint; nothing was published, fix the"
                        + " file and publish again")
                .doesNotContain("not-a-number");
        assertThat(e.getCause()).as("the server's message quotes the value").isNull();
        assertThat(rows()).isEqualTo("100:Existing");
    }
}
