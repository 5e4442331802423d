package dev.meshsdk.spi.quality;

import dev.meshsdk.spi.PortBinding;
import java.util.List;

/**
 * Evaluates a contract's quality rules against the data in a port's home, computing as many metrics as
 * it can in one pass. Not called concurrently for the same port.
 */
public interface QualityEngine extends AutoCloseable {

    /** Whether this engine can evaluate rules on the given port's server type and format. */
    boolean supports(PortBinding port);

    /**
     * Evaluates the rules and returns one result per rule, in the order given. A rule the engine cannot
     * evaluate yields a result with {@code status} {@link QualityResult.Status#ERROR} and a message, not
     * an exception; a store failure throws {@link dev.meshsdk.MeshException} with {@code STORAGE_FAILURE}.
     */
    List<QualityResult> evaluate(PortBinding port, List<ScopedRule> rules);

    @Override
    void close();
}
