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
                entry(Read.RETENTION, c, "retention", sla, p, seen.putIfAbsent("retention", i), file, problems);
                continue;
            }
            String property = SlaDurations.freshnessProperty(sla.property());
            if (property == null) {
                nearMiss(sla, p, file, problems);
                continue;
            }
            entry(Read.FRESHNESS, c, property, sla, p, seen.putIfAbsent(property, i), file, problems);
        }
    }

    /** How a kind of SLA property is read: by the freshness check, or by the stores as a retention. */
    private enum Read {
        FRESHNESS(
                "Cannot check the freshness of contract ", "the check", SlaDurations.UNITS.keySet(), SlaDurations.HINT),
        RETENTION(
                "Cannot read the retention SLA of contract ",
                "the stores",
                SlaDurations.RETENTION_UNITS,
                SlaDurations.RETENTION_HINT);

        final String label;
        final String reader;
        final java.util.Set<String> units;
        final String hint;

        Read(String label, String reader, java.util.Set<String> units, String hint) {
            this.label = label;
            this.reader = reader;
            this.units = units;
            this.hint = hint;
        }

        void value(SlaProperty sla) {
            if (this == RETENTION) SlaDurations.retention(sla.value(), sla.unit());
            else SlaDurations.duration(sla.value(), sla.unit());
        }
    }

    /** One entry as {@code read} reads it; {@code first} is the index of an earlier entry of the property, if any. */
    private static void entry(
            Read read,
            DataContract c,
            String property,
            SlaProperty sla,
            String p,
            Integer first,
            Path file,
            Problems problems) {
        String label = read.label + Quoted.of(c.id()) + ": ";
        if (first != null) {
            problems.error(
                    CODE,
                    file,
                    Pointers.child(p, "property"),
                    label + property + " is declared twice (also at slaProperties index " + first + "), and "
                            + read.reader + " would read only the first",
                    "keep one " + property + " entry");
        }
        if (sla.unit() != null && !read.units.contains(sla.unit().trim().toLowerCase(Locale.ROOT))) {
            String guess = Suggestions.closest(sla.unit().trim(), read.units);
            problems.error(
                    CODE,
                    file,
                    Pointers.child(p, "unit"),
                    label + property + " has unit " + Quoted.of(sla.unit()) + ", which the SDK does not read",
                    (guess != null ? "perhaps you meant '" + guess + "'; " : "") + read.hint);
            return;
        }
        if (sla.value() instanceof Map || sla.value() instanceof java.util.Collection) return; // the schema reports it
        try {
            read.value(sla);
        } catch (IllegalArgumentException e) {
            problems.error(
                    CODE,
                    file,
                    Pointers.child(p, "value"),
                    label + property + " value " + Quoted.of(String.valueOf(sla.value())) + " " + e.getMessage(),
                    read.hint);
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
