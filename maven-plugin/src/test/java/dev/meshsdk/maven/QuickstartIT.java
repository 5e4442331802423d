package dev.meshsdk.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's main job, for real: a copy of {@code examples/quickstart} built twice with
 * {@code mesh:deploy mesh:publish@orders mesh:publish@daily-revenue mesh:check}, with no {@code MAVEN_OPTS}, using
 * the plugin and {@code mesh-spark} that {@code invoker:install} put into {@code target/local-repo}. The quickstart does
 * not list {@code mesh-spark} among the plugin's dependencies: each build's first data goal fetches it. The first
 * build deploys both products, publishes the sample files (Spark runs in a JVM of its own) and checks them; the
 * second finds the products up to date, replaces the data (a second Delta version) and checks again; the third
 * runs the README's {@code mesh:forget -Dmesh.subject=C-96775} and {@code mesh:classify}.
 */
class QuickstartIT {
    private static final List<String> MAIN_JOB =
            List.of("mesh:deploy", "mesh:publish@orders", "mesh:publish@daily-revenue", "mesh:check");

    @Test
    void theMainJobDeploysPublishesAndChecksTheSampleData() throws Exception {
        Path project = copyQuickstart();

        List<String> first = new ArrayList<>();
        assertThat(mvn(project, first)).as(String.join("\n", first)).isZero();
        assertThat(first)
                .contains(
                        "[INFO] Deployed 2 product(s) to 'dev': 4 change(s)",
                        "[INFO] Published 30 row(s) from src/main/data/orders.csv into port 'orders' of 'orders' (replace,"
                                + " Delta version 1, 30 row(s) in the table)",
                        "[INFO] Published 4 row(s) from src/main/data/daily-revenue.csv into port 'daily_revenue' of"
                                + " 'daily-revenue' (replace, Delta version 1, 4 row(s) in the table)",
                        "[INFO] Checked 2 port(s): 7 rule(s) passed, 0 failed");
        assertThat(first.stream().filter(l -> l.matches("\\[INFO\\] Started Spark 4\\.2\\.0 in \\d+\\.\\d s")))
                .as("the three data goals of one command share one forked JVM, so Spark starts once")
                .hasSize(1);
        assertThat(first.stream()
                        .filter(l -> l.startsWith("[INFO] Running mesh:")
                                && l.endsWith(" in a JVM of its own:"
                                        + " Spark needs --add-opens flags that Maven's JVM lacks")))
                .hasSize(1);
        assertThat(first.stream().filter(QuickstartIT::fetchedSpark))
                .as("the first data goal fetches mesh-spark, which the quickstart's POM does not list, once per build")
                .hasSize(1);
        assertThat(first)
                .contains(
                        "[INFO] Running mesh:publish in the JVM of an earlier goal of this build",
                        "[INFO] Running mesh:check in the JVM of an earlier goal of this build");
        assertThat(first).noneMatch(l -> l.startsWith("[WARNING]") || l.startsWith("[ERROR]"));

        List<String> second = new ArrayList<>();
        assertThat(mvn(project, second)).as(String.join("\n", second)).isZero();
        assertThat(second)
                .contains(
                        "[INFO] Everything is up to date",
                        "[INFO] Published 30 row(s) from src/main/data/orders.csv into port 'orders' of 'orders' (replace,"
                                + " Delta version 2, 30 row(s) in the table)",
                        "[INFO] Checked 2 port(s): 7 rule(s) passed, 0 failed");
        assertThat(second)
                .anyMatch(l -> l.matches("\\[INFO\\] orders/orders +orders row count change +30 rows"
                        + " +mustBeBetween \\[15, 45\\] +passed"));

        // the README's forget and classify lines, as written
        List<String> third = new ArrayList<>();
        assertThat(mvn(project, third, List.of("mesh:forget", "-Dmesh.subject=C-96775", "mesh:classify")))
                .as(String.join("\n", third))
                .isZero();
        assertThat(third)
                .contains(
                        "[INFO] Forgot subject in 1 port(s): 2 row(s) deleted",
                        "[INFO] Classified 2 port(s): 0 column(s) hold what looks like personal data their contract does not"
                                + " classify");
        assertThat(third).anyMatch(l -> l.matches("\\[INFO\\] orders/orders +v1 +local +done +2 +(yes|from .+)"));
        assertThat(third.stream().filter(QuickstartIT::fetchedSpark)).hasSize(1);
        assertThat(third).noneMatch(l -> l.contains("C-96775") || l.startsWith("[WARNING]") || l.startsWith("[ERROR]"));
    }

    /** The line of a data goal that fetched mesh-spark of the plugin's version for its JVM. */
    private static boolean fetchedSpark(String line) {
        return line.startsWith("[INFO] Resolved dev.meshsdk:mesh-spark:" + ItMaven.required("mesh.version")
                        + " for the goal's JVM in ")
                && line.endsWith(" beside the plugin's): mesh-spark is not among the plugin's <dependencies>");
    }

    /** Runs the main job once; returns the exit code and collects the output lines. */
    private static int mvn(Path project, List<String> out) throws Exception {
        return mvn(project, out, MAIN_JOB);
    }

    private static int mvn(Path project, List<String> out, List<String> args) throws Exception {
        return ItMaven.run(project, args, Map.of(), out);
    }

    /** The quickstart's POM and sources, without its target/ (the README's command may have been run there). */
    private static Path copyQuickstart() throws IOException {
        Path from = Path.of("../examples/quickstart").toAbsolutePath().normalize();
        Path to = Path.of("target/it-quickstart/quickstart").toAbsolutePath();
        if (Files.exists(to)) {
            try (Stream<Path> old = Files.walk(to)) {
                for (Path p : old.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path relative = from.relativize(f);
                if (relative.startsWith("target")) continue;
                Path target = to.resolve(relative.toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return to;
    }
}
