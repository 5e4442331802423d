package dev.meshsdk.spi.policy;

/**
 * Evaluates governance policies over what is about to be deployed, and over deployed products' data when it is
 * published or checked (events {@code publish}, {@code check}). May be called from several threads.
 */
public interface PolicyEngine extends AutoCloseable {

    /**
     * Evaluates the policies. Denials are findings in the decision, not exceptions. A policy that cannot
     * be evaluated (error, time or memory bound exceeded, server unreachable) throws
     * {@link dev.meshsdk.MeshException}, which blocks the deploy.
     */
    PolicyDecision evaluate(PolicyInput input);

    @Override
    void close();
}
