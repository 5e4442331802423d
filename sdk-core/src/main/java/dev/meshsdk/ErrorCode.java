package dev.meshsdk;

/** Why an operation failed, and whether the user can fix it. */
public enum ErrorCode {
    /** Descriptors failed validation; the exception is a {@link ValidationException}. */
    INVALID_DESCRIPTOR(true),
    /** Configuration (plugin parameters, adapter settings) is wrong or incomplete. */
    INVALID_CONFIGURATION(true),
    /** A data file given to a data-side goal (publish) is malformed or does not match the contract. */
    INVALID_INPUT(true),
    /** No adapter, registry or engine is loaded under the name asked for, or two share a name. */
    ADAPTER_NOT_FOUND(true),
    /** The plan was computed against a state that has since moved; plan again. */
    STALE_PLAN(true),
    /** The plan holds refused (breaking) changes. */
    PLAN_REFUSED(true),
    /** Another deploy of the same product holds the lock. */
    LOCK_HELD(true),
    /** Governance policies deny the deploy. */
    POLICY_DENIED(true),
    /**
     * The policy engine could not decide: its server cannot be reached or is unavailable. Nothing was
     * denied; run again once it is back (an operator's fault, not the user's).
     */
    POLICY_UNAVAILABLE(false),
    /** Blocking quality rules failed on the data about to be published; nothing was published. */
    QUALITY_FAILED(true),
    /** An adapter was asked for an ability it does not have. */
    UNSUPPORTED(true),
    /** A product, port or version asked for is not in the catalog of the environment. */
    NOT_FOUND(true),
    /** A store, server or file system failed. */
    STORAGE_FAILURE(false),
    /** The registry failed. */
    REGISTRY_FAILURE(false),
    /** A bug in the SDK or an adapter. */
    INTERNAL(false);

    private final boolean userError;

    ErrorCode(boolean userError) {
        this.userError = userError;
    }

    public boolean userError() {
        return userError;
    }
}
