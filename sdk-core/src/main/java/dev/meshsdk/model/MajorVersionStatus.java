package dev.meshsdk.model;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a producer declares about an older contract major version of one of its output ports, in the output
 * port's {@code majorVersions} custom property (ODPS {@code customProperties}, so the product file stays valid
 * ODPS):
 *
 * <pre>
 * outputPorts:
 *   - name: orders
 *     version: 2.0.0
 *     contractId: orders
 *     customProperties:
 *       - property: majorVersions
 *         value:
 *           - major: 1
 *             status: retired       # deprecated | retired
 *             sunset: 2026-11-30    # ISO date; required for retired
 * </pre>
 *
 * A deprecated version is still served and its consumers' builds warn, naming the sunset. A retired version's
 * grants are revoked and its consumers' builds fail; its table is dropped after the sunset once no consumer in
 * the registry reads it.
 *
 * @param sunset null when none is given (allowed for {@code deprecated} only)
 */
public record MajorVersionStatus(int major, String status, LocalDate sunset) {
    /** The custom property of an output port that holds the declarations. */
    public static final String PROPERTY = "majorVersions";

    public static final String DEPRECATED = "deprecated";
    public static final String RETIRED = "retired";

    public MajorVersionStatus {
        Objects.requireNonNull(status, "status");
        if (!status.equals(DEPRECATED) && !status.equals(RETIRED)) {
            throw new IllegalArgumentException("status must be deprecated or retired: " + status);
        }
        if (status.equals(RETIRED) && sunset == null) {
            throw new IllegalArgumentException("a retired version needs a sunset");
        }
    }

    public boolean retired() {
        return status.equals(RETIRED);
    }

    /** A problem in a declaration: the JSON pointer below the custom property's {@code value}, and what is wrong. */
    public record Problem(String pointer, String message) {}

    /** The declarations read from a custom property's value, and every problem found in it. */
    public record Parsed(List<MajorVersionStatus> statuses, List<Problem> problems) {
        public Parsed {
            statuses = List.copyOf(statuses);
            problems = List.copyOf(problems);
        }
    }

    /** The port's declarations; entries with problems are left out (the descriptor checks report them). */
    public static List<MajorVersionStatus> of(OutputPort port) {
        return port.customProperties().stream()
                .filter(c -> c.property().equals(PROPERTY))
                .findFirst()
                .map(c -> parse(c.value()).statuses())
                .orElse(List.of());
    }

    /** Reads the value of a {@code majorVersions} custom property. */
    public static Parsed parse(Object value) {
        List<MajorVersionStatus> out = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        if (!(value instanceof List<?> list)) {
            problems.add(new Problem("", "must be a list of entries with 'major', 'status' and 'sunset'"));
            return new Parsed(out, problems);
        }
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                problems.add(new Problem("/" + i, "must be an entry with 'major', 'status' and 'sunset'"));
                continue;
            }
            int before = problems.size();
            Integer major = null;
            Object mv = m.get("major");
            if (mv instanceof Number n && n.doubleValue() == n.intValue() && n.intValue() >= 1) {
                major = n.intValue();
            } else {
                problems.add(new Problem(
                        "/" + i + (mv == null ? "" : "/major"),
                        "needs 'major': the contract major" + " version it is about, a whole number from 1 (found "
                                + (mv == null ? "none" : "'" + mv + "'") + ")"));
            }
            Object sv = m.get("status");
            String status = sv == null ? null : String.valueOf(sv).trim().toLowerCase(Locale.ROOT);
            if (!DEPRECATED.equals(status) && !RETIRED.equals(status)) {
                problems.add(new Problem(
                        "/" + i + (sv == null ? "" : "/status"),
                        "needs 'status: deprecated' or" + " 'status: retired' (found "
                                + (sv == null ? "none" : "'" + sv + "'") + ")"));
            }
            Object dv = m.get("sunset");
            LocalDate sunset = null;
            if (dv != null) {
                try {
                    sunset = LocalDate.parse(String.valueOf(dv).trim());
                } catch (DateTimeParseException e) {
                    problems.add(new Problem(
                            "/" + i + "/sunset", "'sunset' must be a date as yyyy-mm-dd (found '" + dv + "')"));
                }
            } else if (RETIRED.equals(status)) {
                problems.add(new Problem(
                        "/" + i,
                        "a retired version needs 'sunset': the date after which its table" + " may be dropped"));
            }
            if (problems.size() == before) out.add(new MajorVersionStatus(major, status, sunset));
        }
        return new Parsed(out, problems);
    }
}
