package dev.meshsdk.spi.storage;

import dev.meshsdk.model.SchemaProperty;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;

/**
 * A request to erase one data subject. {@code subjectValue} is the value of the subject-key property;
 * it is personal data and never written to logs or audit records. {@code requestId} identifies the
 * request in audit records.
 *
 * @param subjectType the kind of subject ({@code customer}, or {@link SchemaProperty#DEFAULT_SUBJECT_TYPE} for
 *                    {@code subjectKey: true}): only the columns whose subject key is of that type are
 *                    searched; null searches every subject-key column
 * @param purge       whether to make the deletion physical where the store allows it, in the same call: on
 *                    Delta, rewrite the files the rows were in and vacuum the old ones (within the table's
 *                    retention); on PostgreSQL and Redshift, vacuum the table. Without it an adapter purges
 *                    only when its own settings say so
 */
public record ErasureRequest(
        String requestId, String subjectValue, String requestedBy, String subjectType, boolean purge) {
    public ErasureRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(subjectValue, "subjectValue");
    }

    /** A request over every subject-key column, purging only as the adapter's settings say. */
    public ErasureRequest(String requestId, String subjectValue, String requestedBy) {
        this(requestId, subjectValue, requestedBy, null, false);
    }

    /**
     * Whether the request erases by {@code property}: it is a subject key, of the request's type when the
     * request names one (compared without regard to case). The one rule every adapter applies.
     */
    public boolean erasesBy(SchemaProperty property) {
        return property.subjectType()
                .filter(t -> subjectType == null || t.equalsIgnoreCase(subjectType.trim()))
                .isPresent();
    }

    /**
     * Whether the subject's value can be a value of {@code property} at all, judged by its logical type: a
     * value that is not a number cannot be in an {@code integer} column, so no row there can be the subject's
     * and the table needs no scan. Text, and types this does not know, always fit.
     */
    public boolean fits(SchemaProperty property) {
        String type =
                property.logicalType() == null ? "" : property.logicalType().toLowerCase(Locale.ROOT);
        String v = subjectValue.trim();
        try {
            switch (type) {
                case "integer" -> Long.parseLong(v);
                case "number" -> new BigDecimal(v);
                case "date" -> LocalDate.parse(v);
                case "boolean" -> {
                    if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) return false;
                }
                default -> {
                    return true;
                }
            }
            return true;
        } catch (NumberFormatException | DateTimeParseException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "ErasureRequest[requestId=" + requestId + ", subjectValue=****, requestedBy=" + requestedBy
                + ", subjectType=" + subjectType + ", purge=" + purge + "]";
    }
}
