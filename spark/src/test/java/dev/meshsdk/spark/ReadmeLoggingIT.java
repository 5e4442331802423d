package dev.meshsdk.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code log4j2.properties} the README ("Using the SDK from Java") gives Java users, read from the README itself:
 * a Spark job ({@link ReadmeLoggingProbe}) in a JVM of its own with exactly that file on its class path logs no INFO
 * line, not Delta's harmless "Failed to translate filter" error after a read of a table with deletion vectors, nor
 * Spark's and Hadoop's warnings about what a user cannot change (a plan printed truncated, no native Hadoop library),
 * while Spark's other warnings still show. A control run shows that each check can fail: with the file at level info
 * and without its logger lines, Spark logs INFO, Delta the error, Spark and Hadoop those warnings. The control runs
 * after the job in the same JVM (Log4j reconfigured from the control file, a new session), so that the test starts
 * one JVM, not two. The module's own {@code log4j2-test.properties} is kept off the job's class path (Log4j would
 * prefer it).
 */
class ReadmeLoggingIT {
    static final String DELTA_ERROR = "Failed to translate filter EqualTo(__delta_internal_is_row_deleted,0)";
    static final String WARNING = "a warning from Spark still shows";
    /** What a user cannot change, kept out by the README's loggers. */
    static final List<String> QUIETED = List.of(
            DELTA_ERROR, "Truncated the string representation of a plan", "Unable to load native-hadoop library");

    @TempDir
    Path dir;

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
        String block = readmeBlock();
        assertThat(block).contains("org.apache.spark.sql.delta.DeltaParquetFileFormat");

        // the same file at level info and without its logger lines: it lets Spark's INFO lines, Delta's error and
        // the quieted warnings through, so that each check below can fail
        String control = block.lines()
                .filter(l -> !l.startsWith("logger."))
                .map(l -> l.startsWith("rootLogger.level") ? "rootLogger.level = info" : l)
                .reduce("", (a, l) -> a + l + "\n");
        String out = run(block, control);
        int split = out.indexOf(ReadmeLoggingProbe.CONTROL);
        assertThat(split)
                .as("the control run's start in the job's output:%n%s", out)
                .isPositive();
        String withFile = out.substring(0, split);
        String controlled = out.substring(split + ReadmeLoggingProbe.CONTROL.length());

        assertThat(withFile).contains("read 7 row(s)", WARNING).doesNotContain(QUIETED);
        assertThat(withFile.lines().filter(l -> l.contains(" INFO ")).toList())
                .as("INFO lines with the README's file")
                .isEmpty();

        assertThat(controlled).contains("read 7 row(s)");
        assertThat(controlled.lines().filter(l -> l.contains(" INFO ")).toList())
                .as("control: at level info Spark logs INFO")
                .isNotEmpty();
        assertThat(controlled)
                .as("control: without the logger lines Delta logs its error and Spark its truncated-plan warning")
                // (Hadoop's native-library warning is not required here: a machine with the library lacks it, and
                // Hadoop gives it once per JVM, in the first run)
                .contains(QUIETED.subList(0, 2))
                .contains(WARNING);
    }

    /**
     * Runs the probe in a JVM of its own, with {@code log4j2} as {@code log4j2.properties} on its class path, then
     * with {@code control} (kept off the class path) in the same JVM.
     */
    private String run(String log4j2, String control) throws Exception {
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("log4j2.properties"), log4j2);
        Path controlFile = Files.writeString(dir.resolve("control-log4j2.properties"), control);
        // the probe's class alone, without the test classes' log4j2-test.properties
        Path testClasses = Path.of(ReadmeLoggingProbe.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path probe = Files.createDirectories(dir.resolve("probe/dev/meshsdk/spark"));
        Files.copy(
                testClasses.resolve("dev/meshsdk/spark/ReadmeLoggingProbe.class"),
                probe.resolve("ReadmeLoggingProbe.class"));
        List<String> classPath =
                new ArrayList<>(List.of(config.toString(), dir.resolve("probe").toString()));
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !Path.of(e).toAbsolutePath().equals(testClasses.toAbsolutePath()))
                .forEach(classPath::add);
        return ForkedJob.run(
                classPath,
                ReadmeLoggingProbe.class.getName(),
                dir.resolve("job.log"),
                dir.resolve("table").toString(),
                controlFile.toString(),
                dir.resolve("control-table").toString());
    }
}
