package dev.meshsdk.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one forked JVM of this module's standalone jobs, run once per test JVM for {@link ReadmeLoggingIT} and
 * {@link StandaloneReaderIT}: started with the README's flags ({@link ForkedJob}) and the README's
 * {@code log4j2.properties} on its class path, without the test classes (Log4j would prefer their
 * {@code log4j2-test.properties}); it runs {@link ReadmeLoggingProbe}, which runs the README job, then
 * {@link StandaloneReader}, then the control run. Each test asserts on its part of the output.
 *
 * @param readme  what the job printed with the README's file, as the first thing the JVM ran
 * @param reader  what {@link StandaloneReader} printed
 * @param control what the control run printed
 * @param table   the Delta table {@link StandaloneReader} wrote and read
 * @param readLog the folder of its read log
 */
record StandaloneJobs(String readme, String reader, String control, Path table, Path readLog) {
    /** The jobs' output, or why they failed: the second test fails at once, as the first did. */
    private static Object outcome;

    /** The jobs' output, running them the first time. */
    static synchronized StandaloneJobs run() throws Exception {
        if (outcome == null) {
            try {
                outcome = start();
            } catch (Exception | AssertionError e) {
                outcome = e;
            }
        }
        if (outcome instanceof Exception e) throw e;
        if (outcome instanceof AssertionError e) throw e;
        return (StandaloneJobs) outcome;
    }

    private static StandaloneJobs start() throws Exception {
        String block = ReadmeLoggingIT.readmeBlock();
        // the same file at level info and without its logger lines: it lets Spark's INFO lines, Delta's error and
        // the quieted warnings through, so that each check of ReadmeLoggingIT can fail
        String control = block.lines()
                .filter(l -> !l.startsWith("logger."))
                .map(l -> l.startsWith("rootLogger.level") ? "rootLogger.level = info" : l)
                .reduce("", (a, l) -> a + l + "\n");
        Path dir = newDir();
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("log4j2.properties"), block);
        Path controlFile = Files.writeString(dir.resolve("control-log4j2.properties"), control);
        // the jobs' classes alone, without the test classes' log4j2-test.properties
        Path testClasses = Path.of(ReadmeLoggingProbe.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path jobs = Files.createDirectories(dir.resolve("jobs/dev/meshsdk/spark"));
        for (Class<?> c : List.of(ReadmeLoggingProbe.class, StandaloneReader.class)) {
            String name = c.getSimpleName() + ".class";
            Files.copy(testClasses.resolve("dev/meshsdk/spark").resolve(name), jobs.resolve(name));
        }
        List<String> classPath =
                new ArrayList<>(List.of(config.toString(), dir.resolve("jobs").toString()));
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !Path.of(e).toAbsolutePath().equals(testClasses.toAbsolutePath()))
                .forEach(classPath::add);
        Path table = dir.resolve("orders");
        Path readLog = dir.resolve("reads");
        String out = ForkedJob.run(
                classPath,
                ReadmeLoggingProbe.class.getName(),
                // 5 minutes a run, as when each ran in a JVM of its own: a loaded machine is slow, a hung job ends
                Duration.ofMinutes(15),
                dir.resolve("job.log"),
                dir.resolve("table").toString(),
                controlFile.toString(),
                dir.resolve("control-table").toString(),
                table.toString(),
                readLog.toString());
        int reader = out.indexOf(ReadmeLoggingProbe.READER);
        int controlled = out.indexOf(ReadmeLoggingProbe.CONTROL);
        assertThat(reader)
                .as("the jobs' parts in their output:%n%s", out)
                .isPositive()
                .isLessThan(controlled);
        return new StandaloneJobs(
                out.substring(0, reader),
                out.substring(reader + ReadmeLoggingProbe.READER.length(), controlled),
                out.substring(controlled + ReadmeLoggingProbe.CONTROL.length()),
                table,
                readLog);
    }

    /** A fresh folder under target/, so that "mvn clean" removes what the jobs leave. */
    private static Path newDir() throws IOException {
        Path target = Files.createDirectories(Path.of("target"));
        return Files.createTempDirectory(target.toAbsolutePath(), "standalone-jobs");
    }
}
