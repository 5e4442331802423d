package dev.meshsdk.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A Java 17 job in a JVM of its own, started with the README's flags for a standalone Spark job. */
final class ForkedJob {
    private ForkedJob() {}

    /**
     * Runs {@code mainClass} to its end (at most {@code limit}) and returns what it wrote to standard output and
     * error, also kept in {@code output}; fails the test when it does not end or exits with another code than 0.
     */
    static String run(List<String> classPath, String mainClass, Duration limit, Path output, String... args)
            throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(StandaloneReaderIT.README_FLAGS);
        command.add("-Xmx1g");
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classPath));
        command.add(mainClass);
        command.addAll(List.of(args));
        Process job = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean ended = job.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (!ended) job.destroyForcibly();
        String out = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(ended)
                .as("the job %s ended within %s; its output:%n%s", output, limit, out)
                .isTrue();
        assertThat(job.exitValue())
                .as("the exit code of the job %s; its output:%n%s", output, out)
                .isZero();
        return out;
    }
}
