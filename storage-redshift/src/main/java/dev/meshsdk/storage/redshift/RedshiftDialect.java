package dev.meshsdk.storage.redshift;

import static dev.meshsdk.storage.jdbc.Identifiers.quote;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.plan.Change;
import dev.meshsdk.storage.jdbc.CatalogInspector;
import dev.meshsdk.storage.jdbc.Identifiers;
import dev.meshsdk.storage.jdbc.SqlDialect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Amazon Redshift's types and SQL, on the shared JDBC base. Differences from PostgreSQL: no arrays and no
 * JSONB (objects and arrays are {@code SUPER}), {@code VARCHAR} at most 65535 bytes, distribution and sort
 * keys from the schema object's custom properties ({@code distStyle}, {@code distKey}, {@code sortKey}),
 * grants to users, {@code group:<name>} and {@code role:<name>}, only {@code VARCHAR} widening in place and
 * no {@code DROP NOT NULL}. Types are spelled as Redshift's catalog reports them.
 */
public final class RedshiftDialect extends SqlDialect {
    /** The longest VARCHAR Redshift has, in bytes. */
    public static final int MAX_VARCHAR = 65535;
    /** The type of a string without maxLength: the widest, so no value is cut. */
    public static final String DEFAULT_STRING = "character varying(" + MAX_VARCHAR + ")";

    private static final Pattern PHYSICAL =
            Pattern.compile("^([a-z][a-z0-9 ]*?)\\s*(?:\\(\\s*(\\d{1,5}|max)\\s*(?:,\\s*(\\d{1,2})\\s*)?\\))?$");
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("int2", "smallint"),
            Map.entry("smallint", "smallint"),
            Map.entry("int", "integer"),
            Map.entry("int4", "integer"),
            Map.entry("integer", "integer"),
            Map.entry("int8", "bigint"),
            Map.entry("bigint", "bigint"),
            Map.entry("decimal", "numeric"),
            Map.entry("numeric", "numeric"),
            Map.entry("real", "real"),
            Map.entry("float4", "real"),
            Map.entry("float8", "double precision"),
            Map.entry("float", "double precision"),
            Map.entry("double precision", "double precision"),
            Map.entry("bool", "boolean"),
            Map.entry("boolean", "boolean"),
            Map.entry("char", "character"),
            Map.entry("character", "character"),
            Map.entry("nchar", "character"),
            Map.entry("bpchar", "character"),
            Map.entry("varchar", "character varying"),
            Map.entry("character varying", "character varying"),
            Map.entry("nvarchar", "character varying"),
            Map.entry("text", "character varying"),
            Map.entry("date", "date"),
            Map.entry("timestamp", "timestamp without time zone"),
            Map.entry("timestamp without time zone", "timestamp without time zone"),
            Map.entry("timestamptz", "timestamp with time zone"),
            Map.entry("timestamp with time zone", "timestamp with time zone"),
            Map.entry("time", "time without time zone"),
            Map.entry("time without time zone", "time without time zone"),
            Map.entry("timetz", "time with time zone"),
            Map.entry("time with time zone", "time with time zone"),
            Map.entry("super", "super"),
            Map.entry("varbyte", "varbyte"));
    private static final List<String> INTEGERS = List.of("smallint", "integer", "bigint");
    private static final Set<String> DIST_STYLES = Set.of("AUTO", "EVEN", "KEY", "ALL");

    private final CatalogInspector inspector;

    public RedshiftDialect() {
        this(new RedshiftCatalogInspector());
    }

    /** With another catalog reader; the tests read a PostgreSQL catalog through it. */
    RedshiftDialect(CatalogInspector inspector) {
        this.inspector = inspector;
    }

    @Override
    public String name() {
        return "Redshift";
    }

    @Override
    public CatalogInspector inspector() {
        return inspector;
    }

    @Override
    public String columnType(String table, SchemaProperty p) {
        String where = "column " + table + "." + p.storeName();
        if (p.physicalType() != null && !p.physicalType().isBlank()) return physical(where, p.physicalType());
        String logical = p.logicalType() == null ? "string" : p.logicalType().toLowerCase(Locale.ROOT);
        Map<String, Object> o = p.logicalTypeOptions();
        return switch (logical) {
            case "string" -> {
                Integer max = intOption(where, o, "maxLength", MAX_VARCHAR);
                yield max == null ? DEFAULT_STRING : "character varying(" + max + ")";
            }
            case "integer" -> "int64".equals(o.get("format")) || beyondInt(o) ? "bigint" : "integer";
            case "number" -> {
                Integer precision = intOption(where, o, "precision", 38);
                Integer scale = intOption(where, o, "scale", 37);
                yield precision == null
                        ? "double precision"
                        : "numeric(" + precision + "," + (scale == null ? 0 : scale) + ")";
            }
            case "boolean" -> "boolean";
            case "date" -> "date";
            case "timestamp" -> "timestamp with time zone";
            case "time" -> "time without time zone";
            case "object", "array" -> "super";
            default ->
                throw new MeshException(
                        ErrorCode.INVALID_DESCRIPTOR,
                        "Cannot map " + where
                                + ": logicalType '" + p.logicalType()
                                + "' is not one of string, integer, number, boolean,"
                                + " date, timestamp, time, object, array; fix the logicalType or give a physicalType");
        };
    }

    private static boolean beyondInt(Map<String, Object> o) {
        for (String k : List.of("maximum", "minimum")) {
            if (o.get(k) instanceof Number n && Math.abs(n.doubleValue()) > Integer.MAX_VALUE) return true;
        }
        return false;
    }

    private static Integer intOption(String where, Map<String, Object> o, String key, int max) {
        Object v = o.get(key);
        if (v == null) return null;
        int n;
        try {
            n = Integer.parseInt(String.valueOf(v));
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 0 || n > max) {
            throw new MeshException(
                    ErrorCode.INVALID_DESCRIPTOR,
                    "Cannot map " + where + ": logicalTypeOptions."
                            + key + " is '" + v + "', but Redshift allows a whole number from 0 to " + max
                            + "; lower it in the contract");
        }
        return n;
    }

    @Override
    protected String physical(String where, String written) {
        String w = written.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (w.endsWith("[]")) {
            throw new MeshException(
                    ErrorCode.INVALID_DESCRIPTOR,
                    "Cannot map " + where + ": physicalType '" + shorten(written)
                            + "' is an array and Redshift has none; use logicalType array (stored as SUPER)");
        }
        Matcher m = PHYSICAL.matcher(w);
        String base = m.matches() ? ALIASES.get(m.group(1).strip()) : null;
        if (base == null) {
            throw new MeshException(
                    ErrorCode.INVALID_DESCRIPTOR,
                    "Cannot map " + where + ": physicalType '"
                            + shorten(written) + "' is not a Redshift type this adapter writes (known: "
                            + String.join(", ", new TreeSet<>(ALIASES.keySet()))
                            + "); use one of them or drop physicalType");
        }
        String n = m.group(2);
        String s = m.group(3);
        if (n == null)
            return base.equals("character varying") && m.group(1).strip().equals("text")
                    ? "character varying(256)"
                    : base;
        if (base.equals("character varying") || base.equals("character")) {
            int len = n.equals("max") ? MAX_VARCHAR : Integer.parseInt(n);
            int limit = base.equals("character") ? 4096 : MAX_VARCHAR;
            if (s != null || len < 1 || len > limit) {
                throw new MeshException(
                        ErrorCode.INVALID_DESCRIPTOR,
                        "Cannot map " + where + ": physicalType '"
                                + shorten(written) + "' asks for " + n + " bytes but Redshift allows 1 to " + limit
                                + "; use a smaller length or logicalType object (SUPER)");
            }
            return base + "(" + len + ")";
        }
        if (base.equals("numeric")
                && !n.equals("max")
                && Integer.parseInt(n) <= 38
                && (s == null || Integer.parseInt(s) <= Integer.parseInt(n))) {
            return "numeric(" + n + "," + (s == null ? "0" : s) + ")";
        }
        throw new MeshException(
                ErrorCode.INVALID_DESCRIPTOR,
                "Cannot map " + where + ": physicalType '"
                        + shorten(written)
                        + "' has a size Redshift does not take; sizes go on numeric(p,s) (p up to 38),"
                        + " varchar(n) and char(n)");
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    /** Redshift widens only VARCHAR in place ({@code ALTER COLUMN ... TYPE VARCHAR(n)}). */
    @Override
    public boolean isWidening(String from, String to) {
        if (from.equals(to)) return true;
        Matcher f = VARCHAR.matcher(from);
        Matcher t = VARCHAR.matcher(to);
        return f.matches() && t.matches() && Integer.parseInt(t.group(1)) > Integer.parseInt(f.group(1));
    }

    private static final Pattern VARCHAR = Pattern.compile("^character varying\\((\\d+)\\)$");

    @Override
    public boolean canRelaxNotNull() {
        return false;
    }

    /** {@code VACUUM DELETE ONLY ... TO 100 PERCENT}: reclaims every deleted row's space, without re-sorting. */
    @Override
    public String vacuum(String schema, String table) {
        return "VACUUM DELETE ONLY " + Identifiers.qualified(schema, table) + " TO 100 PERCENT";
    }

    /** Quotes and backslashes doubled: the same text where backslash escapes and safe where it does not. */
    @Override
    public String stringLiteral(String text) {
        if (text.indexOf('\0') >= 0) {
            throw new MeshException(
                    ErrorCode.INVALID_DESCRIPTOR,
                    "Cannot write a text holding a NUL character into Redshift; remove it from the contract");
        }
        return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    // ---- distribution and sort keys --------------------------------------------------------------

    /**
     * {@code diststyle}, {@code distkey} and {@code sortkey} from the object's custom properties
     * {@code distStyle} (AUTO, EVEN, KEY, ALL), {@code distKey} (a property) and {@code sortKey} (a property
     * or a list of them), checked against the object's properties.
     */
    @Override
    public Map<String, String> tableProperties(String table, SchemaObject object) {
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> columns = new TreeSet<>();
        object.properties().forEach(p -> columns.add(p.storeName()));
        object.customProperty("distStyle").ifPresent(v -> {
            String style = String.valueOf(v).toUpperCase(Locale.ROOT);
            if (!DIST_STYLES.contains(style)) {
                throw new MeshException(
                        ErrorCode.INVALID_DESCRIPTOR,
                        "Cannot provision table " + table + ": customProperties distStyle is '" + v
                                + "'; use one of AUTO, EVEN, KEY, ALL");
            }
            out.put("diststyle", style);
        });
        object.customProperty("distKey").ifPresent(v -> {
            out.put("distkey", column(table, columns, "distKey", String.valueOf(v)));
            out.putIfAbsent("diststyle", "KEY");
            if (!out.get("diststyle").equals("KEY")) {
                throw new MeshException(
                        ErrorCode.INVALID_DESCRIPTOR,
                        "Cannot provision table " + table + ": distKey needs distStyle KEY, not " + out.get("diststyle")
                                + "; drop one of them");
            }
        });
        object.customProperty("sortKey").ifPresent(v -> {
            List<String> keys = new ArrayList<>();
            if (v instanceof List<?> l) l.forEach(k -> keys.add(column(table, columns, "sortKey", String.valueOf(k))));
            else for (String k : String.valueOf(v).split(",")) keys.add(column(table, columns, "sortKey", k.strip()));
            out.put("sortkey", String.join(",", keys));
        });
        return out;
    }

    private static String column(String table, Set<String> columns, String key, String name) {
        if (!columns.contains(name)) {
            throw new MeshException(
                    ErrorCode.INVALID_DESCRIPTOR,
                    "Cannot provision table " + table
                            + ": customProperties " + key + " names '" + name
                            + "', which is not a property of the object;"
                            + " use one of " + columns);
        }
        return Identifiers.check("column of table " + table, name);
    }

    @Override
    protected String tableOptions(Change.CreateTable create) {
        StringBuilder b = new StringBuilder();
        Map<String, String> p = create.properties();
        if (p.containsKey("diststyle")) {
            String style = p.get("diststyle");
            if (!DIST_STYLES.contains(style))
                throw new MeshException(
                        ErrorCode.INVALID_DESCRIPTOR,
                        "Cannot create table " + create.target() + ": diststyle '" + style
                                + "' in the plan; plan again");
            b.append(" DISTSTYLE ").append(style);
        }
        if (p.containsKey("distkey"))
            b.append(" DISTKEY (").append(quote("column", p.get("distkey"))).append(')');
        if (p.containsKey("sortkey")) {
            List<String> keys = new ArrayList<>();
            for (String k : p.get("sortkey").split(",")) keys.add(quote("column", k));
            b.append(" COMPOUND SORTKEY (").append(String.join(", ", keys)).append(')');
        }
        return b.toString();
    }

    // ---- principals --------------------------------------------------------------------------------

    @Override
    public void checkPrincipal(String principal) {
        grantee(principal);
        int colon = principal.indexOf(':');
        refuseReserved(
                principal,
                principal.startsWith("group:") || principal.startsWith("role:")
                        ? principal.substring(colon + 1)
                        : principal);
    }

    /** {@code group:analysts} is {@code GROUP "analysts"}, {@code role:analyst} is {@code ROLE "analyst"}, else a user. */
    @Override
    protected String grantee(String principal) {
        if (principal.startsWith("group:")) return "GROUP " + quote("group", principal.substring(6));
        if (principal.startsWith("role:")) return "ROLE " + quote("role", principal.substring(5));
        return quote("user", principal);
    }

    /** A user in {@code pg_user}, a group in {@code pg_group}, a role in {@code svv_roles}. */
    @Override
    public Grantee granteeOf(String principal) {
        if (principal.startsWith("group:")) {
            String name = principal.substring(6);
            return new Grantee(
                    "SELECT 1 FROM pg_group WHERE groname = ?",
                    name,
                    "group '" + name + "'",
                    "CREATE GROUP " + quote("group", name));
        }
        if (principal.startsWith("role:")) {
            String name = principal.substring(5);
            return new Grantee(
                    "SELECT 1 FROM svv_roles WHERE role_name = ?",
                    name,
                    "role '" + name + "'",
                    "CREATE ROLE " + quote("role", name));
        }
        return new Grantee(
                "SELECT 1 FROM pg_user WHERE usename = ?",
                principal,
                "user '" + principal + "'",
                "CREATE USER " + quote("user", principal) + " PASSWORD ...");
    }

    /** Redshift has no {@code pg_has_role}: the owner, or a superuser. */
    @Override
    public String ownsTableQuery() {
        return "SELECT c.relowner = u.usesysid OR u.usesuper FROM pg_class c JOIN pg_namespace n"
                + " ON n.oid = c.relnamespace, pg_user u WHERE u.usename = current_user AND n.nspname = ?"
                + " AND c.relname = ?";
    }
}
