package dev.meshsdk.storage.postgres;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which of the watched tables a statement of {@code pg_stat_statements} reads, from its normalised text: a
 * table after {@code FROM} or {@code JOIN} (schema-qualified, or by name alone when that name is unique among
 * the watched tables of the database), or {@code COPY <table> TO}, {@code TABLE <table>}. Statements that only
 * change data or definitions are not reads; the target of {@code DELETE FROM} is not read, but a table an
 * {@code INSERT ... SELECT} or {@code UPDATE ... FROM} reads is. A heuristic on text, documented as such: a view
 * over a port's table, or a table named in a function's body, is not seen.
 */
final class PostgresStatementReads {
    private static final Pattern FIRST_WORD =
            Pattern.compile("^\\s*(?:(?:--[^\\n]*\\n)|(?:/\\*.*?\\*/)|\\s)*([A-Za-z]+)", Pattern.DOTALL);
    private static final Pattern DELETE_TARGET = Pattern.compile("(?is)^\\s*delete\\s+from\\s+(only\\s+)?[\\w\".]+");
    private static final String IDENT = "\"?([A-Za-z_][A-Za-z0-9_$]*)\"?";
    private static final Pattern FROM =
            Pattern.compile("(?i)\\b(?:from|join)\\s+(?:only\\s+)?(?:" + IDENT + "\\s*\\.\\s*)?" + IDENT);
    private static final Pattern COPY_TO =
            Pattern.compile("(?is)^\\s*copy\\s+(?:" + IDENT + "\\s*\\.\\s*)?" + IDENT + "\\b[^;]*?\\bto\\b");
    private static final Pattern TABLE =
            Pattern.compile("(?is)^\\s*table\\s+(?:only\\s+)?(?:" + IDENT + "\\s*\\.\\s*)?" + IDENT);

    private PostgresStatementReads() {}

    /** A watched table. */
    record Table(String schema, String name) {}

    /** The watched tables {@code query} reads; empty when it reads none of them or is no read. */
    static List<Table> reads(String query, List<Table> watched) {
        return reads(query, byName(watched));
    }

    /**
     * The watched tables by lower-case name, for {@link #reads(String, Map)}: built once per database, so that a
     * statement is matched in time independent of how many tables are watched (thousands, for a whole mesh).
     */
    static Map<String, List<Table>> byName(List<Table> watched) {
        Map<String, List<Table>> out = new HashMap<>();
        for (Table t : watched)
            out.computeIfAbsent(t.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(t);
        return out;
    }

    /** As {@link #reads(String, List)}, with the watched tables indexed by {@link #byName}. */
    static List<Table> reads(String query, Map<String, List<Table>> watched) {
        if (query == null) return List.of();
        Matcher first = FIRST_WORD.matcher(query);
        String verb = first.find() ? first.group(1).toLowerCase(Locale.ROOT) : "";
        String text = query;
        switch (verb) {
            case "select", "with", "values", "insert", "update", "merge" -> {}
            case "delete" -> text = DELETE_TARGET.matcher(query).replaceFirst("");
            case "copy" -> {
                Matcher m = COPY_TO.matcher(query);
                return m.find() ? match(m.group(1), m.group(2), watched) : List.of();
            }
            case "table" -> {
                Matcher m = TABLE.matcher(query);
                return m.find() ? match(m.group(1), m.group(2), watched) : List.of();
            }
            default -> {
                return List.of();
            }
        }
        List<Table> out = new ArrayList<>();
        Matcher m = FROM.matcher(text);
        while (m.find()) {
            for (Table t : match(m.group(1), m.group(2), watched)) if (!out.contains(t)) out.add(t);
        }
        return out;
    }

    private static List<Table> match(String schema, String name, Map<String, List<Table>> watched) {
        List<Table> named = watched.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        if (schema != null)
            return named.stream()
                    .filter(t -> t.schema().equalsIgnoreCase(schema))
                    .toList();
        return named.size() == 1 ? named : List.of();
    }
}
