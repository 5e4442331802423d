package dev.meshsdk.storage.jdbc;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.DataContract;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.plan.Column;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.ProductRef;
import dev.meshsdk.spi.storage.PortProblems;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Computes the tables a port's contract wants, one per schema object. */
public final class TableSpecs {
    private TableSpecs() {}

    /** The tables of {@code port} in the contract's order. */
    public static List<TableSpec> of(PortBinding port, SqlDialect dialect) {
        List<TableSpec> out = new ArrayList<>();
        int major = port.contractMajorVersion();
        for (SchemaObject object : port.contract().schema()) {
            out.add(of(port, object, major, dialect));
        }
        return out;
    }

    /**
     * What the dialect cannot provision in the port's contract, told without connecting: a schema, table or column
     * name that is no safe identifier, a type it cannot map, table settings it does not understand. Each problem
     * points at its place in the contract.
     */
    static List<PortProblems.Problem> problems(PortBinding port, SqlDialect dialect) {
        List<PortProblems.Problem> out = new ArrayList<>();
        try {
            JdbcStorageAdapter.schemaOf(port);
        } catch (MeshException e) {
            out.add(PortProblems.Problem.of(port.serverPointer() + "/schema", e));
        }
        List<SchemaObject> schema = port.contract().schema();
        for (int i = 0; i < schema.size(); i++) {
            SchemaObject object = schema.get(i);
            String table;
            try {
                table = tableName(object, port.contractMajorVersion());
                dialect.tableProperties(table, object);
            } catch (MeshException e) {
                out.add(PortProblems.Problem.of("/schema/" + i, e));
                continue;
            }
            for (int j = 0; j < object.properties().size(); j++) {
                SchemaProperty p = object.properties().get(j);
                try {
                    Identifiers.check("column of table " + table, p.storeName());
                    dialect.columnType(table, p);
                } catch (MeshException e) {
                    out.add(PortProblems.Problem.of("/schema/" + i + "/properties/" + j, e));
                }
            }
        }
        return out;
    }

    /** The table name of {@code object} for a contract of major version {@code major}. */
    public static String tableName(SchemaObject object, int major) {
        String base = Identifiers.check("table", object.storeName());
        String name = major >= 2 ? base + "_v" + major : base;
        if (!Identifiers.isSafe(name)) {
            throw new MeshException(
                    ErrorCode.INVALID_DESCRIPTOR,
                    "Cannot provision table '" + base
                            + "' for major version " + major + ": '" + name + "' is longer than 63 characters;"
                            + " shorten the schema object's physicalName");
        }
        return name;
    }

    private static TableSpec of(PortBinding port, SchemaObject object, int major, SqlDialect dialect) {
        String table = tableName(object, major);
        List<Column> columns = new ArrayList<>();
        List<SchemaProperty> keys = new ArrayList<>();
        List<String> unique = new ArrayList<>();
        for (SchemaProperty p : object.properties()) {
            String name = Identifiers.check("column of table " + table, p.storeName());
            String type = dialect.columnType(table, p);
            boolean nullable = !(p.required() || p.primaryKey());
            columns.add(new Column(
                    name,
                    type,
                    p.logicalType(),
                    nullable,
                    columnComment(p.description(), p.classification()),
                    p.classification()));
            if (p.primaryKey()) keys.add(p);
            else if (p.unique()) unique.add(name);
        }
        List<String> primaryKey = keys.stream()
                .sorted(Comparator.comparing(
                        p -> p.primaryKeyPosition() == null ? Integer.MAX_VALUE : p.primaryKeyPosition()))
                .map(SchemaProperty::storeName)
                .toList();
        return new TableSpec(
                table, columns, primaryKey, unique, tableComment(port, object), dialect.tableProperties(table, object));
    }

    /** The column comment: the description, and the classification where a DBA sees it. */
    static String columnComment(String description, String classification) {
        String d = description == null || description.isBlank() ? null : description.strip();
        if (classification == null || classification.isBlank()) return d;
        String c = "classification: " + classification.strip();
        return d == null ? c : d + " [" + c + "]";
    }

    /**
     * The table comment: the object's description, then the ownership a DBA needs to find who to ask:
     * {@code mesh: domain=sales team=orders-team product=orders 1.0.0 contract=orders-contract 1.0.0}.
     */
    static String tableComment(PortBinding port, SchemaObject object) {
        ProductRef p = port.product();
        DataContract c = port.contract();
        StringBuilder b = new StringBuilder();
        if (object.description() != null && !object.description().isBlank()) {
            b.append(object.description().strip()).append('\n');
        }
        b.append("mesh: domain=")
                .append(p.domain() != null ? p.domain() : c.domain())
                .append(" team=")
                .append(p.team())
                .append(" product=")
                .append(p.id())
                .append(' ')
                .append(p.version())
                .append(" port=")
                .append(port.port().name())
                .append(" contract=")
                .append(c.id())
                .append(' ')
                .append(c.version());
        return b.toString();
    }
}
