package dev.meshsdk.spi.storage;

import java.util.Objects;

/**
 * A request to erase one data subject. {@code subjectValue} is the value of the subject-key property;
 * it is personal data and never written to logs or audit records. {@code requestId} identifies the
 * request in audit records.
 */
public record ErasureRequest(String requestId, String subjectValue, String requestedBy) {
    public ErasureRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(subjectValue, "subjectValue");
    }

    @Override
    public String toString() {
        return "ErasureRequest[requestId=" + requestId + ", subjectValue=****, requestedBy=" + requestedBy + "]";
    }
}
