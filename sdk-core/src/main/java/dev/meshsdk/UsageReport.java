package dev.meshsdk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
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
 * @param unused     the ports observed in the last {@code unusedDays} days and never read in them, biggest first;
 *                   a port first deployed within those days is new, not unused ({@link PortUsage#newSince()})
 *                   (size unknown last), then by product and port
 * @param unobserved the catalog's ports without usage history ({@code product/port}): no collector observed them
 * @param consumers  for each input port resolved to a producer's port, whether the consumer still reads it, by
 *                   producer, port and consumer
 * @param notes      warnings about how the consumers were told: an input port's {@code readers} entry that no
 *                   collected read and no read role of the port knows, with the known names nearest first
 */
public record UsageReport(
        String environment,
        LocalDate asOf,
        int unusedDays,
        List<PortUsage> ports,
        List<Unused> unused,
        List<String> unobserved,
        List<ConsumerReads> consumers,
        List<String> notes) {
    public UsageReport {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(asOf, "asOf");
        ports = List.copyOf(ports);
        unused = List.copyOf(unused);
        unobserved = List.copyOf(unobserved);
        consumers = consumers == null ? List.of() : List.copyOf(consumers);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** A report without consumers. */
    public UsageReport(
            String environment,
            LocalDate asOf,
            int unusedDays,
            List<PortUsage> ports,
            List<Unused> unused,
            List<String> unobserved) {
        this(environment, asOf, unusedDays, ports, unused, unobserved, List.of(), List.of());
    }

    /**
     * Whether a consumer still reads a port it consumes. Every output (text, JSON, CSV) names it by {@link #label()}:
     * {@code reading}, {@code stopped}, {@code cannot_tell}.
     */
    public enum ConsumerStatus {
        /** One of its principals read the port in the report's {@code unusedDays} days. */
        READING,
        /** None of its principals read the port in those days, while collections observed the port. */
        STOPPED,
        /**
         * No principal it reads with is known, the port was not observed in those days, or the consumer has not read
         * since its input port was deployed (it has not started: {@code deployed on D, has not read yet}).
         */
        CANNOT_TELL;

        /** The status as the report's files name it: lower case with underscores ({@code cannot_tell}). */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * How a consumer reads a port it consumes: a consumer's reads are those of the principals it reads with, the read
     * roles of the port's contract named after the consuming product or its team, and the principals its input port
     * lists in the custom property {@code readers}.
     *
     * @param principals   the principals the consumer reads with; empty when none is known
     * @param lastRead     the last day (UTC) one of them read the port in the history read, null when none
     * @param observedDays the days of the report's {@code unusedDays} on which collections observed the port
     * @param reason       why the status is {@link ConsumerStatus#CANNOT_TELL}, null otherwise
     */
    public record ConsumerReads(
            String producer,
            String port,
            String consumer,
            String inputPort,
            List<String> principals,
            ConsumerStatus status,
            LocalDate lastRead,
            int observedDays,
            String reason) {
        public ConsumerReads {
            Objects.requireNonNull(producer, "producer");
            Objects.requireNonNull(port, "port");
            Objects.requireNonNull(consumer, "consumer");
            Objects.requireNonNull(status, "status");
            principals = List.copyOf(principals);
        }

        /**
         * The flag on the producer's port: {@code consumer daily-revenue has not read this port in 30 days (...)}, or
         * why nobody can tell; null while the consumer reads it.
         */
        public String producerNote(int days) {
            return switch (status) {
                case READING -> null;
                case STOPPED -> "consumer " + consumer + " has not read this port" + in(days) + since();
                case CANNOT_TELL -> "cannot tell whether consumer " + consumer + " reads this port: " + reason;
            };
        }

        /** The flag on the consumer: {@code input port orders has not been read in 30 days (...)}; null while read. */
        public String consumerNote(int days) {
            return switch (status) {
                case READING -> null;
                case STOPPED ->
                    "input port " + inputPort + " (" + producer + "/" + port + ") has not been read" + in(days)
                            + since();
                case CANNOT_TELL ->
                    "cannot tell whether input port " + inputPort + " (" + producer + "/" + port + ") is read: "
                            + reason;
            };
        }

        private String in(int days) {
            return " " + observedIn(observedDays, days);
        }

        private String since() {
            return " (read as " + String.join(", ", principals) + "; "
                    + (lastRead == null ? "no read in the history kept" : "last read " + lastRead) + ")";
        }
    }

    /**
     * The usage of one port.
     *
     * @param readers30    the distinct named readers in the last 30 days
     * @param topReaders   the readers with the most reads in the last 90 days, most first (at most five)
     * @param lastRead     the last read in the history kept (null: none)
     * @param observedDays the days of the last 90 with a day row (how much the figures cover)
     * @param bytes        the size last collected, null when the store does not tell (a negative size is taken as
     *                     unknown)
     * @param newSince     the day (UTC) the port was first deployed, when that is within the report's
     *                     {@code unusedDays} and nobody read it since: new, not read yet, which is not unused; null
     *                     otherwise
     */
    public record PortUsage(
            String productId,
            String port,
            String team,
            List<String> owners,
            long reads7,
            long reads30,
            long reads90,
            int readers30,
            List<ReaderReads> topReaders,
            Instant lastRead,
            int observedDays,
            Long bytes,
            LocalDate newSince) {
        public PortUsage {
            lastRead = truncate(lastRead, ChronoUnit.MILLIS);
            owners = List.copyOf(owners);
            topReaders = List.copyOf(topReaders);
            bytes = knownSize(bytes);
        }

        /** A port that is not new. */
        public PortUsage(
                String productId,
                String port,
                String team,
                List<String> owners,
                long reads7,
                long reads30,
                long reads90,
                int readers30,
                List<ReaderReads> topReaders,
                Instant lastRead,
                int observedDays,
                Long bytes) {
            this(
                    productId,
                    port,
                    team,
                    owners,
                    reads7,
                    reads30,
                    reads90,
                    readers30,
                    topReaders,
                    lastRead,
                    observedDays,
                    bytes,
                    null);
        }

        /** How a person reads its state: {@code new since 2026-12-07, not read yet}; empty when it is not new. */
        public java.util.Optional<String> newNote() {
            return java.util.Optional.ofNullable(newSince).map(d -> "new since " + d + ", not read yet");
        }
    }

    /** Reads by one reader. */
    public record ReaderReads(String reader, long reads) {}

    /**
     * A port nobody read in the report's {@code unusedDays}.
     *
     * @param bytes        the size last collected, null when the store does not tell (a negative size is taken as
     *                     unknown)
     * @param wholeProduct whether every observed port of its product is unused too
     * @param lastRead     the last read in the history kept, null when never
     */
    public record Unused(
            String productId,
            String port,
            String team,
            List<String> owners,
            Long bytes,
            Instant lastRead,
            int observedDays,
            boolean wholeProduct) {
        public Unused {
            lastRead = truncate(lastRead, ChronoUnit.MILLIS);
            owners = List.copyOf(owners);
            bytes = knownSize(bytes);
        }
    }

    /**
     * Writes {@code usage.json} (this report), {@code usage.csv} (a row per port), {@code unused.csv} and
     * {@code consumers.csv} (a row per consumer of a port).
     *
     * @throws MeshException {@code INVALID_CONFIGURATION} when the folder cannot be created or written, saying why
     */
    public List<Path> write(Path directory) {
        try {
            Files.createDirectories(directory);
            Path json = directory.resolve("usage.json");
            Files.write(json, dev.meshsdk.spi.registry.RegistryJson.writeIndented(this));
            Path csv = directory.resolve("usage.csv");
            StringBuilder b = new StringBuilder("product,port,team,owners,reads_7d,reads_30d,reads_90d,readers_30d,"
                    + "top_readers,last_read,observed_days,bytes,new_since\n");
            for (PortUsage p : ports) {
                b.append(String.join(
                                ",",
                                csv(p.productId()),
                                csv(p.port()),
                                csv(p.team()),
                                csv(String.join(" ", p.owners())),
                                String.valueOf(p.reads7()),
                                String.valueOf(p.reads30()),
                                String.valueOf(p.reads90()),
                                String.valueOf(p.readers30()),
                                csv(p.topReaders().stream()
                                        .map(r -> r.reader() + ":" + r.reads())
                                        .collect(Collectors.joining(" "))),
                                timestamp(p.lastRead()),
                                String.valueOf(p.observedDays()),
                                p.bytes() == null ? "" : p.bytes().toString(),
                                p.newSince() == null ? "" : p.newSince().toString()))
                        .append('\n');
            }
            Files.writeString(csv, b, StandardCharsets.UTF_8);
            Path unusedCsv = directory.resolve("unused.csv");
            StringBuilder u =
                    new StringBuilder("product,port,team,owners,bytes,last_read,observed_days,whole_product\n");
            for (Unused x : unused) {
                u.append(String.join(
                                ",",
                                csv(x.productId()),
                                csv(x.port()),
                                csv(x.team()),
                                csv(String.join(" ", x.owners())),
                                x.bytes() == null ? "" : x.bytes().toString(),
                                timestamp(x.lastRead()),
                                String.valueOf(x.observedDays()),
                                String.valueOf(x.wholeProduct())))
                        .append('\n');
            }
            Files.writeString(unusedCsv, u, StandardCharsets.UTF_8);
            Path consumersCsv = directory.resolve("consumers.csv");
            StringBuilder c = new StringBuilder(
                    "producer,port,consumer,input_port,principals,status,last_read,observed_days,reason\n");
            for (ConsumerReads x : consumers) {
                c.append(String.join(
                                ",",
                                csv(x.producer()),
                                csv(x.port()),
                                csv(x.consumer()),
                                csv(x.inputPort()),
                                csv(String.join(" ", x.principals())),
                                x.status().label(),
                                x.lastRead() == null ? "" : x.lastRead().toString(),
                                String.valueOf(x.observedDays()),
                                csv(x.reason())))
                        .append('\n');
            }
            Files.writeString(consumersCsv, c, StandardCharsets.UTF_8);
            return List.of(json, csv, unusedCsv, consumersCsv);
        } catch (IOException e) {
            throw new MeshException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "Cannot write the usage report to " + directory + ": " + whyNotWritten(e, directory)
                            + "; choose a folder this user may create and write",
                    e);
        }
    }

    /** Why a folder or file could not be written, in words: not the bare path an {@link IOException} says. */
    private static String whyNotWritten(IOException e, Path directory) {
        if (e instanceof java.nio.file.AccessDeniedException a) return "this user may not write " + a.getFile();
        if (e instanceof java.nio.file.FileAlreadyExistsException f) return f.getFile() + " is a file, not a folder";
        if (e instanceof java.nio.file.NoSuchFileException n) {
            Path parent = n.getFile() == null ? null : Path.of(n.getFile()).getParent();
            return "no such folder, and it cannot be created"
                    + (parent == null
                            ? ""
                            : " in " + parent + (Files.isWritable(parent) ? "" : ", which is not writable"));
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null)
            return (directory.toString().equals(f.getFile()) ? "" : f.getFile() + ": ")
                    + f.getReason().toLowerCase(java.util.Locale.ROOT);
        return String.valueOf(e.getMessage());
    }

    /** The ports first deployed within {@code unusedDays} and not read since ({@link PortUsage#newSince()}). */
    public List<PortUsage> newPorts() {
        return ports.stream().filter(p -> p.newSince() != null).toList();
    }

    /**
     * The span the unused ports were not read in: {@code in the last 30 day(s)} when collections observed each of
     * them on all those days, else {@code in the day(s) of the last 30 that collections observed (days observed
     * per port)}, so that one observed day is never told as 30.
     */
    public String unusedSpan() {
        return unused.stream().allMatch(u -> u.observedDays() >= unusedDays)
                ? "in the last " + unusedDays + " day(s)"
                : "in the day(s) of the last " + unusedDays + " that collections observed (days observed per port)";
    }

    /**
     * A last read as the files ({@code usage.json}, the CSV files) write it: ISO-8601 UTC to at most the millisecond
     * ({@code 2026-12-06T14:40:12.331Z}); empty for null.
     */
    public static String timestamp(Instant time) {
        return time == null ? "" : truncate(time, ChronoUnit.MILLIS).toString();
    }

    /** A last read as people read it in the text report: ISO-8601 UTC to the second; {@code never} for null. */
    public static String displayTime(Instant time) {
        return time == null ? "never" : truncate(time, ChronoUnit.SECONDS).toString();
    }

    private static Instant truncate(Instant time, ChronoUnit unit) {
        return time == null ? null : time.truncatedTo(unit);
    }

    /**
     * The span a port was not read in, by the days collections observed it: {@code in 30 days} when they observed all
     * {@code days}, else {@code in the 1 day(s) of the last 30 that collections observed}, so that one observed day is
     * never told as 30. Every output words an unused port or a consumer who stopped reading with it.
     */
    public static String observedIn(int observedDays, int days) {
        return observedDays >= days
                ? "in " + days + " days"
                : "in the " + observedDays + " day(s) of the last " + days + " that collections observed";
    }

    /** A size for people: {@code 512 B}, {@code 16.0 kB}, {@code 1.5 GB}; {@code unknown} for null. */
    public static String displaySize(Long bytes) {
        if (knownSize(bytes) == null) return "unknown";
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

    /** The one rule for a size the store does not tell: null, also for the -1 that usage history keeps for it. */
    private static Long knownSize(Long bytes) {
        return bytes == null || bytes < 0 ? null : bytes;
    }

    /** A CSV field, quoted when it must be; a leading formula character is neutralised for spreadsheets. */
    private static String csv(String s) {
        if (s == null) return "";
        String v = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        return v.matches(".*[\",\\n\\r].*") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
