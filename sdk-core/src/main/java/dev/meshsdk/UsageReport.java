package dev.meshsdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * How the mesh of an environment is read, from the registry's usage history ({@link Mesh#usage(int)}): per
 * product and port the reads over 7, 30 and 90 days, the distinct readers, the top readers and the last read;
 * and the unused report, the ports with no read in {@code unusedDays} days, biggest first.
 *
 * @param asOf       the last day counted (today, UTC)
 * @param ports      every port with usage history, by product and port
 * @param unused     the ports observed in the last {@code unusedDays} days and never read in them, biggest first
 *                   (size unknown last), then by product and port
 * @param unobserved the catalog's ports without usage history ({@code product/port}): no collector observed them
 */
public record UsageReport(String environment, LocalDate asOf, int unusedDays, List<PortUsage> ports,
                          List<Unused> unused, List<String> unobserved) {
    public UsageReport {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(asOf, "asOf");
        ports = List.copyOf(ports);
        unused = List.copyOf(unused);
        unobserved = List.copyOf(unobserved);
    }

    /**
     * The usage of one port.
     *
     * @param readers30    the distinct named readers in the last 30 days
     * @param topReaders   the readers with the most reads in the last 90 days, most first (at most five)
     * @param lastRead     the last read in the history kept (null: none)
     * @param observedDays the days of the last 90 with a day row (how much the figures cover)
     * @param bytes        the size last collected, -1 when the store does not tell
     */
    public record PortUsage(String productId, String port, String team, List<String> owners, long reads7, long reads30,
                            long reads90, int readers30, List<ReaderReads> topReaders, Instant lastRead,
                            int observedDays, long bytes) {
        public PortUsage {
            owners = List.copyOf(owners);
            topReaders = List.copyOf(topReaders);
        }
    }

    /** Reads by one reader. */
    public record ReaderReads(String reader, long reads) {
    }

    /**
     * A port nobody read in the report's {@code unusedDays}.
     *
     * @param wholeProduct whether every observed port of its product is unused too
     * @param lastRead     the last read in the history kept, null when never
     */
    public record Unused(String productId, String port, String team, List<String> owners, long bytes,
                         Instant lastRead, int observedDays, boolean wholeProduct) {
        public Unused {
            owners = List.copyOf(owners);
        }
    }

    /** Writes {@code usage.json} (this report), {@code usage.csv} (a row per port) and {@code unused.csv}. */
    public List<Path> write(Path directory) {
        try {
            Files.createDirectories(directory);
            Path json = directory.resolve("usage.json");
            Files.write(json, dev.meshsdk.spi.registry.RegistryJson.writeIndented(this));
            Path csv = directory.resolve("usage.csv");
            StringBuilder b = new StringBuilder("product,port,team,owners,reads_7d,reads_30d,reads_90d,readers_30d,"
                    + "top_readers,last_read,observed_days,bytes\n");
            for (PortUsage p : ports) {
                b.append(String.join(",", csv(p.productId()), csv(p.port()), csv(p.team()),
                        csv(String.join(" ", p.owners())), String.valueOf(p.reads7()), String.valueOf(p.reads30()),
                        String.valueOf(p.reads90()), String.valueOf(p.readers30()),
                        csv(p.topReaders().stream().map(r -> r.reader() + ":" + r.reads()).collect(Collectors.joining(" "))),
                        csv(p.lastRead() == null ? "" : p.lastRead().toString()), String.valueOf(p.observedDays()),
                        String.valueOf(p.bytes()))).append('\n');
            }
            Files.writeString(csv, b, StandardCharsets.UTF_8);
            Path unusedCsv = directory.resolve("unused.csv");
            StringBuilder u = new StringBuilder("product,port,team,owners,bytes,last_read,observed_days,whole_product\n");
            for (Unused x : unused) {
                u.append(String.join(",", csv(x.productId()), csv(x.port()), csv(x.team()),
                        csv(String.join(" ", x.owners())), String.valueOf(x.bytes()),
                        csv(x.lastRead() == null ? "" : x.lastRead().toString()), String.valueOf(x.observedDays()),
                        String.valueOf(x.wholeProduct()))).append('\n');
            }
            Files.writeString(unusedCsv, u, StandardCharsets.UTF_8);
            return List.of(json, csv, unusedCsv);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the usage report to " + directory + ": " + e.getMessage(), e);
        }
    }

    /** A size for people: {@code 512 B}, {@code 16.0 kB}, {@code 1.5 GB}; {@code unknown} for -1. */
    public static String displaySize(long bytes) {
        if (bytes < 0) return "unknown";
        if (bytes < 1024) return bytes + " B";
        String[] units = {"kB", "MB", "GB", "TB", "PB"};
        double v = bytes;
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[i]);
    }

    /** A CSV field, quoted when it must be; a leading formula character is neutralised for spreadsheets. */
    private static String csv(String s) {
        if (s == null) return "";
        String v = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        return v.matches(".*[\",\\n\\r].*") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
