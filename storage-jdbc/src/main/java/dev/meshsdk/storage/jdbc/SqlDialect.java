package dev.meshsdk.storage.jdbc;

import static dev.meshsdk.storage.jdbc.Identifiers.qualified;
import static dev.meshsdk.storage.jdbc.Identifiers.quote;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.plan.Change;
import dev.meshsdk.plan.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What differs between SQL stores built on this base: type mapping, the catalog queries, DDL details and
 * how principals are named in grants. The shared DDL here is plain SQL that PostgreSQL and Redshift both
 * accept. Every identifier goes through {@link Identifiers#quote}; every text through
 * {@link #stringLiteral}. Implementations are immutable and thread-safe.
 */
public abstract class SqlDialect {

    /** The store's name for messages: {@code PostgreSQL}, {@code Redshift}. */
    public abstract String name();

    /**
     * The scheme of the addresses of this store's tables in the catalog ({@code postgresql://host:5432/db/schema.table});
     * the lower-case {@link #name()} by default.
     */
    public String addressScheme() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The store type of a property, spelled as the catalog reports it (so that planned and found types
     * compare as text). {@code physicalType} wins over {@code logicalType}. Throws
     * {@code INVALID_DESCRIPTOR} naming the column for a type it cannot map.
     */
    public abstract String columnType(String table, SchemaProperty property);

    /** Whether a column of type {@code from} can become {@code to} in place without losing data. */
    public abstract boolean isWidening(String from, String to);

    /** Whether {@code ALTER COLUMN ... DROP NOT NULL} is available. */
    public boolean canRelaxNotNull() {
        return true;
    }

    /** {@code text} as a string literal that is safe whatever the server's escape settings. */
    public abstract String stringLiteral(String text);

    /** Reads tables, columns, comments and grants from the catalog. */
    public abstract CatalogInspector inspector();

    /** Table options from the schema object (Redshift distribution and sort keys); none by default. */
    public Map<String, String> tableProperties(String table, SchemaObject object) {
        return Map.of();
    }

    /** Text after the closing parenthesis of {@code CREATE TABLE}; nothing by default. */
    protected String tableOptions(Change.CreateTable create) {
        return "";
    }

    // ---- quality metrics -----------------------------------------------------------------------

    /** An aggregate counting the rows where {@code condition} holds; portable {@code CASE} by default. */
    public String countWhere(String condition) {
        return "count(CASE WHEN " + condition + " THEN 1 END)";
    }

    /** {@code column} as text, for comparing with bound string values; no length limit cuts it. */
    public String asText(String column) {
        return "CAST(" + column + " AS VARCHAR(65535))";
    }

    // ---- erasure -----------------------------------------------------------------------------

    /** A query for the current transaction's id, an erasure's version in its receipt; null when the store has none. */
    public String transactionIdQuery() {
        return null;
    }

    /**
     * The statement, run outside a transaction, that reclaims the space of a table's deleted rows so that
     * they leave its files; null when the store has none.
     */
    public String vacuum(String schema, String table) {
        return null;
    }

    // ---- sampling ----------------------------------------------------------------------------

    /**
     * A query returning at least {@code rows} rows of the table drawn at random but for a tiny chance (each row
     * with the share {@link dev.meshsdk.spi.data.Sample#bernoulliFraction}), given an estimate of its row count;
     * every column, at most {@code rows} rows. Portable {@code RANDOM()} filter by default (it reads the whole
     * table, which a columnar store such as Redshift does for the columns only).
     */
    public String sampleQuery(String qualifiedTable, int rows, long estimatedRows) {
        double p = dev.meshsdk.spi.data.Sample.bernoulliFraction(rows, estimatedRows);
        if (p >= 1.0) return "SELECT * FROM " + qualifiedTable + " LIMIT " + rows;
        return "SELECT * FROM " + qualifiedTable + " WHERE RANDOM() < " + p + " LIMIT " + rows;
    }

    /**
     * A query answering the table's row count, or an estimate of it, in one row and column; a negative answer
     * means unknown (a count is made then). {@code count(*)} by default.
     */
    public String estimateRowsQuery(String schema, String table, String qualifiedTable) {
        return "SELECT count(*) FROM " + qualifiedTable;
    }

    // ---- DDL ---------------------------------------------------------------------------------

    /** {@code CREATE TABLE} with its keys and comments. */
    public List<String> createTable(String schema, Change.CreateTable c) {
        StringBuilder b = new StringBuilder("CREATE TABLE ")
                .append(qualified(schema, c.target()))
                .append(" (");
        List<String> parts = new ArrayList<>();
        for (Column col : c.columns()) {
            parts.add(quote("column", col.name()) + " " + checkedType(col) + (col.nullable() ? "" : " NOT NULL"));
        }
        if (!c.primaryKey().isEmpty()) parts.add("PRIMARY KEY (" + columnList(c.primaryKey()) + ")");
        String unique = c.properties().get("unique");
        if (unique != null && !unique.isBlank()) {
            for (String u : unique.split(",")) parts.add("UNIQUE (" + quote("column", u.strip()) + ")");
        }
        b.append(String.join(", ", parts)).append(')').append(tableOptions(c));
        List<String> out = new ArrayList<>();
        out.add(b.toString());
        out.addAll(tableComment(schema, c.target(), c.comment()));
        for (Column col : c.columns()) {
            if (col.comment() != null) out.addAll(columnComment(schema, c.target(), col.name(), col.comment()));
        }
        return out;
    }

    /** Adds a nullable column and its comment. */
    public List<String> addColumn(String schema, String table, Column col) {
        if (!col.nullable()) {
            throw new MeshException(
                    ErrorCode.INTERNAL,
                    "Cannot add column " + table + "." + col.name()
                            + ": only nullable columns are added in place; this plan was not made by this adapter");
        }
        List<String> out = new ArrayList<>();
        out.add("ALTER TABLE " + qualified(schema, table) + " ADD COLUMN " + quote("column", col.name()) + " "
                + checkedType(col));
        if (col.comment() != null) out.addAll(columnComment(schema, table, col.name(), col.comment()));
        return out;
    }

    /** Widens the type, relaxes {@code NOT NULL} and sets the comment, each only where it differs. */
    public List<String> alterColumn(String schema, String table, Column from, Column to) {
        List<String> out = new ArrayList<>();
        String t = qualified(schema, table);
        String c = quote("column", to.name());
        if (!from.type().equals(to.type())) {
            out.add("ALTER TABLE " + t + " ALTER COLUMN " + c + " TYPE " + checkedType(to));
        }
        if (!from.nullable() && to.nullable()) {
            out.add("ALTER TABLE " + t + " ALTER COLUMN " + c + " DROP NOT NULL");
        }
        if (!Objects.equals(from.comment(), to.comment())) {
            out.addAll(columnComment(schema, table, to.name(), to.comment()));
        }
        return out;
    }

    /**
     * Drops a column with its data. Plain {@code ALTER TABLE ... DROP COLUMN}, run in the change's transaction:
     * PostgreSQL allows it there, and so does Redshift for the tables the SDK creates (its transaction-block limits on
     * {@code ALTER TABLE} concern external tables and {@code ALTER COLUMN ... TYPE}; not verified on a real cluster).
     * {@code RESTRICT}: a view or constraint built on the column makes it fail rather than go with it.
     */
    public List<String> dropColumn(String schema, String table, String column) {
        return List.of(
                "ALTER TABLE " + qualified(schema, table) + " DROP COLUMN " + quote("column", column) + " RESTRICT");
    }

    public List<String> tableComment(String schema, String table, String comment) {
        return List.of("COMMENT ON TABLE " + qualified(schema, table) + " IS "
                + (comment == null ? "NULL" : stringLiteral(comment)));
    }

    public List<String> columnComment(String schema, String table, String column, String comment) {
        return List.of("COMMENT ON COLUMN " + qualified(schema, table) + "." + quote("column", column) + " IS "
                + (comment == null ? "NULL" : stringLiteral(comment)));
    }

    /**
     * {@code GRANT} of the privileges behind {@code read} or {@code write}, with {@code USAGE} on the schema
     * without which a table grant is useless. {@code USAGE} alone shows no data and other tables' grants
     * may need it, so a revoke leaves it.
     */
    public List<String> grant(String schema, String table, String principal, String privilege) {
        return List.of(
                "GRANT USAGE ON SCHEMA " + quote("schema", schema) + " TO " + grantee(principal),
                "GRANT " + String.join(", ", privileges(privilege)) + " ON " + qualified(schema, table) + " TO "
                        + grantee(principal));
    }

    public List<String> revoke(String schema, String table, String principal, String privilege) {
        return List.of("REVOKE " + String.join(", ", privileges(privilege)) + " ON " + qualified(schema, table)
                + " FROM " + grantee(principal));
    }

    /** The SQL privileges behind an access level: {@code read} is SELECT, {@code write} INSERT, UPDATE, DELETE. */
    public List<String> privileges(String privilege) {
        return switch (privilege) {
            case "read" -> List.of("SELECT");
            case "write" -> List.of("INSERT", "UPDATE", "DELETE");
            default ->
                throw new MeshException(
                        ErrorCode.INVALID_DESCRIPTOR,
                        "Cannot grant access '"
                                + privilege + "': " + name() + " ports know 'read' and 'write'; use one of them in the"
                                + " contract's roles");
        };
    }

    /** Checks a principal of an access grant before it is planned; a role name by default. */
    public void checkPrincipal(String principal) {
        Identifiers.check("role", principal);
        refuseReserved(principal, principal);
    }

    /** Refuses a reserved role name ({@code public}, {@code pg_*}, ...): granting to it would reach every role. */
    protected static void refuseReserved(String principal, String name) {
        String reason = dev.meshsdk.spi.storage.SqlNames.reservedRoleReason(name);
        if (reason != null) {
            throw new MeshException(
                    ErrorCode.INVALID_DESCRIPTOR,
                    "Cannot grant to '" + principal + "': " + reason
                            + "; name a role of your own in the contract's roles");
        }
    }

    /**
     * A grantee as the store knows it, for plan-time checks: the catalog query that finds it (one parameter, the
     * name), how a message names it and the statement that creates it. A role in {@code pg_roles} by default.
     */
    public Grantee granteeOf(String principal) {
        return new Grantee(
                "SELECT 1 FROM pg_roles WHERE rolname = ?",
                principal,
                "role '" + principal + "'",
                "CREATE ROLE " + quote("role", principal));
    }

    /**
     * @param query  a catalog query of one parameter, {@code name}, returning a row when the grantee exists
     * @param what   how a message names it: {@code role 'analytics'}
     * @param create the statement that creates it
     */
    public record Grantee(String query, String name, String what, String create) {}

    /**
     * A query of two parameters, schema and table, returning one boolean: whether the current user may alter the
     * table and grant on it (it owns it, or is a member of its owner). {@code pg_has_role} by default.
     */
    public String ownsTableQuery() {
        return "SELECT pg_has_role(c.relowner, 'USAGE') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relname = ?";
    }

    /** How a principal is written after {@code TO}; a quoted role name by default. */
    protected String grantee(String principal) {
        return quote("role", principal);
    }

    /** Checks a column's type before it is written into DDL (a saved plan may have been edited). */
    protected String checkedType(Column col) {
        if (!isKnownType(col.type())) {
            throw new MeshException(
                    ErrorCode.INVALID_DESCRIPTOR,
                    "Cannot use type '" + col.type()
                            + "' for column " + col.name() + ": it is not a " + name() + " type this adapter writes;"
                            + " plan again from the contract");
        }
        return col.type();
    }

    /** Whether {@code type} is one this dialect produces from {@link #columnType}. */
    protected boolean isKnownType(String type) {
        try {
            return physical("", type).equals(type);
        } catch (MeshException e) {
            return false;
        }
    }

    /**
     * The canonical spelling of a physical type written in a contract ({@code where} names it for
     * messages); throws {@code INVALID_DESCRIPTOR} for a type this dialect does not write.
     */
    protected abstract String physical(String where, String written);

    private static String columnList(List<String> columns) {
        return String.join(", ", columns.stream().map(c -> quote("column", c)).toList());
    }
}
