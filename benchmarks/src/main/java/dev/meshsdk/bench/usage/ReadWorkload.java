package dev.meshsdk.bench.usage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Three roles reading a known subset of the benchmark's tables, each table by its own statement: {@code
 * bench_reader_a} reads every 10th table twice, {@code bench_reader_b} every 25th three times, {@code
 * bench_reader_c} every 100th once. Each {@link #run} adds the same reads, so a collection after it counts
 * {@link #total()}.
 */
final class ReadWorkload {
    private static final List<Reader> READERS = List.of(
            new Reader("bench_reader_a", 10, 2),
            new Reader("bench_reader_b", 25, 3),
            new Reader("bench_reader_c", 100, 1));

    private record Reader(String role, int every, int times) {}

    private final int port;
    private final int size;

    private ReadWorkload(int port, int size) {
        this.port = port;
        this.size = size;
    }

    /** Creates the roles and lets them read the benchmark's schema. */
    static ReadWorkload create(Connection admin, int port, int size) throws SQLException {
        try (Statement s = admin.createStatement()) {
            for (Reader r : READERS) {
                s.execute("CREATE ROLE " + r.role() + " LOGIN PASSWORD 'pw-" + r.role() + "'");
                s.execute("GRANT USAGE ON SCHEMA " + UsageMesh.SCHEMA + " TO " + r.role());
                s.execute("GRANT SELECT ON ALL TABLES IN SCHEMA " + UsageMesh.SCHEMA + " TO " + r.role());
            }
        }
        return new ReadWorkload(port, size);
    }

    void run() throws SQLException {
        for (Reader r : READERS) {
            try (Connection c = DriverManager.getConnection(
                            "jdbc:postgresql://localhost:" + port + "/postgres", r.role(), "pw-" + r.role());
                    Statement s = c.createStatement()) {
                for (int i = 0; i < size; i += r.every()) {
                    for (int k = 0; k < r.times(); k++) {
                        s.executeQuery("SELECT count(*) FROM " + UsageMesh.SCHEMA + "." + UsageMesh.port(i))
                                .close();
                    }
                }
            }
        }
    }

    /** The reads of one run in all. */
    long total() {
        long n = 0;
        for (int i = 0; i < size; i++) n += expected(i);
        return n;
    }

    /** The reads of one run of table {@code i}. */
    long expected(int i) {
        return readers(i).values().stream().mapToLong(Long::longValue).sum();
    }

    /** The reads of one run of table {@code i} by role. */
    Map<String, Long> readers(int i) {
        Map<String, Long> out = new TreeMap<>();
        for (Reader r : READERS) if (i % r.every() == 0) out.put(r.role(), (long) r.times());
        return out;
    }

    /** Tables to check: read by all three, by some, and by none. */
    List<Integer> sample() {
        return List.of(0, 10, 25, 50, 100, 1, size - 1, size / 2).stream()
                .filter(i -> i < size)
                .distinct()
                .toList();
    }
}
