package dev.meshsdk.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.testkit.Fixtures;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a failed Delta write of a publish is worded, without Spark: credentials removed, no false "nothing published". */
class PublishFailureTest {
    private static final PortBinding PORT = Fixtures.binding(
            Fixtures.ordersContract(), Fixtures.server("s3-dev", "s3", Map.of("location", "s3://b/p")));
    private static final PortTables.Table TABLE = new PortTables.Table(
            "orders",
            "orders",
            "s3a://b/p",
            "s3a://b/p/orders",
            "delta",
            Map.of(
                    "fs.s3a.bucket.b.endpoint",
                    "http://s3.example:9000",
                    "fs.s3a.bucket.b.access.key",
                    "AKIAEXAMPLEKEY01",
                    "fs.s3a.bucket.b.secret.key",
                    "very-secret-key"));

    @Test
    void aFailureThatMayBeInTheCommitSaysToCheckTheHistoryAndShowsNoCredentials() {
        IOException cause = new IOException(
                "PUT _delta_log/00000000000000000008.json as AKIAEXAMPLEKEY01 with" + " very-secret-key failed",
                new SocketTimeoutException("Read timed out"));

        RuntimeException inCommit = new RuntimeException("commit", cause);
        inCommit.setStackTrace(new StackTraceElement[] {
            new StackTraceElement(
                    "org.apache.spark.sql.delta.OptimisticTransaction", "commitImpl", "OptimisticTransaction.scala", 1)
        });
        MeshException e = PublishFailure.of(PORT, TABLE, 7, inCommit);

        assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_FAILURE);
        assertThat(e.getMessage())
                .contains(
                        "Cannot publish to port 'orders' at s3a://b/p/orders",
                        "the store at http://s3.example:9000 could not be reached (Read timed out)",
                        "may have been made",
                        "version 7",
                        "DESCRIBE HISTORY")
                .doesNotContain("nothing was published");
        assertThat(e.getCause()).isInstanceOf(RuntimeException.class);
    }

    @Test
    void aFailureOutsideTheCommitSaysNothingWasPublished() {
        // e.g. the write job's abort failing to reach the store: thrown outside Delta's commit code
        RuntimeException e = new RuntimeException(
                "getFileStatus on s3a://b/p/orders/part-0.parquet",
                new java.net.ConnectException("Connection refused"));

        assertThat(PublishFailure.of(PORT, TABLE, 7, e).getMessage())
                .contains(
                        "writing the data files failed",
                        "could not be reached (Connection refused)",
                        "nothing was published",
                        "still at version 7");
    }

    @Test
    void credentialValuesAreRemovedFromCauseText() {
        assertThat(PublishFailure.redact("denied for AKIAEXAMPLEKEY01 / very-secret-key", TABLE.hadoopConf()))
                .isEqualTo("denied for **** / ****");
    }
}
