package dev.meshsdk.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.maven.shared.invoker.DefaultInvocationRequest;
import org.apache.maven.shared.invoker.DefaultInvoker;
import org.apache.maven.shared.invoker.InvocationRequest;
import org.apache.maven.shared.invoker.InvocationResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two teams' real Maven builds (maven-invoker) share the {@code postgres} registry on a real PostgreSQL
 * server (embedded binaries): the consumer's build cannot resolve its input port before the producer's
 * build deployed, and resolves it from the shared registry afterwards. The builds use the plugin and the
 * {@code mesh-storage-postgres} module that {@code invoker:install} put into {@code target/local-repo}.
 * The data ports themselves are the embedded {@code local} store; the registry is what is shared.
 */
class SharedPostgresRegistryIT {
    private static EmbeddedPostgres pg;

    @BeforeAll
    static void start() throws IOException {
        pg = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws IOException {
        if (pg != null) pg.close();
    }

    @Test
    void aProductDeployedByOneBuildIsConsumableByAnother() throws Exception {
        Path work = copyProjects();
        List<String> first = new ArrayList<>();
        assertThat(mvn(work.resolve("consumer"), "mesh:validate", first)).as(String.join("\n", first)).isEqualTo(1);
        assertThat(first).anySatisfy(line -> assertThat(line).startsWith("[ERROR]")
                .contains("product.yaml:17:17: error: Cannot resolve input port 'orders' of product 'daily-revenue':"
                        + " it consumes contract 'sales-orders', which no product in this build or in the registry"
                        + " for 'dev' offers"));

        List<String> producer = new ArrayList<>();
        assertThat(mvn(work.resolve("producer"), "mesh:deploy", producer)).as(String.join("\n", producer)).isZero();
        assertThat(producer).contains("[INFO] Deployed 1 product(s) to 'dev': 2 change(s)");

        List<String> consumer = new ArrayList<>();
        assertThat(mvn(work.resolve("consumer"), "mesh:deploy", consumer)).as(String.join("\n", consumer)).isZero();
        assertThat(consumer).contains("[INFO] Deployed 1 product(s) to 'dev': 2 change(s)");

        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT product_id FROM mesh.deployments WHERE outcome = 'SUCCEEDED'"
                     + " ORDER BY seq")) {
            List<String> deployed = new ArrayList<>();
            while (rs.next()) deployed.add(rs.getString(1));
            assertThat(deployed).as("both builds recorded in the one registry").containsExactly("orders", "daily-revenue");
        }
    }

    /** Runs one real Maven build; returns its exit code and collects its output lines. */
    private static int mvn(Path project, String goal, List<String> out) throws Exception {
        InvocationRequest request = new DefaultInvocationRequest();
        request.setBaseDirectory(project.toFile());
        request.setGoals(List.of(goal));
        request.setBatchMode(true);
        Properties props = new Properties();
        props.setProperty("mesh.registry.postgres.host", "localhost");
        props.setProperty("mesh.registry.postgres.port", String.valueOf(pg.getPort()));
        props.setProperty("mesh.registry.postgres.database", "postgres");
        props.setProperty("mesh.registry.postgres.user", "postgres");
        props.setProperty("maven.repo.local.tail", required("mesh.it.repo.tail"));
        request.setProperties(props);
        request.setOutputHandler(out::add);
        request.setErrorHandler(out::add);
        DefaultInvoker invoker = new DefaultInvoker();
        invoker.setMavenHome(new File(required("maven.home")));
        invoker.setLocalRepositoryDirectory(new File(required("mesh.it.repo")));
        InvocationResult result = invoker.execute(request);
        if (result.getExecutionException() != null) throw result.getExecutionException();
        return result.getExitCode();
    }

    private static String required(String property) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("System property " + property + " is not set; run this test through"
                    + " the maven-plugin module's failsafe configuration (./mvnw -pl maven-plugin -am verify)");
        }
        return v;
    }

    /** Copies the two projects to target/, with the SDK's version filled in. */
    private static Path copyProjects() throws IOException {
        Path from = Path.of("src/test/projects/shared-registry-postgres");
        Path to = Path.of("target/it-postgres/shared-registry-postgres");
        String version = required("mesh.version");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                Files.createDirectories(target.getParent());
                String text = Files.readString(f, StandardCharsets.UTF_8);
                Files.writeString(target, text.replace("@mesh.version@", version), StandardCharsets.UTF_8);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return to;
    }
}
