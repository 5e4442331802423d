package dev.meshsdk.internal.descriptor;

import dev.meshsdk.model.DataContract;
import dev.meshsdk.model.SlaProperty;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The SLA properties the SDK acts on, read at validation as the check reads them (code {@code MESH-SLA}):
 * {@code latency} and {@code frequency} (values and units, see {@link SlaDurations}), each declared once;
 * {@code retention} as the storage adapters and forget read it ({@link SlaDurations#retention}); and a
 * property name that is a near miss of one the SDK reads, which would otherwise be ignored without a word.
 */
final class SlaChecks {
    static final String CODE = "MESH-SLA";
    /** The SLA properties some part of the SDK reads: the freshness check, and {@code retention} for the stores. */
    private static final List<String> READ = List.of("latency", "frequency", "retention");

    private SlaChecks() {}

    static void check(DataContract c, Path file, Problems problems) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < c.slaProperties().size(); i++) {
            SlaProperty sla = c.slaProperties().get(i);
            String p = Pointers.child("/slaProperties", i);
            if ("retention".equals(sla.property())) {
                retention(c, sla, p, seen.putIfAbsent("retention", i), file, problems);
                continue;
            }
            String property = SlaDurations.freshnessProperty(sla.property());
            if (property == null) {
                nearMiss(sla, p, file, problems);
                continue;
            }
            String label = "Cannot check the freshness of contract " + Quoted.of(c.id()) + ": ";
            Integer first = seen.putIfAbsent(property, i);
            if (first != null) {
                problems.error(
                        CODE,
                        file,
                        Pointers.child(p, "property"),
                        label + property + " is declared twice (also at slaProperties index " + first
                                + "), and the check would read only the first",
                        "keep one " + property + " entry");
            }
            if (!SlaDurations.knownUnit(sla.unit())) {
                String guess = Suggestions.closest(sla.unit().trim(), SlaDurations.UNITS.keySet());
                problems.error(
                        CODE,
                        file,
                        Pointers.child(p, "unit"),
                        label + property + " has unit " + Quoted.of(sla.unit()) + ", which the SDK does not read",
                        (guess != null ? "perhaps you meant '" + guess + "'; " : "") + SlaDurations.HINT);
                continue;
            }
            if (sla.value() instanceof Map || sla.value() instanceof java.util.Collection)
                continue; // the schema reports it
            try {
                SlaDurations.duration(sla.value(), sla.unit());
            } catch (IllegalArgumentException e) {
                problems.error(
                        CODE,
                        file,
                        Pointers.child(p, "value"),
                        label + property + " value " + Quoted.of(String.valueOf(sla.value())) + " " + e.getMessage(),
                        SlaDurations.HINT);
            }
        }
    }

    /** The retention as the adapters read it; {@code first} is the index of an earlier retention entry, if any. */
    private static void retention(
            DataContract c, SlaProperty sla, String p, Integer first, Path file, Problems problems) {
        String label = "Cannot read the retention SLA of contract " + Quoted.of(c.id()) + ": ";
        if (first != null) {
            problems.error(
                    CODE,
                    file,
                    Pointers.child(p, "property"),
                    label + "retention is declared twice (also at slaProperties index " + first
                            + "), and the stores would read only the first",
                    "keep one retention entry");
            return;
        }
        if (sla.unit() != null
                && !SlaDurations.RETENTION_UNITS.contains(sla.unit().trim().toLowerCase(Locale.ROOT))) {
            String guess = Suggestions.closest(sla.unit().trim(), SlaDurations.RETENTION_UNITS);
            problems.error(
                    CODE,
                    file,
                    Pointers.child(p, "unit"),
                    label + "unit " + Quoted.of(sla.unit()) + " is not one the SDK reads for retention",
                    (guess != null ? "perhaps you meant '" + guess + "'; " : "") + SlaDurations.RETENTION_HINT);
            return;
        }
        if (sla.value() instanceof Map || sla.value() instanceof java.util.Collection) return; // the schema reports it
        try {
            SlaDurations.retention(sla.value(), sla.unit());
        } catch (IllegalArgumentException e) {
            problems.error(
                    CODE,
                    file,
                    Pointers.child(p, "value"),
                    label + "value " + Quoted.of(String.valueOf(sla.value())) + " " + e.getMessage(),
                    SlaDurations.RETENTION_HINT);
        }
    }

    /** A property written like one the SDK reads ({@code latncy}, {@code Retention}) but not matching it. */
    private static void nearMiss(SlaProperty sla, String pointer, Path file, Problems problems) {
        if (sla.property() == null || sla.property().length() < 4 || READ.contains(sla.property())) return;
        String guess = Suggestions.closest(sla.property(), READ);
        if (guess == null) return;
        problems.warning(
                CODE,
                file,
                Pointers.child(pointer, "property"),
                "SLA property " + Quoted.of(sla.property()) + " is not one the SDK reads, so nothing checks or"
                        + " applies it",
                "perhaps you meant '" + guess + "'");
    }
}
