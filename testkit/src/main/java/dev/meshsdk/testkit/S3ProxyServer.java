package dev.meshsdk.testkit;

import java.net.URI;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 protocol server in the test JVM: S3Proxy over its in-memory blob store, AWS signatures checked
 * with fixed keys, started on first use and stopped when the JVM exits. S3Proxy serves objects, listings and
 * multipart uploads; it rejects bucket policies, tagging and lifecycle configuration.
 *
 * <p>Needs {@code org.gaul:s3proxy} and {@code software.amazon.awssdk:s3} on the test class path (optional
 * dependencies of this kit: declare them in the module that uses this class).
 */
public final class S3ProxyServer {
    public static final String ACCESS_KEY = "AKIAMESHTESTACCESS01";
    public static final String SECRET_KEY = "mesh-test-secret-key-must-never-leak";
    private static URI endpoint;

    private S3ProxyServer() {}

    /** The server's endpoint, {@code http://127.0.0.1:<port>}; starts it on the first call. */
    public static synchronized URI endpoint() {
        if (endpoint != null) return endpoint;
        try {
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(new TransientNio2BlobStore())
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    // The transfer manager and newer SDKs send headers S3Proxy does not know.
                    .ignoreUnknownHeaders(true)
                    .build();
            proxy.start();
            long deadline = System.currentTimeMillis() + 15_000;
            while (!"STARTED".equals(proxy.getState()) && System.currentTimeMillis() < deadline) Thread.sleep(20);
            if (!"STARTED".equals(proxy.getState())) {
                throw new IllegalStateException("S3Proxy is " + proxy.getState() + " after 15 s");
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    proxy.stop();
                } catch (Exception ignored) {
                    // the JVM is going anyway
                }
            }));
            endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
            return endpoint;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the in-process S3Proxy the tests need: " + e.getMessage(), e);
        }
    }

    /** A new AWS SDK v2 client for the server (path-style, the fixed keys); the caller closes it. */
    public static S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }
}
