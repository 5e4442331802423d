package dev.meshsdk.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real Ceph RADOS Gateway, a JUnit 5 extension ({@code @ExtendWith(CephRgw.class)}) for the tests S3Proxy
 * cannot serve (bucket policies, tagging, lifecycle, versioning) and for running the S3 paths on a second, real
 * S3 implementation: a single-node cluster started by this kit's {@code ceph/start-rgw.sh} in a temporary folder,
 * once per test JVM, and torn down when the JVM exits. Users (fixed keys): {@code team} (owns the buckets),
 * {@code consumer}, {@code mesh_reader}, {@code mesh_writer} (granted by tests), {@code stranger} (never
 * granted), {@code otherteam}.
 *
 * <p>Where the Ceph packages are missing the tests using this extension do not run: they are reported as
 * skipped with the reason, and a line on standard error names them. With {@code CI=true} a missing Ceph
 * fails them instead.
 *
 * <p>Needs {@code software.amazon.awssdk:s3} and {@code apache-client} on the test class path (optional
 * dependencies of this kit), and Debian's {@code ceph-mon ceph-osd radosgw ceph-common} on the machine.
 */
public final class CephRgw implements BeforeAllCallback {
    public static final List<String> USERS =
            List.of("team", "consumer", "mesh_reader", "mesh_writer", "stranger", "otherteam");
    private static final java.util.Map<String, S3Client> CLIENTS = new java.util.HashMap<>();
    private static URI endpoint;
    private static String unavailable;
    private static Path dir;
    private static Path scripts;

    @Override
    public void beforeAll(ExtensionContext context) {
        String why = start();
        if (why == null) return;
        String message = "Ceph RADOS Gateway unavailable, so " + context.getDisplayName() + " did not run: " + why;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message + " (CI=true: a missing server fails the run; .ci/run installs"
                    + " ceph-mon ceph-osd radosgw ceph-common)");
        }
        System.err.println("[mesh-testkit] SKIPPED " + message);
        Assumptions.abort(message);
    }

    /**
     * Starts the cluster on a daemon thread, so its start-up overlaps tests that do not need it; a test that
     * does waits in {@link #start()}.
     */
    public static void startInBackground() {
        Thread t = new Thread(CephRgw::start, "ceph-rgw-start");
        t.setDaemon(true);
        t.start();
    }

    /** Starts the cluster once; null when it runs, else why not. */
    public static synchronized String start() {
        if (endpoint != null) return null;
        if (unavailable != null) return unavailable;
        for (String tool : List.of("ceph-mon", "ceph-osd", "radosgw", "radosgw-admin", "monmaptool", "ceph")) {
            if (!onPath(tool)) {
                return unavailable = "'" + tool + "' is not installed (apt-get install --no-install-recommends"
                        + " ceph-mon ceph-osd radosgw ceph-common)";
            }
        }
        try {
            scripts = Files.createTempDirectory("mesh-ceph-scripts-");
            for (String name : List.of("start-rgw.sh", "stop-rgw.sh")) {
                try (InputStream in = CephRgw.class.getResourceAsStream("ceph/" + name)) {
                    if (in == null) throw new IOException("ceph/" + name + " is missing from mesh-testkit");
                    Files.copy(in, scripts.resolve(name));
                }
            }
            dir = Files.createTempDirectory("mesh-ceph-");
            int port = freePort();
            Runtime.getRuntime().addShutdownHook(new Thread(CephRgw::stop));
            String out =
                    run(120, "bash", scripts.resolve("start-rgw.sh").toString(), dir.toString(), String.valueOf(port));
            if (!out.contains("ready")) return unavailable = "the cluster did not start: " + out;
            for (String user : USERS) {
                run(
                        60,
                        "radosgw-admin",
                        "-c",
                        dir.resolve("ceph.conf").toString(),
                        "user",
                        "create",
                        "--uid=" + user,
                        "--display-name=" + user,
                        "--access-key=" + accessKey(user),
                        "--secret-key=" + secretKey(user));
            }
            endpoint = URI.create("http://127.0.0.1:" + port);
            return null;
        } catch (IOException | InterruptedException | RuntimeException e) {
            return unavailable = "the cluster did not start: " + e.getMessage();
        }
    }

    private static void stop() {
        if (dir == null) return;
        try {
            run(30, "bash", scripts.resolve("stop-rgw.sh").toString(), dir.toString());
            for (String name : List.of("start-rgw.sh", "stop-rgw.sh")) Files.deleteIfExists(scripts.resolve(name));
            Files.deleteIfExists(scripts);
        } catch (IOException | InterruptedException e) {
            // the JVM is going away
        }
    }

    /** The gateway's endpoint, {@code http://127.0.0.1:<port>}; null until {@link #start()} succeeded. */
    public static URI endpoint() {
        return endpoint;
    }

    /**
     * The gateway's operations log: one JSON line per request ({@code rgw_enable_ops_log}, written to
     * {@code rgw_ops_log_file_path}), appended shortly after each request; null until {@link #start()} succeeded.
     */
    public static Path opsLog() {
        return endpoint == null ? null : dir.resolve("log").resolve("ops.log");
    }

    /** The access key id of one of {@link #USERS}. */
    public static String accessKey(String user) {
        return "KEY" + user.toUpperCase().replace("_", "");
    }

    /** The secret key of one of {@link #USERS}. */
    public static String secretKey(String user) {
        return "secret-of-" + user;
    }

    /** A client signed as {@code user}, shared by the tests of this JVM; do not close it. */
    public static synchronized S3Client client(String user) {
        return CLIENTS.computeIfAbsent(user, u -> S3Client.builder()
                .endpointOverride(endpoint)
                .httpClientBuilder(ApacheHttpClient.builder().expectContinueEnabled(false))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey(u), secretKey(u))))
                .build());
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) return true;
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool));
    }

    private static int freePort() throws IOException {
        // The gateway takes the port, the monitor the next one.
        for (int i = 0; i < 20; i++) {
            int p;
            try (ServerSocket s = new ServerSocket(0)) {
                p = s.getLocalPort();
            }
            if (p < 65000) {
                try (ServerSocket s = new ServerSocket(p + 1)) {
                    return p;
                } catch (IOException busy) {
                    // try another
                }
            }
        }
        throw new IOException("no two free adjacent ports");
    }

    private static String run(int seconds, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " did not finish within " + seconds + " s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) throw new IOException(String.join(" ", cmd) + " failed: " + out.strip());
        return out;
    }
}
