package dev.meshsdk.storage.postgres;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.internal.schema.ColumnEvolution;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.spi.storage.PortProblems;
import dev.meshsdk.storage.jdbc.CatalogInspector;
import dev.meshsdk.storage.jdbc.PgCatalogInspector;
import dev.meshsdk.storage.jdbc.SqlDialect;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's types and SQL. Types are spelled as {@code format_type} prints them ({@code character
 * varying(20)}, {@code timestamp with time zone}), so planned and found columns compare as text.
 */
public final class PostgresDialect extends SqlDialect {
    /** A physical type: a name, an optional (n) or (p,s), an optional []. Anything else is refused. */
    private static final Pattern PHYSICAL = Pattern.compile(
            "^([a-z][a-z0-9 ]*?)\\s*(?:\\(\\s*(\\d{1,5})\\s*(?:,\\s*(\\d{1,5})\\s*)?\\))?\\s*(\\[\\])?$");

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("int", "integer"),
            Map.entry("int4", "integer"),
            Map.entry("integer", "integer"),
            Map.entry("int8", "bigint"),
            Map.entry("bigint", "bigint"),
            Map.entry("int2", "smallint"),
            Map.entry("smallint", "smallint"),
            Map.entry("decimal", "numeric"),
            Map.entry("numeric", "numeric"),
            Map.entry("varchar", "character varying"),
            Map.entry("character varying", "character varying"),
            Map.entry("char", "character"),
            Map.entry("character", "character"),
            Map.entry("bpchar", "character"),
            Map.entry("text", "text"),
            Map.entry("bool", "boolean"),
            Map.entry("boolean", "boolean"),
            Map.entry("float8", "double precision"),
            Map.entry("double precision", "double precision"),
            Map.entry("float", "double precision"),
            Map.entry("float4", "real"),
            Map.entry("real", "real"),
            Map.entry("timestamptz", "timestamp with time zone"),
            Map.entry("timestamp with time zone", "timestamp with time zone"),
            Map.entry("timestamp", "timestamp without time zone"),
            Map.entry("timestamp without time zone", "timestamp without time zone"),
            Map.entry("date", "date"),
            Map.entry("time", "time without time zone"),
            Map.entry("time without time zone", "time without time zone"),
            Map.entry("json", "json"),
            Map.entry("jsonb", "jsonb"),
            Map.entry("uuid", "uuid"),
            Map.entry("bytea", "bytea"),
            // A port's table is written by its pipeline, so a serial column is kept as its integer type
            // without the sequence (the catalog reports it so, and plans compare equal).
            Map.entry("serial", "integer"),
            Map.entry("bigserial", "bigint"),
            Map.entry("smallserial", "smallint"),
            Map.entry("serial4", "integer"),
            Map.entry("serial8", "bigint"),
            Map.entry("serial2", "smallint"));
    private static final List<String> INTEGERS = List.of("smallint", "integer", "bigint");

    private final PgCatalogInspector inspector = new PgCatalogInspector();

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public CatalogInspector inspector() {
        return inspector;
    }

    @Override
    public String columnType(String table, SchemaProperty p) {
        String where = "column " + table + "." + p.storeName();
        if (p.physicalType() != null && !p.physicalType().isBlank()) return physical(where, p.physicalType());
        return logical(where, p);
    }

    private String logical(String where, SchemaProperty p) {
        String logical = p.logicalType() == null ? "string" : p.logicalType().toLowerCase(Locale.ROOT);
        Map<String, Object> o = p.logicalTypeOptions();
        return switch (logical) {
            case "string" -> {
                Integer max = intOption(where, o, "maxLength");
                yield max == null ? "text" : "character varying(" + max + ")";
            }
            case "integer" -> fitsInt(o) ? "integer" : "bigint";
            case "number" -> {
                Integer precision = intOption(where, o, "precision");
                Integer scale = intOption(where, o, "scale");
                if (precision == null) yield "double precision";
                yield "numeric(" + precision + "," + (scale == null ? 0 : scale) + ")";
            }
            case "boolean" -> "boolean";
            case "date" -> "date";
            case "timestamp" -> "timestamp with time zone";
            case "time" -> "time without time zone";
            case "object" -> "jsonb";
            case "array" -> {
                SchemaProperty items = p.items();
                if (items == null
                        || "array".equalsIgnoreCase(items.logicalType())
                        || "object".equalsIgnoreCase(items.logicalType())) yield "jsonb";
                yield columnType(where, items) + "[]";
            }
            default ->
                throw new MeshException(
                        ErrorCode.INVALID_DESCRIPTOR,
                        "Cannot map " + where
                                + ": logicalType '" + p.logicalType()
                                + "' is not one of string, integer, number, boolean,"
                                + " date, timestamp, time, object, array; fix the logicalType or give a physicalType");
        };
    }

    private static boolean fitsInt(Map<String, Object> o) {
        if ("int64".equals(o.get("format"))) return false;
        for (String k : List.of("maximum", "minimum", "exclusiveMaximum", "exclusiveMinimum")) {
            Object v = o.get(k);
            if (v instanceof Number n && (n.doubleValue() > Integer.MAX_VALUE || n.doubleValue() < Integer.MIN_VALUE)) {
                return false;
            }
        }
        return true;
    }

    private static Integer intOption(String where, Map<String, Object> o, String key) {
        Object v = o.get(key);
        if (v == null) return null;
        try {
            int n = Integer.parseInt(String.valueOf(v));
            if (n < 0 || n > 10485760) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new MeshException(
                    ErrorCode.INVALID_DESCRIPTOR,
                    "Cannot map " + where + ": logicalTypeOptions." + key + " is '" + v
                            + "', not a whole number between 0 and 10485760; fix it in the contract");
        }
    }

    /** Parses and normalises a physical type, refusing anything that is not a plain known type. */
    @Override
    protected String physical(String where, String written) {
        Matcher m = PHYSICAL.matcher(written.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " "));
        String base = m.matches() ? ALIASES.get(m.group(1).strip()) : null;
        if (base == null) {
            throw new MeshException(
                    ErrorCode.INVALID_DESCRIPTOR,
                    "Cannot map " + where + ": physicalType '"
                            + shorten(written) + "' is not a PostgreSQL type this adapter writes (known: "
                            + String.join(", ", new java.util.TreeSet<>(ALIASES.keySet()))
                            + ", with (n) or (p,s) and [] where they apply); "
                            + PortProblems.closest(written.strip(), ALIASES.keySet())
                                    .map(t -> "perhaps you meant '" + t + "'; else ")
                                    .orElse("")
                            + "use one of them or drop physicalType");
        }
        String n = m.group(2);
        String s = m.group(3);
        String type;
        if (n == null) {
            type = base;
        } else if (base.equals("numeric") && (s == null || Integer.parseInt(s) <= Integer.parseInt(n))) {
            type = "numeric(" + n + "," + (s == null ? "0" : s) + ")";
        } else if ((base.equals("character varying") || base.equals("character")) && s == null) {
            type = base + "(" + n + ")";
        } else {
            throw new MeshException(
                    ErrorCode.INVALID_DESCRIPTOR,
                    "Cannot map " + where + ": physicalType '"
                            + shorten(written) + "' has a size this adapter does not write; sizes go on numeric(p,s),"
                            + " varchar(n) and char(n)");
        }
        return m.group(4) == null ? type : type + "[]";
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    @Override
    public boolean isWidening(String from, String to) {
        if (from.equals(to)) return true;
        if (from.endsWith("[]") || to.endsWith("[]")) return false;
        int fi = INTEGERS.indexOf(from);
        int ti = INTEGERS.indexOf(to);
        if (fi >= 0 && ti >= 0) return ti > fi;
        if (fi >= 0 && to.equals("numeric")) return true;
        if (from.equals("real") && to.equals("double precision")) return true;
        if (from.startsWith("character varying(") && to.equals("text")) return true;
        Integer fl = size(from, "character varying");
        Integer tl = size(to, "character varying");
        if (fl != null && tl != null) return tl > fl;
        int[] fn = precision(from);
        if (fn != null && to.equals("numeric")) return true;
        int[] tn = precision(to);
        if (fn != null && tn != null) return ColumnEvolution.decimalWidens(fn[0], fn[1], tn[0], tn[1]);
        return false;
    }

    private static Integer size(String type, String base) {
        Matcher m = Pattern.compile("^" + base + "\\((\\d+)\\)$").matcher(type);
        return m.matches() ? Integer.parseInt(m.group(1)) : null;
    }

    private static int[] precision(String type) {
        Matcher m = Pattern.compile("^numeric\\((\\d+),(\\d+)\\)$").matcher(type);
        return m.matches() ? new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))} : null;
    }

    /** An escape string: backslashes and quotes doubled, so the text is the same whatever the settings. */
    /** {@code count(*) FILTER (WHERE ...)}, which PostgreSQL plans as well as a hand-written aggregate. */
    @Override
    public String countWhere(String condition) {
        return "count(*) FILTER (WHERE " + condition + ")";
    }

    @Override
    public String asText(String column) {
        return column + "::text";
    }

    /**
     * {@code TABLESAMPLE BERNOULLI}: rows drawn one by one (not whole pages, as {@code SYSTEM} does, whose rows are
     * alike: loaded together), without sorting.
     */
    @Override
    public String sampleQuery(String qualifiedTable, int rows, long estimatedRows) {
        double p = dev.meshsdk.spi.data.Sample.bernoulliFraction(rows, estimatedRows);
        if (p >= 1.0) return "SELECT * FROM " + qualifiedTable + " LIMIT " + rows;
        return "SELECT * FROM " + qualifiedTable + " TABLESAMPLE BERNOULLI (" + p * 100 + ") REPEATABLE (1) LIMIT "
                + rows;
    }

    /**
     * The planner's own estimate, without a scan: the rows per page of the last {@code ANALYZE} times the pages
     * the table has now (so rows loaded since count); -1 when the table was never analyzed (a count is made then).
     */
    @Override
    public String estimateRowsQuery(String schema, String table, String qualifiedTable) {
        return "SELECT CASE WHEN c.reltuples < 0 OR c.relpages <= 0 THEN -1 ELSE CAST(c.reltuples / c.relpages"
                + " * (pg_relation_size(c.oid) / current_setting('block_size')::bigint) AS BIGINT) END FROM pg_class c"
                + " WHERE c.oid = to_regclass(" + stringLiteral(qualifiedTable) + ")";
    }

    @Override
    public String transactionIdQuery() {
        return "SELECT txid_current()";
    }

    /**
     * {@code VACUUM FULL}: it writes the table anew without the deleted rows and removes the old file, where a
     * plain VACUUM only marks their space reusable and leaves their bytes in place until overwritten. It holds
     * an exclusive lock on the table while it runs.
     */
    @Override
    public String vacuum(String schema, String table) {
        return "VACUUM FULL " + dev.meshsdk.storage.jdbc.Identifiers.qualified(schema, table);
    }

    @Override
    public String stringLiteral(String text) {
        if (text.indexOf('\0') >= 0) {
            throw new MeshException(
                    ErrorCode.INVALID_DESCRIPTOR,
                    "Cannot write a text holding a NUL character into PostgreSQL; remove it from the contract");
        }
        return "E'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
