package dev.meshsdk.internal.data;

import dev.meshsdk.model.SchemaProperty;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a contract classifies a column as personal data: the same rule as the governance pack's
 * {@code personal_data.rego} (classification {@code restricted}, {@code confidential}, {@code pii},
 * {@code personal} or {@code sensitive}, or the tag {@code pii}).
 */
final class PersonalData {
    static final Set<String> CLASSES = Set.of("restricted", "confidential", "pii", "personal", "sensitive");

    private PersonalData() {}

    static boolean classified(SchemaProperty p) {
        return (p.classification() != null
                        && CLASSES.contains(p.classification().trim().toLowerCase(Locale.ROOT)))
                || p.tags().stream().anyMatch(t -> t.equalsIgnoreCase("pii"));
    }
}
