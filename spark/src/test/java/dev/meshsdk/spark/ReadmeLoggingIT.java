package dev.meshsdk.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code log4j2.properties} the README ("Using the SDK from Java") gives Java users, read from the README itself:
 * a Spark job ({@link ReadmeLoggingProbe}) in a JVM of its own with exactly that file on its class path logs no INFO
 * line, not Delta's harmless "Failed to translate filter" error after a read of a table with deletion vectors, nor
 * Spark's and Hadoop's warnings about what a user cannot change (a plan printed truncated, no native Hadoop library),
 * while Spark's other warnings still show. A control run shows that each check can fail: with the file at level info
 * and without its logger lines, Spark logs INFO, Delta the error, Spark and Hadoop those warnings. The job runs first
 * in its JVM; the control runs later in the same JVM (Log4j reconfigured from the control file, a new session), which
 * {@link StandaloneJobs} shares with {@link StandaloneReaderIT}: one JVM for the three runs. The module's own
 * {@code log4j2-test.properties} is kept off the job's class path (Log4j would prefer it).
 */
class ReadmeLoggingIT {
    static final String DELTA_ERROR = "Failed to translate filter EqualTo(__delta_internal_is_row_deleted,0)";
    static final String WARNING = "a warning from Spark still shows";
    /** What a user cannot change, kept out by the README's loggers. */
    static final List<String> QUIETED = List.of(
            DELTA_ERROR, "Truncated the string representation of a plan", "Unable to load native-hadoop library");

    /** The README's {@code properties} block, as a user copies it. */
    static String readmeBlock() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int mention = readme.indexOf("put a `log4j2.properties`");
        assertThat(mention).as("the README's log4j2.properties advice").isPositive();
        int start = readme.indexOf("```properties\n", mention);
        int end = readme.indexOf("```", start + 3);
        assertThat(start).as("its properties block").isPositive();
        return readme.substring(start + "```properties\n".length(), end);
    }

    @Test
    void theReadmesLog4jFileKeepsSparksInfoAndDeltasHarmlessErrorOutButNotItsWarnings() throws Exception {
        assertThat(readmeBlock()).contains("org.apache.spark.sql.delta.DeltaParquetFileFormat");
        StandaloneJobs run = StandaloneJobs.run();

        String withFile = run.readme();
        assertThat(withFile).contains("read 7 row(s)", WARNING).doesNotContain(QUIETED);
        assertThat(withFile.lines().filter(l -> l.contains(" INFO ")).toList())
                .as("INFO lines with the README's file")
                .isEmpty();

        String control = run.control();
        assertThat(control).contains("read 7 row(s)");
        assertThat(control.lines().filter(l -> l.contains(" INFO ")).toList())
                .as("control: at level info Spark logs INFO")
                .isNotEmpty();
        assertThat(control)
                .as("control: without the logger lines Delta logs its error and Spark its truncated-plan warning")
                // (Hadoop's native-library warning is not required here: a machine with the library lacks it, and
                // Hadoop gives it once per JVM, in the first run)
                .contains(QUIETED.subList(0, 2))
                .contains(WARNING);
    }
}
