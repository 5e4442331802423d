package dev.meshsdk.storage.redshift;

import dev.meshsdk.model.CustomProperty;
import dev.meshsdk.model.Server;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.Secrets;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A stand-in for a Redshift endpoint that the real Redshift JDBC driver can talk to: an embedded PostgreSQL
 * behind a PgBouncer started by the tests, which drops the startup parameters only Redshift knows
 * ({@code ignore_startup_parameters}). It runs the SQL that Redshift and PostgreSQL share; it is not Redshift
 * (no SUPER, no SVV_* views, no DISTKEY). Started once per test JVM.
 *
 * <p>PgBouncer comes from the Debian package {@code pgbouncer}. Without it the tests fail when {@code CI=true}
 * and are skipped with the reason otherwise.
 */
final class RedshiftWireServer {
    static final String CREDENTIALS_ID = "rs-test";
    /** What Redshift JDBC 2.3.0 sends at startup that PgBouncer does not know (found by connecting). */
    static final String IGNORED_STARTUP_PARAMETERS =
            "extra_float_digits,driver_version,os_version,client_protocol_version,driver_discovery_version";

    private static RedshiftWireServer instance;

    final int bouncerPort;
    private final EmbeddedPostgres postgres;

    private RedshiftWireServer(EmbeddedPostgres postgres, int bouncerPort) {
        this.postgres = postgres;
        this.bouncerPort = bouncerPort;
    }

    static synchronized RedshiftWireServer get() {
        if (instance == null) instance = start();
        return instance;
    }

    private static RedshiftWireServer start() {
        String bouncer = findPgBouncer();
        if (bouncer == null) {
            String why = "pgbouncer is not installed (it is on no PATH directory nor in /usr/sbin); install it with"
                    + " 'apt-get install -y pgbouncer' to run the Redshift driver tests";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) throw new IllegalStateException(why);
            Assumptions.abort(why);
        }
        EmbeddedPostgres pg;
        try {
            pg = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot start the embedded PostgreSQL behind PgBouncer: " + e.getMessage(), e);
        }
        try {
            Path dir = Files.createTempDirectory("mesh-pgbouncer");
            // PgBouncer refuses to run as root; it then drops to 'nobody', which must read the config.
            dir.toFile().setReadable(true, false);
            dir.toFile().setWritable(true, false);
            dir.toFile().setExecutable(true, false);
            int port = freePort();
            String ini = "[databases]\n"
                    + "postgres = host=127.0.0.1 port=" + pg.getPort() + " dbname=postgres user=postgres\n"
                    + "[pgbouncer]\nlisten_addr = 127.0.0.1\nlisten_port = " + port + "\n"
                    + "auth_type = any\npool_mode = session\nunix_socket_dir =\n"
                    + "logfile = " + dir.resolve("pgbouncer.log") + "\npidfile = " + dir.resolve("pgbouncer.pid") + "\n"
                    + "ignore_startup_parameters = " + IGNORED_STARTUP_PARAMETERS + "\n";
            Path config = dir.resolve("pgbouncer.ini");
            Files.writeString(config, ini);
            config.toFile().setReadable(true, false);
            List<String> command = "root".equals(System.getProperty("user.name"))
                    ? List.of(bouncer, "-u", "nobody", config.toString())
                    : List.of(bouncer, config.toString());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.txt").toFile())
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                process.destroy();
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is going anyway
                }
            }));
            waitForPort(port, process, dir);
            return new RedshiftWireServer(pg, port);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start PgBouncer: " + e.getMessage(), e);
        }
    }

    private static String findPgBouncer() {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin";
        for (String d : path.split(File.pathSeparator)) {
            File f = new File(d, "pgbouncer");
            if (f.canExecute()) return f.getPath();
        }
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void waitForPort(int port, Process process, Path dir) throws IOException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) break;
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        process.destroy();
        throw new IllegalStateException("Cannot start PgBouncer on port " + port + "; its output: "
                + Files.readString(dir.resolve("stdout.txt")));
    }

    /** A connection to PostgreSQL itself (pgjdbc), for setting up and checking. */
    Connection admin() throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", "postgres", null);
    }

    void exec(String... statements) {
        try (Connection c = admin();
                Statement s = c.createStatement()) {
            for (String sql : statements) s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot run test setup " + List.of(statements) + ": " + e.getMessage(), e);
        }
    }

    static String freshName(String prefix) {
        return prefix + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    }

    /** A {@code redshift} server entry pointing at PgBouncer. */
    Server server(String schema) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("host", "127.0.0.1");
        settings.put("port", bouncerPort);
        settings.put("database", "postgres");
        settings.put("schema", schema);
        return new Server(
                CREDENTIALS_ID,
                "redshift",
                null,
                null,
                settings,
                List.of(new CustomProperty("credentialsId", CREDENTIALS_ID, null)),
                Map.of());
    }

    /** A context whose secrets hold the credentials and which turns SSL off (PgBouncer here has none). */
    AdapterContext context() {
        Secrets secrets = id -> CREDENTIALS_ID.equals(id)
                ? Optional.of(new Secrets.Credential("postgres", "unused"))
                : Optional.empty();
        return new AdapterContext("dev", Path.of("."), Map.of("mesh.redshift.jdbc.ssl", "false"), secrets, null, null);
    }
}
