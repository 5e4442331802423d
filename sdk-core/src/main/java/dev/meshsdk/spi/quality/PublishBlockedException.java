package dev.meshsdk.spi.quality;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.data.DataFiles;
import java.util.List;

/**
 * A write-audit-publish stopped by blocking quality rules, thrown by every publisher (Delta on Spark,
 * PostgreSQL, Redshift): nothing was published. The message names each failed blocking rule and its measured
 * value; {@link #results()} holds every rule's outcome on the candidate rows, failed or not. Code
 * {@link ErrorCode#QUALITY_FAILED}.
 */
public final class PublishBlockedException extends MeshException {
    private static final long serialVersionUID = 1L;
    private final transient List<QualityResult> results;
    private final transient List<DataFiles.BadValue> offending;
    private final long offendingTotal;

    public PublishBlockedException(String message, List<QualityResult> results) {
        this(message, results, List.of(), 0);
    }

    /**
     * A refusal that also places the rows breaking the blocking row-level rules ({@code nullValues},
     * {@code invalidValues}, {@code duplicateValues}, ...) in the file.
     *
     * @param offending the first rows breaking them, in the file's order (never a value)
     * @param total     how many rows break them in all
     */
    public PublishBlockedException(
            String message, List<QualityResult> results, List<DataFiles.BadValue> offending, long total) {
        super(ErrorCode.QUALITY_FAILED, message);
        this.results = List.copyOf(results);
        this.offending = List.copyOf(offending);
        this.offendingTotal = Math.max(total, offending.size());
    }

    /** The first rows of the file that break a blocking row-level rule, in its order; empty when not placed. */
    public List<DataFiles.BadValue> offending() {
        return offending;
    }

    /** How many rows break a blocking row-level rule, as far as they were counted. */
    public long offendingTotal() {
        return offendingTotal;
    }

    /** Every rule's result on the rows that were not published. */
    public List<QualityResult> results() {
        return results;
    }
}
