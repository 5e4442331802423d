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

/**
 * {@link Mesh#forget} through the real {@code s3} storage adapter on a real S3 protocol server (S3Proxy in this
 * JVM): a product deployed into the team's bucket and published to with {@link Mesh#publish}, then a customer
 * erased from it. The adapter hands the rows to this module's eraser with the port's own S3A settings; the receipt
 * names the table, the rows and the Delta version, the rows are gone from the table, the bucket keeps an audit
 * record and the registry a receipt, neither holding the value; a second run deletes nothing and says so.
 */
class S3ForgetIT {
    private static final String SUBJECT = "C-7f3a9e21";

    @Test
    void forgetErasesTheSubjectFromTheTeamsBucketWithAReceipt() throws IOException {
        TestS3 s3 = TestS3.get();
        SparkSession spark = TestSpark.session();
        Path base = TestSpark.newDir("s3-forget");
        String prefix = "forget-" + UUID.randomUUID();
        MeshProjects.product(base.resolve("mesh"), "orders", MeshProjects.contract("orders", "1.0.0", """
                servers:
                  - server: team-s3
                    type: s3
                    environment: dev
                    location: s3://%s/%s
                    endpointUrl: %s
                    format: delta
                """.formatted(TestS3.BUCKET, prefix, s3.endpoint), "orders", """
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
                """), null, null);
        Path csv = base.resolve("orders.csv");
        Files.writeString(csv, "order_id,customer_id,amount\n1," + SUBJECT + ",10.00\n2,C-1,20.00\n3," + SUBJECT
                + ",5.00\n4,C-2,7.50\n", StandardCharsets.UTF_8);
        Secrets secrets = id -> id.equals("team-s3")
                ? Optional.of(new Secrets.Credential(TestS3.ACCESS_KEY, TestS3.SECRET_KEY)) : Optional.empty();

        ForgetResult first;
        ForgetResult second;
        PortBinding binding;
        try (Mesh mesh = Mesh.builder().baseDirectory(base).environment("dev").secrets(secrets)
                // S3Proxy has no bucket policies, tags or lifecycle rules (see S3ProxyStorageAdapterContractIT)
                .config(Map.of("mesh.s3.bucketGovernance", "false", "mesh.s3.region", "us-east-1")).user("dpo@example.com").build()) {
            mesh.deploy(List.of(base.resolve("mesh/orders")));
            assertThat(mesh.publish("orders", "orders", csv, PublishRequest.Mode.REPLACE).rows()).isEqualTo(4);
            binding = mesh.catalog().binding("orders", "orders");
            first = mesh.forget(SUBJECT, "customer");
            second = mesh.forget(SUBJECT, "customer");
        }

        String table = "s3://" + TestS3.BUCKET + "/" + prefix + "/orders";
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
        assertThat(t.physicallyGone() || t.unrecoverableFrom() != null).as("says when the rows are gone for good").isTrue();

        assertThat(second.complete()).isTrue();
        assertThat(second.rowsDeleted()).isZero();
        assertThat(second.summary()).startsWith("Nothing to erase: subject " + first.subjectHash().substring(0, 12));
        assertThat(second.earlier()).anyMatch(r -> r.requestId().equals(first.requestId())
                && r.status() == ErasureReceipt.Status.DONE && r.rowsDeleted() == 2);

        // the rows are gone from the table in the bucket, the others are there
        PortTables.Table t2 = PortTables.table(binding, "orders", TestSpark.context(base, Map.of(), secrets),
                Optional.empty());
        List<Row> left = spark.read().format("delta").options(t2.hadoopConf()).load(t2.uri()).collectAsList();
        assertThat(left).extracting(r -> r.getAs("customer_id").toString()).containsExactlyInAnyOrder("C-1", "C-2");
        // the bucket keeps an audit record of the port per request; they and the registry's receipts hold no value
        List<String> audit = s3.keys(prefix + "/_mesh/erasures/").stream().map(key -> s3.client.getObjectAsBytes(
                b -> b.bucket(TestS3.BUCKET).key(key)).asUtf8String()).toList();
        assertThat(audit).hasSize(2).anyMatch(r -> r.contains(first.requestId()) && r.contains("\"count\":2"))
                .anyMatch(r -> r.contains(second.requestId()) && r.contains("\"count\":0"))
                .noneMatch(r -> r.contains(SUBJECT));
        try (Stream<Path> files = Files.walk(base.resolve(".mesh/registry"))) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            assertThat(all.stream().map(S3ForgetIT::read)).anyMatch(text -> text.contains(first.requestId()))
                    .noneMatch(text -> text.contains(SUBJECT));
        }
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
