package dev.meshsdk.storage.redshift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.DataContract;
import dev.meshsdk.model.QualityRule;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.model.Threshold;
import dev.meshsdk.plan.Change;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.data.PublishRequest;
import dev.meshsdk.spi.quality.PublishBlockedException;
import dev.meshsdk.spi.quality.ScopedRule;
import dev.meshsdk.spi.storage.StorageAdapter;
import dev.meshsdk.storage.jdbc.PgCatalogInspector;
import dev.meshsdk.storage.redshift.RedshiftPublisher.Mode;
import dev.meshsdk.storage.redshift.RedshiftPublisher.PublishResult;
import dev.meshsdk.testkit.Fixtures;
import dev.meshsdk.testkit.QualityRules;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Write-audit-publish into Redshift through S3, run with the real Redshift JDBC driver (through PgBouncer
 * to PostgreSQL) and a real S3 protocol server (S3Proxy): files staged in the team's bucket, a temporary
 * table, the audit, the publish and the clean-up are all real. One part is a test double, because there is no
 * Redshift here: a test double stands in for Redshift's {@code COPY ... FROM 's3://...'}; it records the
 * generated COPY text, reads the staged gzip parts back from S3 and inserts their rows into the temporary
 * table ({@link RedshiftCopyDouble}). The COPY statement itself is only checked as text.
 */
class RedshiftPublisherIT {
    private static final String ROLE = "arn:aws:iam::123456789012:role/RedshiftLoader";

    private final RedshiftWireServer server = RedshiftWireServer.get();
    private final TestS3 s3 = TestS3.get();
    private final RedshiftCopyDouble copy = new RedshiftCopyDouble(server, s3);
    private String schema;
    private String prefix;
    private PortBinding port;
    private RedshiftPublisher publisher;

    @BeforeEach
    void setUp() {
        schema = RedshiftWireServer.freshName("rpub");
        prefix = "staging/" + schema;
        DataContract c = Fixtures.ordersContract();
        QualityRule noNullNames = new QualityRule(
                null,
                "names present",
                null,
                "library",
                "nullValues",
                Map.of(),
                Optional.of(new Threshold(Threshold.Operator.ofKey("mustBe"), List.of(BigDecimal.ZERO))),
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(),
                Map.of());
        SchemaProperty name = Fixtures.propertyOf(c, "orders", "name");
        c = Fixtures.withProperty(
                c,
                "orders",
                new SchemaProperty(
                        name.id(),
                        name.name(),
                        name.physicalName(),
                        name.logicalType(),
                        name.physicalType(),
                        name.logicalTypeOptions(),
                        name.description(),
                        name.businessName(),
                        name.required(),
                        name.unique(),
                        name.primaryKey(),
                        name.primaryKeyPosition(),
                        name.partitioned(),
                        name.partitionKeyPosition(),
                        name.classification(),
                        name.tags(),
                        List.of(noNullNames),
                        name.properties(),
                        name.items(),
                        name.customProperties(),
                        name.extensions()));
        port = Fixtures.binding(c, server.server(schema));
        try (StorageAdapter adapter = new RedshiftDriverFactory().create(server.context())) {
            for (Change ch : adapter.plan(port, adapter.inspect(port))) adapter.apply(port, ch);
        }
        server.exec("INSERT INTO " + schema + ".orders VALUES (100, 'Existing', 1)");
        publisher = new RedshiftPublisher(
                RedshiftStorageAdapterFactory.connections(server.context()),
                new RedshiftDialect(new PgCatalogInspector()),
                s3.client,
                p -> new RedshiftStaging(TestS3.BUCKET, prefix, ROLE, "eu-west-1"),
                copy,
                24);
    }

    @Test
    void stagesInTheBucketCopiesAuditsPublishesAndCleansUp() throws SQLException {
        PublishResult r = publisher.publish(
                port, "orders", new StringReader("id,name,amount\n1,Ann,10.00\n2,Bob,20.50\n3,Cy,30\n"), Mode.APPEND);

        assertThat(r.rows()).isEqualTo(3);
        assertThat(r.files()).isEqualTo(3).isEqualTo(copy.keysSeen.size());
        assertThat(r.results()).singleElement().satisfies(q -> assertThat(q.measured())
                .isZero());
        assertThat(r.notDeleted()).isEmpty();
        assertThat(rows()).isEqualTo("1:Ann:10.00,2:Bob:20.50,3:Cy:30.00,100:Existing:1.00");
        assertThat(copy.keysSeen).allMatch(k -> k.startsWith(prefix + "/orders/"));
        assertThat(copy.contents)
                .containsExactly(
                        "id,name,amount\n1,Ann,10.00\n", "id,name,amount\n2,Bob,20.50\n", "id,name,amount\n3,Cy,30\n");
        String folder = copy.keysSeen.get(0).substring(0, copy.keysSeen.get(0).lastIndexOf('/') + 1);
        assertThat(copy.sql)
                .isEqualTo("COPY \"mesh_stage_orders\" FROM 's3://team-bucket/" + folder + "' IAM_ROLE '" + ROLE
                        + "' FORMAT AS CSV IGNOREHEADER 1 GZIP REGION 'eu-west-1'");
        assertThat(copy.sql).doesNotContain(TestS3.ACCESS_KEY, TestS3.SECRET_KEY);
        assertThat(s3.keys(prefix)).as("staged objects deleted after success").isEmpty();
    }

    @Test
    void replaceAndMergePublishInOneTransaction() throws SQLException {
        publisher.publish(port, "orders", new StringReader("id,name,amount\n100,Renamed,2\n7,Dee,7\n"), Mode.MERGE);
        assertThat(rows()).isEqualTo("7:Dee:7.00,100:Renamed:2.00");

        publisher.publish(port, "orders", new StringReader("id,name,amount\n8,Fay,8\n"), Mode.REPLACE);
        assertThat(rows()).isEqualTo("8:Fay:8.00");
        assertThat(s3.keys(prefix)).isEmpty();
    }

    @Test
    void aFailedBlockingRuleLeavesTheTableAndTheBucketClean() throws SQLException {
        PublishBlockedException e = catchThrowableOfType(
                PublishBlockedException.class,
                () -> publisher.publish(
                        port, "orders", new StringReader("id,name,amount\n1,Ann,1\n2,,2\n3,,3\n"), Mode.REPLACE));

        assertThat(e.getMessage())
                .startsWith("Cannot publish 3 row(s) to " + schema + ".orders of port 'orders': 1"
                        + " blocking quality rule(s) failed on the staged rows: rule 'names present' on orders.name: measured"
                        + " 2, expected mustBe 0; the table is unchanged");
        assertThat(rows()).isEqualTo("100:Existing:1.00");
        assertThat(copy.keysSeen).isNotEmpty();
        assertThat(s3.keys(prefix)).as("staged objects deleted after failure").isEmpty();
    }

    /**
     * An append is judged on what the table will hold after the commit (the rows are inserted uncommitted, then the
     * rules run on the target): a name the staged rows repeat from the table is a duplicate and the row count is the
     * table's plus theirs, though on the staged rows alone both rules pass; the table is unchanged and the bucket
     * clean. Replacing, the same rows are judged alone and pass. The COPY is the test double's, as above.
     */
    @Test
    void anAppendIsJudgedOnTheTableWithTheStagedRowsAndReplaceOnTheStagedRowsAlone() throws SQLException {
        List<ScopedRule> rules = List.of(
                QualityRules.library("name", "duplicateValues", QualityRules.mustBe("mustBe", 0)),
                QualityRules.library(null, "rowCount", QualityRules.mustBe("mustBeLessOrEqualTo", 2)));
        String csv = "id,name,amount\n1,Existing,5\n2,Ann,6\n";

        PublishBlockedException e = catchThrowableOfType(
                PublishBlockedException.class,
                () -> publisher.publish(
                        port,
                        "orders",
                        new StringReader(csv),
                        List.of(),
                        Mode.APPEND,
                        rules,
                        PublishRequest.CandidateAudit.NONE,
                        (error, files) -> null));

        assertThat(e.getMessage())
                .isEqualTo("Cannot publish 2 row(s) to " + schema + ".orders of port 'orders': 2 blocking quality"
                        + " rule(s) failed on the table with the staged rows: rule 'duplicateValues-name' on"
                        + " orders.name: measured 1, expected mustBe 0; rule 'rowCount-null' on orders: measured 3,"
                        + " expected mustBeLessOrEqualTo 2; the table is unchanged, fix the data and publish again");
        assertThat(rows()).isEqualTo("100:Existing:1.00");
        assertThat(s3.keys(prefix)).isEmpty();

        PublishResult replaced = publisher.publish(
                port,
                "orders",
                new StringReader(csv),
                List.of(),
                Mode.REPLACE,
                rules,
                PublishRequest.CandidateAudit.NONE,
                (error, files) -> null);
        assertThat(replaced.results())
                .extracting(r -> r.measured().longValueExact())
                .containsExactly(0L, 2L);
        assertThat(rows()).isEqualTo("1:Existing:5.00,2:Ann:6.00");
    }

    @Test
    void aRejectedRowLeavesTheTableAndTheBucketCleanAndNoSecretInTheMessage() throws SQLException {
        MeshException e = catchThrowableOfType(
                MeshException.class,
                () -> publisher.publish(
                        port,
                        "orders",
                        new StringReader("id,name,amount\n1,Ann,1\nnot-a-number,Bob,2\n"),
                        Mode.APPEND));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(e.getMessage())
                .isEqualTo("line 3 of the CSV (the header is line 1): Cannot publish to port"
                        + " 'orders' of product 'orders': column 'id' is not a valid bigint; nothing was published, fix the"
                        + " file and publish again")
                .doesNotContain("not-a-number", TestS3.SECRET_KEY, TestS3.ACCESS_KEY, "unused");
        assertThat(rows()).isEqualTo("100:Existing:1.00");
        assertThat(copy.keysSeen).isNotEmpty();
        assertThat(s3.keys(prefix)).isEmpty();
    }

    @Test
    void mergeNeedsAPrimaryKey() {
        DataContract noKey = Fixtures.contract(
                Fixtures.CONTRACT_ID,
                "1.0.0",
                List.of(),
                List.of(Fixtures.object(
                        "orders", List.of(Fixtures.property("id", "integer"), Fixtures.nameProperty()))));
        PortBinding p = Fixtures.binding(noKey, server.server(schema));

        MeshException e = catchThrowableOfType(
                MeshException.class,
                () -> publisher.publish(p, "orders", new StringReader("id,name\n1,Ann\n"), Mode.MERGE));

        assertThat(e.getMessage())
                .startsWith("Cannot merge into " + schema + ".orders: the contract names no primary" + " key");
        assertThat(s3.keys(prefix)).as("refused before anything is staged").isEmpty();
    }

    private String rows() throws SQLException {
        try (Connection c = server.admin();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT string_agg(id || ':' || coalesce(name, '-') || ':' || amount, ','"
                        + " ORDER BY id) FROM " + schema + ".orders")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
