package dev.meshsdk.storage.redshift;

import dev.meshsdk.testkit.S3ProxyServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The testkit's in-process S3Proxy ({@link S3ProxyServer}) with one bucket, the "team's bucket", and an AWS
 * SDK v2 client for it. Set up once per test JVM.
 */
final class TestS3 {
    static final String BUCKET = "team-bucket";
    static final String ACCESS_KEY = S3ProxyServer.ACCESS_KEY;
    static final String SECRET_KEY = S3ProxyServer.SECRET_KEY;

    private static TestS3 instance;

    final S3Client client;

    private TestS3(S3Client client) {
        this.client = client;
    }

    static synchronized TestS3 get() {
        if (instance == null) {
            S3Client client = S3ProxyServer.client();
            client.createBucket(b -> b.bucket(BUCKET));
            instance = new TestS3(client);
        }
        return instance;
    }

    /** The keys under {@code prefix}, sorted. */
    List<String> keys(String prefix) {
        return client.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .sorted()
                .toList();
    }

    /** An object's bytes, gunzipped, as UTF-8 text. */
    String gunzipped(String key) {
        byte[] bytes = client.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
