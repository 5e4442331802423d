package dev.meshsdk.maven;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.Mesh;
import dev.meshsdk.MeshCatalog;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.registry.CatalogEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/**
 * A goal call for {@link SparkForkIT} that starts no Spark: does what {@code what} says, in the forked JVM.
 *
 * @param what   {@code secret}, {@code user-error}, {@code mojo-failure}, {@code bug}, {@code exit}, {@code print}, {@code pid}
 * @param secretSha256 for {@code secret}: the SHA-256 of the value the forked JVM must find under id
 *                     {@code warehouse} (the value itself would travel in the request), and nowhere else
 */
record ForkTestCall(String what, String secretSha256) implements GoalCall {

    @Override
    public List<CatalogEntry.Port> ports(MeshCatalog catalog) {
        return List.of();
    }

    @Override
    public void run(Mesh mesh, MeshSetup setup, Log log) throws MojoFailureException {
        switch (what) {
            case "secret" -> {
                var credential = new EnvironmentSecrets(System.getenv())
                        .credential("warehouse")
                        .orElseThrow();
                String secret = credential.secret();
                log.info("user " + credential.username() + ", secret as sent: "
                        + sha256(secret).equals(secretSha256));
                String commandLine = String.join(
                        " ", ProcessHandle.current().info().arguments().orElse(new String[0]));
                log.info("secret on the command line: " + commandLine.contains(secret));
                String[] args = ProcessHandle.current().info().arguments().orElseThrow();
                Path folder = Path.of(args[args.length - 1]); // the forked JVM's folder: options and requests
                log.info("secret in the fork's files: " + filesHold(folder, secret));
                log.debug("a debug line");
            }
            case "user-error" ->
                throw new MeshException(
                        ErrorCode.INVALID_INPUT,
                        "src/main/data/orders.csv:1:3: Cannot publish to port 'orders': column 'amout' is not in the contract");
            case "mojo-failure" -> throw new MojoFailureException("Cannot check: -Dmesh.check.failOn is 'sometimes'");
            case "bug" -> throw new IllegalStateException("boom", new IOException("disk full"));
            case "exit" -> Runtime.getRuntime().halt(7);
            case "pid" -> log.info("pid " + ProcessHandle.current().pid());
            case "print" -> {
                System.out.println("printed to System.out");
                System.err.println("WARN SomeLibrary: a warning of a library");
                System.err.println("INFO SomeLibrary: an info line of a library");
                System.err.println("something else on standard error");
                System.err.flush();
                log.warn("a warning of the goal");
            }
            default -> throw new IllegalArgumentException(what);
        }
    }

    static String sha256(String text) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean filesHold(Path dir, String text) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                if (Files.readString(f).contains(text)) return true;
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
