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
import dev.meshsdk.spi.data.PublishRequest.FileFormat;
import dev.meshsdk.spi.data.PublishRequest.Mode;
import dev.meshsdk.spi.data.PublishResult;
import dev.meshsdk.spi.data.Sample;
import dev.meshsdk.spi.quality.PublishBlockedException;
import dev.meshsdk.spi.quality.QualityResult;
import dev.meshsdk.spi.quality.ScopedRule;
import dev.meshsdk.spi.quality.ScopedRules;
import dev.meshsdk.spi.storage.StorageAdapter;
import dev.meshsdk.storage.jdbc.PgCatalogInspector;
import dev.meshsdk.testkit.Fixtures;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code redshift} data module and quality engine, run as {@link RedshiftPublisherIT} runs the publisher: the
 * real Redshift JDBC driver through PgBouncer to PostgreSQL, files staged in a real S3 protocol server (S3Proxy).
 * One part is a test double, because there is no Redshift here: {@link RedshiftCopyDouble} stands in for
 * {@code COPY ... FROM 's3://...'} and for the {@code STL_LOAD_ERRORS} row Redshift writes for a refused row.
 */
class RedshiftPortDataIT {
    private static final String ROLE = "arn:aws:iam::123456789012:role/RedshiftLoader";

    @TempDir
    Path dir;

    private final RedshiftWireServer server = RedshiftWireServer.get();
    private final TestS3 s3 = TestS3.get();
    private final RedshiftCopyDouble copy = new RedshiftCopyDouble(server, s3);
    private String schema;
    private String prefix;
    private PortBinding port;
    private RedshiftPortData data;

    @BeforeEach
    void setUp() {
        schema = RedshiftWireServer.freshName("rdata");
        prefix = "staging/" + schema;
        DataContract c = Fixtures.ordersContract();
        QualityRule present = new QualityRule(
                null,
                "amounts present",
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
        SchemaProperty amount = Fixtures.propertyOf(c, "orders", "amount");
        c = Fixtures.withProperty(
                c,
                "orders",
                new SchemaProperty(
                        amount.id(),
                        amount.name(),
                        amount.physicalName(),
                        amount.logicalType(),
                        amount.physicalType(),
                        amount.logicalTypeOptions(),
                        amount.description(),
                        amount.businessName(),
                        amount.required(),
                        amount.unique(),
                        amount.primaryKey(),
                        amount.primaryKeyPosition(),
                        amount.partitioned(),
                        amount.partitionKeyPosition(),
                        amount.classification(),
                        amount.tags(),
                        List.of(present),
                        amount.properties(),
                        amount.items(),
                        amount.customProperties(),
                        amount.extensions()));
        port = Fixtures.binding(c, server.server(schema));
        try (StorageAdapter adapter = new RedshiftDriverFactory().create(server.context())) {
            for (Change ch : adapter.plan(port, adapter.inspect(port))) adapter.apply(port, ch);
        }
        data = new RedshiftPortData(
                RedshiftStorageAdapterFactory.connections(server.context()),
                new RedshiftDialect(new PgCatalogInspector()),
                p -> s3.client,
                p -> new RedshiftStaging(TestS3.BUCKET, prefix, ROLE, null),
                copy,
                1 << 20,
                Clock.systemUTC(),
                () -> {});
    }

    private PublishResult publish(Path file, FileFormat format, Mode mode) {
        List<ScopedRule> rules = ScopedRules.of(port.contract());
        return data.publish(port, new PublishRequest(file, format, mode, "orders", rules));
    }

    private Path file(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void csvJsonLinesAndParquetAreStagedWithTheirColumnListAndPublished() throws IOException {
        PublishResult csv = publish(
                file("orders.csv", "amount,name,id\n10.50,Ann,1\n20,\"Bob, Jr.\",2\n"), FileFormat.CSV, Mode.REPLACE);
        assertThat(csv.rows()).isEqualTo(2);
        assertThat(csv.total()).isEqualTo(2);
        assertThat(copy.sql)
                .startsWith("COPY \"mesh_stage_orders\" (\"amount\", \"name\", \"id\") FROM 's3://" + TestS3.BUCKET
                        + "/" + prefix + "/orders/")
                .endsWith("' IAM_ROLE '" + ROLE + "' FORMAT AS CSV" + " IGNOREHEADER 1 GZIP");
        assertThat(rows()).isEqualTo("1:Ann:10.50,2:Bob, Jr.:20.00");

        publish(
                file("more.jsonl", "{\"amount\": 1.25, \"id\": 7, \"name\": \"Cy\"}\n{\"id\": 8, \"amount\": 3}\n"),
                FileFormat.JSON_LINES,
                Mode.APPEND);
        assertThat(rows()).isEqualTo("1:Ann:10.50,2:Bob, Jr.:20.00,7:Cy:1.25,8:-:3.00");

        Path parquet = dir.resolve("orders.parquet");
        MessageType type = MessageTypeParser.parseMessageType("message orders { optional binary name (STRING);"
                + " optional int64 amount (DECIMAL(12,2)); required int64 id; }");
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(parquet.toUri()))
                .withType(type)
                .withConf(new Configuration())
                .build()) {
            w.write(new SimpleGroupFactory(type)
                    .newGroup()
                    .append("name", "Dee")
                    .append("amount", 1999L)
                    .append("id", 20L));
        }
        publish(parquet, FileFormat.PARQUET, Mode.REPLACE);
        assertThat(rows()).isEqualTo("20:Dee:19.99");
        assertThat(s3.keys(prefix)).as("staged objects deleted").isEmpty();
    }

    @Test
    void aRefusedRowIsNamedByFileLineAndColumnFromTheLoadErrorsNeverByValue() throws IOException {
        Path csv = file("orders.csv", "name,id,amount\nAnn,1,10\n\"Bob\nSmith\",2,12x.50\n");
        MeshException e = catchThrowableOfType(MeshException.class, () -> publish(csv, FileFormat.CSV, Mode.REPLACE));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(e.getMessage())
                .isEqualTo(csv + ":4:10: Cannot publish to port 'orders' of product 'orders':"
                        + " column 'amount' is not a valid numeric(12,2); nothing was published, fix the file and publish"
                        + " again")
                .doesNotContain("12x");
        assertThat(rows()).isEmpty();
        assertThat(s3.keys(prefix)).isEmpty();
    }

    @Test
    void aFailedBlockingRuleLeavesTheTableAndTheBucketAsTheyWere() throws IOException {
        publish(file("first.csv", "id,name,amount\n1,Ann,1\n"), FileFormat.CSV, Mode.REPLACE);
        Path csv = file("orders.csv", "id,name,amount\n2,Bob,\n3,Cy,\n");
        PublishBlockedException e =
                catchThrowableOfType(PublishBlockedException.class, () -> publish(csv, FileFormat.CSV, Mode.REPLACE));

        assertThat(e.getMessage()).contains("rule 'amounts present' on orders.amount: measured 2, expected mustBe 0");
        assertThat(rows()).isEqualTo("1:Ann:1.00");
        assertThat(s3.keys(prefix)).isEmpty();
    }

    @Test
    void theAuditJudgesASampleOfTheStagedRowsAndADenialLeavesTableAndBucketAsTheyWere() throws IOException {
        publish(file("first.csv", "id,name,amount\n1,Ann,1\n"), FileFormat.CSV, Mode.REPLACE);
        StringBuilder csv = new StringBuilder("id,name,amount\n");
        for (int i = 2; i < 202; i++)
            csv.append(i).append(",n").append(i).append(',').append(i).append('\n');
        List<Sample> judged = new ArrayList<>();
        PublishRequest.CandidateAudit denying = new PublishRequest.CandidateAudit() {
            @Override
            public int sampleRows() {
                return 10;
            }

            @Override
            public void judge(Sample candidate) {
                judged.add(candidate);
                throw new MeshException(ErrorCode.POLICY_DENIED, "denied by the test");
            }
        };

        MeshException e = catchThrowableOfType(
                MeshException.class,
                () -> data.publish(
                        port,
                        new PublishRequest(
                                file("orders.csv", csv.toString()),
                                FileFormat.CSV,
                                Mode.REPLACE,
                                "orders",
                                ScopedRules.of(port.contract()),
                                denying)));

        assertThat(e.code()).isEqualTo(ErrorCode.POLICY_DENIED);
        assertThat(judged).singleElement().satisfies(sample -> {
            assertThat(sample.columns()).containsExactly("id", "name", "amount");
            assertThat(sample.scanned()).as("the staged rows").isEqualTo(200);
            assertThat(sample.rows()).hasSizeBetween(1, 10).allSatisfy(r -> assertThat(r.get(1))
                    .as("a staged row, not the table's")
                    .isEqualTo("n" + r.get(0)));
        });
        assertThat(rows()).isEqualTo("1:Ann:1.00");
        assertThat(s3.keys(prefix)).isEmpty();
    }

    @Test
    void factsSampleAndTheQualityEngine() throws IOException {
        StringBuilder csv = new StringBuilder("id,name,amount\n");
        for (int i = 1; i <= 300; i++)
            csv.append(i).append(",n").append(i).append(',').append(i).append('\n');
        publish(file("many.csv", csv.toString()), FileFormat.CSV, Mode.REPLACE);

        assertThat(data.facts(port, "orders").rows()).isEqualTo(300);
        assertThat(data.facts(port, "orders").lastModified())
                .as("Redshift does not say")
                .isNull();
        Sample sample = data.sample(port, "orders", 10);
        assertThat(sample.rows()).hasSize(10).allSatisfy(r -> assertThat(r.get(1))
                .isEqualTo("n" + r.get(0)));

        server.exec("INSERT INTO " + schema + ".orders VALUES (301, 'x', NULL)");
        List<QualityResult> results = new RedshiftQualityEngine(
                        RedshiftStorageAdapterFactory.connections(server.context()),
                        new RedshiftDialect(new PgCatalogInspector()))
                .evaluate(port, ScopedRules.of(port.contract()));
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(QualityResult.Status.FAILED);
            assertThat(r.measured()).isEqualByComparingTo("1");
        });
    }

    private String rows() {
        try (Connection c = server.admin();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT coalesce(string_agg(id || ':' || coalesce(name, '-') || ':'"
                        + " || coalesce(amount::text, '-'), ',' ORDER BY id), '') FROM " + schema + ".orders")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
