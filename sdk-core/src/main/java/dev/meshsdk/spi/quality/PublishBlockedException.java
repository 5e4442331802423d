package dev.meshsdk.spi.quality;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
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

    public PublishBlockedException(String message, List<QualityResult> results) {
        super(ErrorCode.QUALITY_FAILED, message);
        this.results = List.copyOf(results);
    }

    /** Every rule's result on the rows that were not published. */
    public List<QualityResult> results() {
        return results;
    }
}
