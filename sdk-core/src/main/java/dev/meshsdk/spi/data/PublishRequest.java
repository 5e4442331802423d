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
 * @param rules  the contract's rules for that object; the blocking ones gate the publish. A module judges them on
 *               what the table will hold after the commit: with {@link Mode#REPLACE} the file's rows, with
 *               {@link Mode#APPEND} the table's rows and the file's together, so that every rule (a repeated key,
 *               a count, a share of the rows) measures what {@code mesh:check} would measure right after
 * @param audit  what judges a sample of the candidate rows before they are committed; {@link CandidateAudit#NONE}
 *               (also for null) when nothing does
 */
public record PublishRequest(
        Path file, FileFormat format, Mode mode, String object, List<ScopedRule> rules, CandidateAudit audit) {
    public PublishRequest {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(object, "object");
        rules = List.copyOf(rules);
        audit = audit == null ? CandidateAudit.NONE : audit;
    }

    /** A request whose candidate rows only the rules judge. */
    public PublishRequest(Path file, FileFormat format, Mode mode, String object, List<ScopedRule> rules) {
        this(file, format, mode, object, rules, CandidateAudit.NONE);
    }

    /**
     * Judges the rows of a publish before they are committed, beside the blocking rules: the policies on what the
     * rows look like (personal data in a column the contract does not classify). A {@link PortData} calls it
     * once per publish when {@link #sampleRows()} is above 0, after the blocking rules passed and before the
     * commit, on the same thread, with up to that many of the candidate rows (the rows of this publish only,
     * values as text, drawn as cheaply as the store allows). When it throws, the module commits nothing and lets
     * the exception through as it is.
     */
    public interface CandidateAudit {
        /** Judges nothing; a module draws no sample. */
        CandidateAudit NONE = new CandidateAudit() {
            @Override
            public int sampleRows() {
                return 0;
            }

            @Override
            public void judge(Sample candidate) {
                // nothing to judge
            }
        };

        /** How many candidate rows to sample at most; 0 when no sample is wanted. */
        int sampleRows();

        /**
         * Judges the sample.
         *
         * @throws dev.meshsdk.MeshException {@code POLICY_DENIED} naming the file, port, column and why (never a
         *     value) when the rows must not be published
         */
        void judge(Sample candidate);
    }

    /** Replace the table's rows, or append to them. */
    public enum Mode {
        /** The file's rows replace the table's; the rules judge the file's rows. */
        REPLACE,
        /** The file's rows are added to the table's; the rules judge both together. */
        APPEND;

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
