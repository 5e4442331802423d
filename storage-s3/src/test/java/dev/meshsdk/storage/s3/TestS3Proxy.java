package dev.meshsdk.storage.s3;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import dev.meshsdk.spi.Secrets;

/**
 * One in-process S3Proxy (in-memory blob store, SigV4 with fixed keys) per test JVM, started on first use
 * and stopped when the JVM exits. S3Proxy speaks the S3 protocol for objects, listings and multipart uploads
 * but rejects bucket policies, tagging and lifecycle configuration; tests of those use {@link CephRgw}.
 */
final class TestS3Proxy {
    static final String ACCESS_KEY = "proxy-access";
    static final String SECRET_KEY = "proxy-secret-key";
    static final String CREDENTIALS_ID = "s3proxy-team";
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static URI endpoint;

    private TestS3Proxy() {}

    static synchronized URI endpoint() {
        if (endpoint != null) return endpoint;
        CephRgw.startInBackground();
        try {
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(new TransientNio2BlobStore())
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    // The transfer manager and newer SDKs send headers S3Proxy does not know.
                    .ignoreUnknownHeaders(true)
                    .build();
            proxy.start();
            for (int i = 0; i < 200 && !"STARTED".equals(proxy.getState()); i++) Thread.sleep(25);
            if (!"STARTED".equals(proxy.getState())) {
                throw new IllegalStateException("Cannot start S3Proxy: state " + proxy.getState());
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    proxy.stop();
                } catch (Exception ignored) {
                    // the JVM is going away
                }
            }));
            endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
            return endpoint;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the in-process S3Proxy", e);
        }
    }

    static S3Client client() {
        return S3Client.builder().endpointOverride(endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    /** A new, empty bucket. */
    static String newBucket() {
        String name = "team-bucket-" + BUCKETS.incrementAndGet() + "-" + ProcessHandle.current().pid();
        try (S3Client s3 = client()) {
            s3.createBucket(b -> b.bucket(name));
        }
        return name;
    }

    static Secrets secrets() {
        return id -> CREDENTIALS_ID.equals(id) ? Optional.of(new Secrets.Credential(ACCESS_KEY, SECRET_KEY))
                : Optional.empty();
    }

    /** Server settings for {@code location} on the proxy. */
    static Map<String, Object> settings(String location) {
        return Map.of("location", location, "endpointUrl", endpoint().toString(), "region", "us-east-1");
    }
}
