package dev.meshsdk;

import java.util.Objects;

/**
 * The one exception type the SDK throws. {@link ErrorCode#userError()} tells a user's mistake (fix the
 * descriptor, the configuration or the plan) from a fault of a store or a bug (look at the cause).
 * Messages never hold secrets.
 */
public class MeshException extends RuntimeException {
    private final ErrorCode code;

    public MeshException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public MeshException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }

    public boolean userError() {
        return code.userError();
    }
}
