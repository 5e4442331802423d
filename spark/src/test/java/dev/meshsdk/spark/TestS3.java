package dev.meshsdk.spark;

import java.net.URI;
import java.util.List;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3 protocol server in this JVM: S3Proxy 4.1.0 over its in-memory blob store with AWS signatures
 * checked, one bucket (the team's), and an AWS SDK v2 client to look inside. Started once per test JVM.
 */
final class TestS3 {
    static final String BUCKET = "team-bucket";
    static final String ACCESS_KEY = "AKIAMESHSPARKTEST001";
    static final String SECRET_KEY = "mesh-spark-test-secret-never-logged";

    private static TestS3 instance;

    final String endpoint;
    final S3Client client;

    private TestS3(String endpoint, S3Client client) {
        this.endpoint = endpoint;
        this.client = client;
    }

    static synchronized TestS3 get() {
        if (instance == null) instance = start();
        return instance;
    }

    private static TestS3 start() {
        try {
            S3Proxy proxy = S3Proxy.builder().blobStore(new TransientNio2BlobStore())
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .ignoreUnknownHeaders(true).build();
            proxy.start();
            long deadline = System.currentTimeMillis() + 15_000;
            while (!"STARTED".equals(proxy.getState()) && System.currentTimeMillis() < deadline) Thread.sleep(20);
            if (!"STARTED".equals(proxy.getState())) {
                throw new IllegalStateException("S3Proxy is " + proxy.getState() + " after 15 s");
            }
            String endpoint = "http://127.0.0.1:" + proxy.getPort();
            S3Client client = S3Client.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                    .forcePathStyle(true)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY,
                            SECRET_KEY)))
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .build();
            client.createBucket(b -> b.bucket(BUCKET));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    client.close();
                    proxy.stop();
                } catch (Exception ignored) {
                    // the JVM is going anyway
                }
            }));
            return new TestS3(endpoint, client);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the in-process S3Proxy the tests need: " + e.getMessage(), e);
        }
    }

    /** The keys under {@code prefix} in the team's bucket, sorted. */
    List<String> keys(String prefix) {
        return keys(BUCKET, prefix);
    }

    /** The keys under {@code prefix} in {@code bucket}, sorted, read directly (not through S3A). */
    List<String> keys(String bucket, String prefix) {
        return client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key).sorted().toList();
    }
}
