package dev.meshsdk;

import dev.meshsdk.diag.Diagnostic;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What {@link Mesh#classify} found: columns that the contracts do not classify as personal but whose sampled
 * values look like personal data. Holds shares and counts, never a value.
 *
 * @param ports    how many port versions were sampled and judged
 * @param warnings ports that could not be sampled (no data module for their store, a store failure)
 * @param skipped  port versions skipped because their tables hold no rows to sample ({@code product/port}, with
 *                 {@code vN} from major version 2), not counted in {@code ports}
 */
public record ClassifyResult(
        String environment, int ports, List<Finding> findings, List<Diagnostic> warnings, List<String> skipped) {
    /** Why a port in {@link #skipped} was skipped, and what to do. */
    public static final String SKIPPED_BECAUSE = "no rows to sample; publish data first";

    public ClassifyResult {
        Objects.requireNonNull(environment, "environment");
        findings = List.copyOf(findings);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
    }

    /** A result that skipped no port. */
    public ClassifyResult(String environment, int ports, List<Finding> findings, List<Diagnostic> warnings) {
        this(environment, ports, findings, warnings, List.of());
    }

    private String skippedNote() {
        return skipped.isEmpty()
                ? ""
                : "; " + skipped.size() + " port(s) skipped (" + SKIPPED_BECAUSE + "): " + String.join(", ", skipped);
    }

    /** One paragraph for a person. */
    public String summary() {
        if (findings.isEmpty()) {
            return "No unclassified personal data found in the " + ports + " port(s) sampled in '" + environment + "'"
                    + skippedNote()
                    + (warnings.isEmpty() ? "" : "; " + warnings.size() + " port(s) could not be sampled");
        }
        StringBuilder b = new StringBuilder("Found what looks like personal data in ")
                .append(findings.size())
                .append(" unclassified column(s) of the ")
                .append(ports)
                .append(" port(s) sampled in '")
                .append(environment)
                .append("':");
        for (Finding f : findings) b.append("\n  ").append(f.describe());
        if (!skipped.isEmpty()) b.append("\n").append(skippedNote().substring(2));
        if (!warnings.isEmpty()) b.append("\n").append(warnings.size()).append(" port(s) could not be sampled");
        return b.toString();
    }

    /**
     * One column whose values look like one kind of personal data.
     *
     * @param detector what they look like: {@code email}, {@code phone}, {@code iban}, {@code card_number},
     *                 {@code ip_address}, {@code date_of_birth}, {@code person_name}
     * @param share    the share of the column's sampled non-empty values that matched, 0 to 1
     * @param matched  how many sampled values matched
     * @param sampled  how many non-empty values of the column were sampled
     */
    public record Finding(
            String productId,
            String port,
            int majorVersion,
            String table,
            String column,
            String detector,
            double share,
            long matched,
            long sampled) {
        public Finding {
            Objects.requireNonNull(productId, "productId");
            Objects.requireNonNull(port, "port");
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(detector, "detector");
        }

        /** {@code orders/orders v1 orders.contact: email in 97.0% of 10000 sampled values}. */
        public String describe() {
            return productId + "/" + port + " v" + majorVersion + " " + table + "." + column + ": " + detector + " in "
                    + String.format(Locale.ROOT, "%.1f", share * 100) + "% of " + sampled + " sampled values";
        }
    }
}
