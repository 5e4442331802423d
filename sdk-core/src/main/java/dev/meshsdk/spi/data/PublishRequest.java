package dev.meshsdk.spi.data;

import dev.meshsdk.spi.quality.ScopedRule;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One file to publish into one table (schema object) of a port.
 *
 * @param object the schema object (table) to load; the port's only one when it has one
 * @param rules  the contract's rules for that object; the blocking ones gate the publish
 */
public record PublishRequest(Path file, FileFormat format, Mode mode, String object, List<ScopedRule> rules) {
    public PublishRequest {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(object, "object");
        rules = List.copyOf(rules);
    }

    /** Replace the table's rows, or append to them. */
    public enum Mode {
        REPLACE, APPEND;

        /** The mode named {@code replace} or {@code append}, in any case. */
        public static Mode of(String name) {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** The file formats every {@link PortData} reads. */
    public enum FileFormat {
        /** RFC 4180 CSV with a header row naming the columns. */
        CSV,
        /** One JSON object per line. */
        JSON_LINES,
        /** Apache Parquet. */
        PARQUET;

        /** The format a file name says ({@code .csv}, {@code .jsonl}/{@code .ndjson}/{@code .json}, {@code .parquet}), if any. */
        public static java.util.Optional<FileFormat> of(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".csv")) return java.util.Optional.of(CSV);
            if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
                return java.util.Optional.of(JSON_LINES);
            }
            if (name.endsWith(".parquet")) return java.util.Optional.of(PARQUET);
            return java.util.Optional.empty();
        }
    }
}
