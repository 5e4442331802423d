package dev.meshsdk.storage.s3;

import dev.meshsdk.spi.Secrets;
import dev.meshsdk.testkit.CephRgw;
import dev.meshsdk.testkit.S3ProxyServer;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The testkit's in-process S3Proxy ({@link S3ProxyServer}) for this module's tests: new buckets, the team's
 * credentials and server settings. S3Proxy rejects bucket policies, tagging and lifecycle configuration;
 * tests of those use {@link CephRgw}.
 */
final class TestS3Proxy {
    static final String ACCESS_KEY = S3ProxyServer.ACCESS_KEY;
    static final String SECRET_KEY = S3ProxyServer.SECRET_KEY;
    static final String CREDENTIALS_ID = "s3proxy-team";
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static boolean cephStarting;

    private TestS3Proxy() {}

    /** The testkit's S3Proxy; the first call also starts the Ceph gateway in the background for later tests. */
    static synchronized URI endpoint() {
        if (!cephStarting) {
            cephStarting = true;
            CephRgw.startInBackground();
        }
        return S3ProxyServer.endpoint();
    }

    static S3Client client() {
        endpoint();
        return S3ProxyServer.client();
    }

    /** A new, empty bucket. */
    static String newBucket() {
        String name = "team-bucket-" + BUCKETS.incrementAndGet() + "-"
                + ProcessHandle.current().pid();
        try (S3Client s3 = client()) {
            s3.createBucket(b -> b.bucket(name));
        }
        return name;
    }

    /** Deletes every object under {@code location} ({@code s3://bucket/prefix}), as a person clearing it by hand. */
    static void deleteAll(S3Client s3, String location) {
        S3Location at = S3Location.parse(location);
        s3.listObjectsV2Paginator(r -> r.bucket(at.bucket()).prefix(at.prefix() + "/"))
                .contents()
                .forEach(o -> s3.deleteObject(d -> d.bucket(at.bucket()).key(o.key())));
    }

    static Secrets secrets() {
        return id -> CREDENTIALS_ID.equals(id)
                ? Optional.of(new Secrets.Credential(ACCESS_KEY, SECRET_KEY))
                : Optional.empty();
    }

    /** Server settings for {@code location} on the proxy. */
    static Map<String, Object> settings(String location) {
        return Map.of("location", location, "endpointUrl", endpoint().toString(), "region", "us-east-1");
    }
}
