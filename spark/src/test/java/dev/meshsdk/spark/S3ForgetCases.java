package dev.meshsdk.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.ForgetResult;
import dev.meshsdk.Mesh;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.Secrets;
import dev.meshsdk.spi.data.PublishRequest;
import dev.meshsdk.spi.registry.ErasureReceipt;
import dev.meshsdk.spi.storage.ErasureResult.TableErasure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@link Mesh#forget} through the real {@code s3} storage adapter on a real S3 protocol server, one subclass per
 * server: a product deployed into the team's bucket and published to with {@link Mesh#publish} (Delta commits
 * through S3A), then a customer erased from it. The adapter hands the rows to this module's eraser with the port's
 * own S3A settings; the receipt names the table, the rows and the Delta version, the rows are gone from the
 * table, the bucket keeps an audit record and the registry a receipt, neither holding the value; a second run
 * deletes nothing and says so.
 */
abstract class S3ForgetCases {
    private static final String SUBJECT = "C-7f3a9e21";

    /**
     * The server under test.
     *
     * @param endpoint the S3 endpoint URL
     * @param bucket   the team's bucket, existing; its name is the server's own (Hadoop caches S3A file systems
     *                 by bucket name, so two servers in one JVM must not share one)
     * @param team     the team's access key and secret key
     * @param client   a client to look inside the bucket, signed as the team
     * @param config   the SDK settings the server needs
     */
    record Store(
            String endpoint, String bucket, Secrets.Credential team, S3Client client, Map<String, String> config) {}

    /** The server, started; called once per test. */
    abstract Store store();

    @Test
    void forgetErasesTheSubjectFromTheTeamsBucketWithAReceipt() throws IOException {
        Store s3 = store();
        SparkSession spark = TestSpark.session();
        Path base = TestSpark.newDir("s3-forget");
        String prefix = "forget-" + UUID.randomUUID();
        MeshProjects.product(
                base.resolve("mesh"),
                "orders",
                MeshProjects.contract(
                        "orders", "1.0.0", """
                servers:
                  - server: team-s3
                    type: s3
                    environment: dev
                    location: s3://%s/%s
                    endpointUrl: %s
                    format: delta
                """.formatted(s3.bucket(), prefix, s3.endpoint()), "orders", """
                      - name: order_id
                        logicalType: integer
                        physicalType: bigint
                      - name: customer_id
                        logicalType: string
                        customProperties:
                          - property: subjectKey
                            value: customer
                      - name: amount
                        logicalType: number
                        physicalType: decimal(12,2)
                """),
                null,
                null);
        Path csv = base.resolve("orders.csv");
        Files.writeString(
                csv,
                "order_id,customer_id,amount\n1," + SUBJECT + ",10.00\n2,C-1,20.00\n3," + SUBJECT
                        + ",5.00\n4,C-2,7.50\n",
                StandardCharsets.UTF_8);
        Secrets secrets = id -> id.equals("team-s3") ? Optional.of(s3.team()) : Optional.empty();

        ForgetResult first;
        ForgetResult second;
        PortBinding binding;
        try (Mesh mesh = Mesh.builder()
                .baseDirectory(base)
                .environment("dev")
                .secrets(secrets)
                .config(s3.config())
                .user("dpo@example.com")
                .build()) {
            mesh.deploy(List.of(base.resolve("mesh/orders")));
            assertThat(mesh.publish("orders", "orders", csv, PublishRequest.Mode.REPLACE)
                            .rows())
                    .isEqualTo(4);
            binding = mesh.catalog().binding("orders", "orders");
            first = mesh.forget(SUBJECT, "customer");
            second = mesh.forget(SUBJECT, "customer");
        }

        String table = "s3://" + s3.bucket() + "/" + prefix + "/orders";
        assertThat(first.complete()).isTrue();
        assertThat(first.rowsDeleted()).isEqualTo(2);
        ErasureReceipt receipt = first.receipts().get(0);
        assertThat(first.receipts()).hasSize(1);
        assertThat(receipt.productId()).isEqualTo("orders");
        assertThat(receipt.serverType()).isEqualTo("s3");
        assertThat(receipt.status()).isEqualTo(ErasureReceipt.Status.DONE);
        TableErasure t = receipt.tables().get(0);
        assertThat(t.table()).isEqualTo(table);
        assertThat(t.column()).isEqualTo("customer_id");
        assertThat(t.rowsDeleted()).isEqualTo(2);
        assertThat(t.version()).as("the Delta version of the erasure's commit").isNotNull();
        assertThat(t.physicallyGone() || t.unrecoverableFrom() != null)
                .as("says when the rows are gone for good")
                .isTrue();

        assertThat(second.complete()).isTrue();
        assertThat(second.rowsDeleted()).isZero();
        assertThat(second.summary())
                .startsWith("Nothing to erase: subject " + first.subjectHash().substring(0, 12));
        assertThat(second.earlier())
                .anyMatch(r -> r.requestId().equals(first.requestId())
                        && r.status() == ErasureReceipt.Status.DONE
                        && r.rowsDeleted() == 2);

        // the rows are gone from the table in the bucket, the others are there
        PortTables.Table t2 =
                PortTables.table(binding, "orders", TestSpark.context(base, Map.of(), secrets), Optional.empty());
        List<Row> left = spark.read()
                .format("delta")
                .options(t2.hadoopConf())
                .load(t2.uri())
                .collectAsList();
        assertThat(left).extracting(r -> r.getAs("customer_id").toString()).containsExactlyInAnyOrder("C-1", "C-2");
        // every commit went to the bucket's Delta log: the deploy's (the s3 adapter's own PUT), the publish's and
        // the erasure's (Delta on Spark through S3A)
        assertThat(keys(s3, prefix + "/orders/_delta_log/"))
                .contains(
                        prefix + "/orders/_delta_log/00000000000000000000.json",
                        prefix + "/orders/_delta_log/00000000000000000001.json",
                        prefix + "/orders/_delta_log/%020d.json".formatted(Long.parseLong(t.version())));
        // the bucket keeps an audit record of the port per request; they and the registry's receipts hold no value
        List<String> audit = keys(s3, prefix + "/_mesh/erasures/").stream()
                .map(key -> s3.client()
                        .getObjectAsBytes(b -> b.bucket(s3.bucket()).key(key))
                        .asUtf8String())
                .toList();
        assertThat(audit)
                .hasSize(2)
                .anyMatch(r -> r.contains(first.requestId()) && r.contains("\"count\":2"))
                .anyMatch(r -> r.contains(second.requestId()) && r.contains("\"count\":0"))
                .noneMatch(r -> r.contains(SUBJECT));
        try (Stream<Path> files = Files.walk(base.resolve(".mesh/registry"))) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            assertThat(all.stream().map(S3ForgetCases::read))
                    .anyMatch(text -> text.contains(first.requestId()))
                    .noneMatch(text -> text.contains(SUBJECT));
        }
    }

    /** The keys under {@code prefix} in the team's bucket, read directly (not through S3A). */
    private static List<String> keys(Store s3, String prefix) {
        return s3.client().listObjectsV2Paginator(b -> b.bucket(s3.bucket()).prefix(prefix)).contents().stream()
                .map(o -> o.key())
                .sorted()
                .toList();
    }

    /** A file's bytes as text, for searching. */
    private static String read(Path p) {
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
