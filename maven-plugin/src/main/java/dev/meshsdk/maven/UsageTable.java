package dev.meshsdk.maven;

import dev.meshsdk.UsageReport;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code mesh:usage}'s tables: a row per port (reads over 7, 30 and 90 days, distinct readers in 30 days, last
 * read, top readers), the unused ports, biggest first, and the consumers who stopped reading.
 */
final class UsageTable {
    private UsageTable() {}

    static List<String> ports(UsageReport report) {
        List<List<String>> rows = new ArrayList<>();
        for (UsageReport.PortUsage p : report.ports()) {
            rows.add(List.of(
                    p.productId() + "/" + p.port(),
                    String.valueOf(p.reads7()),
                    String.valueOf(p.reads30()),
                    String.valueOf(p.reads90()),
                    String.valueOf(p.readers30()),
                    UsageReport.displayTime(p.lastRead()),
                    p.topReaders().stream()
                            .map(r -> r.reader() + " (" + r.reads() + ")")
                            .collect(Collectors.joining(", "))));
        }
        return TextTable.lines(
                List.of("port", "reads 7d", "30d", "90d", "readers 30d", "last read", "top readers"), rows);
    }

    static List<String> unused(UsageReport report) {
        List<List<String>> rows = new ArrayList<>();
        for (UsageReport.Unused u : report.unused()) {
            rows.add(List.of(
                    u.productId() + "/" + u.port(),
                    u.team() == null ? "" : u.team(),
                    String.join(" ", u.owners()),
                    UsageReport.displaySize(u.bytes()),
                    UsageReport.displayTime(u.lastRead()),
                    String.valueOf(u.observedDays()),
                    u.wholeProduct() ? "whole product unused" : ""));
        }
        return TextTable.lines(List.of("port", "team", "owners", "size", "last read", "days observed", ""), rows);
    }

    /** The ports deployed within the window and not read yet: new, not unused. */
    static List<String> newPorts(UsageReport report) {
        List<String> out = new ArrayList<>();
        report.newPorts()
                .forEach(p -> out.add(
                        p.productId() + "/" + p.port() + ": " + p.newNote().orElseThrow()));
        return out;
    }

    /**
     * The consumers who read each port (with the principals they read as), then those who stopped reading, flagged on the producer's port and on the consumer's product, then those
     * nobody can tell about; nothing when every consumer reads.
     */
    static List<String> consumers(UsageReport report) {
        List<String> out = new ArrayList<>();
        int days = report.unusedDays();
        report.consumers().stream()
                .filter(c -> c.status() == UsageReport.ConsumerStatus.READING)
                .forEach(c -> out.add(c.producer() + "/" + c.port() + ": read by consumer product '" + c.consumer()
                        + "' (input port " + c.inputPort() + ", as " + String.join(", ", c.principals())
                        + (c.lastRead() == null ? "" : "; last read " + c.lastRead()) + ")"));
        List<UsageReport.ConsumerReads> stopped = report.consumers().stream()
                .filter(c -> c.status() == UsageReport.ConsumerStatus.STOPPED)
                .toList();
        if (!stopped.isEmpty()) {
            out.add("Consumers who stopped reading in the last " + days + " day(s): " + stopped.size());
            stopped.forEach(c -> out.add("  " + c.producer() + "/" + c.port() + ": " + c.producerNote(days)));
            stopped.forEach(c -> out.add("  " + c.consumer() + ": " + c.consumerNote(days)));
        }
        report.consumers().stream()
                .filter(c -> c.status() == UsageReport.ConsumerStatus.CANNOT_TELL)
                .forEach(c -> out.add(c.producer() + "/" + c.port() + ": " + c.producerNote(days)));
        return out;
    }
}
