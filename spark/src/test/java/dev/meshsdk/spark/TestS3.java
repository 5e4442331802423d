package dev.meshsdk.spark;

import dev.meshsdk.testkit.S3ProxyServer;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The testkit's in-process S3Proxy ({@link S3ProxyServer}) with one bucket (the team's), and an AWS SDK v2
 * client to look inside. Set up once per test JVM.
 */
final class TestS3 {
    static final String BUCKET = "team-bucket";
    static final String ACCESS_KEY = S3ProxyServer.ACCESS_KEY;
    static final String SECRET_KEY = S3ProxyServer.SECRET_KEY;

    private static TestS3 instance;

    final String endpoint;
    final S3Client client;

    private TestS3(String endpoint, S3Client client) {
        this.endpoint = endpoint;
        this.client = client;
    }

    static synchronized TestS3 get() {
        if (instance == null) {
            S3Client client = S3ProxyServer.client();
            client.createBucket(b -> b.bucket(BUCKET));
            instance = new TestS3(S3ProxyServer.endpoint().toString(), client);
        }
        return instance;
    }

    /** The keys under {@code prefix} in the team's bucket, sorted. */
    List<String> keys(String prefix) {
        return keys(BUCKET, prefix);
    }

    /** The keys under {@code prefix} in {@code bucket}, sorted, read directly (not through S3A). */
    List<String> keys(String bucket, String prefix) {
        return client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .sorted()
                .toList();
    }
}
