package dev.meshsdk;

import com.codahale.metrics.ConsoleReporter;
import com.codahale.metrics.CsvReporter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.ScheduledReporter;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Turns on a Dropwizard Metrics reporter for the SDK's metrics ({@code mesh.phase.*},
 * {@code mesh.adapter.<name>.<op>}, {@code mesh.deploy.changes}). Spec: {@code console} (a report on
 * close) or {@code csv:<directory>}. The caller closes the returned reporter, which reports once more.
 */
public final class MetricsReporting {
    private MetricsReporting() {}

    public static AutoCloseable start(MetricRegistry metrics, String spec, PrintStream console) {
        String s = spec == null ? "" : spec.trim();
        ScheduledReporter reporter;
        if (s.equalsIgnoreCase("console")) {
            reporter = ConsoleReporter.forRegistry(metrics)
                    .outputTo(console)
                    .convertDurationsTo(TimeUnit.MILLISECONDS)
                    .convertRatesTo(TimeUnit.SECONDS)
                    .build();
        } else if (s.toLowerCase(Locale.ROOT).startsWith("csv:")) {
            Path dir = Path.of(s.substring(4));
            try {
                Files.createDirectories(dir);
            } catch (java.io.IOException e) {
                throw new MeshException(
                        ErrorCode.INVALID_CONFIGURATION, "Cannot write metrics to " + dir + ": " + e.getMessage(), e);
            }
            reporter = CsvReporter.forRegistry(metrics)
                    .convertDurationsTo(TimeUnit.MILLISECONDS)
                    .build(dir.toFile());
        } else {
            throw new MeshException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "Cannot start metrics reporter '" + spec + "': use 'console' or 'csv:<directory>'");
        }
        return () -> {
            reporter.report();
            reporter.close();
        };
    }
}
