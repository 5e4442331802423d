package dev.meshsdk.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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
        assertThat(mvn(work.resolve("consumer"), "mesh:validate", first))
                .as(String.join("\n", first))
                .isEqualTo(1);
        assertThat(first).anySatisfy(line -> assertThat(line)
                .startsWith("[ERROR]")
                .contains("product.yaml:17:17: error: Cannot resolve input port 'orders' of product 'daily-revenue':"
                        + " it consumes contract 'sales-orders', which no product in this build or in the registry"
                        + " for 'dev' (localhost:" + pg.getPort() + "/postgres) offers"));

        List<String> producer = new ArrayList<>();
        assertThat(mvn(work.resolve("producer"), "mesh:deploy", producer))
                .as(String.join("\n", producer))
                .isZero();
        assertThat(producer).contains("[INFO] Deployed 1 product(s) to 'dev': 2 change(s)");

        List<String> consumer = new ArrayList<>();
        assertThat(mvn(work.resolve("consumer"), "mesh:deploy", consumer))
                .as(String.join("\n", consumer))
                .isZero();
        assertThat(consumer).contains("[INFO] Deployed 1 product(s) to 'dev': 2 change(s)");

        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT product_id FROM mesh.deployments WHERE outcome = 'SUCCEEDED'" + " ORDER BY seq")) {
            List<String> deployed = new ArrayList<>();
            while (rs.next()) deployed.add(rs.getString(1));
            assertThat(deployed)
                    .as("both builds recorded in the one registry")
                    .containsExactly("orders", "daily-revenue");
        }
    }

    /** Runs one real Maven build; returns its exit code and collects its output lines. */
    private static int mvn(Path project, String goal, List<String> out) throws Exception {
        return ItMaven.run(
                project,
                List.of(goal),
                Map.of(
                        "mesh.registry.postgres.host",
                        "localhost",
                        "mesh.registry.postgres.port",
                        String.valueOf(pg.getPort()),
                        "mesh.registry.postgres.database",
                        "postgres",
                        "mesh.registry.postgres.user",
                        "postgres"),
                out);
    }

    /**
     * Copies the two projects to target/, with the SDK's version filled in, into a folder emptied first: a previous
     * run's tables and registry files (its server is gone, its local tables are not) would change what is deployed.
     */
    private static Path copyProjects() throws IOException {
        Path from = Path.of("src/test/projects/shared-registry-postgres");
        Path to = Path.of("target/it-postgres/shared-registry-postgres");
        if (Files.exists(to)) {
            try (Stream<Path> old = Files.walk(to)) {
                for (Path p : old.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        String version = ItMaven.required("mesh.version");
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
