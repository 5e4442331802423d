package dev.meshsdk.storage.local;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.internal.descriptor.SlaDurations;
import dev.meshsdk.model.DataContract;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.model.SlaProperty;
import dev.meshsdk.plan.Column;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.storage.PortProblems;
import dev.meshsdk.storage.delta.DeltaTableSpecs;
import dev.meshsdk.storage.delta.DeltaTypes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a port's tables live and what they should look like. Each schema object becomes the Delta table
 * {@code <server path>/<store name>}, with {@code _v<major>} appended from contract major version 2 on, so
 * a breaking change is provisioned beside the old table.
 */
final class TableSpecs {
    /** Properties set only when a table is created: they enable schema evolution with the kernel. */
    static final Map<String, String> CREATE_ONLY = Map.of(
            "delta.columnMapping.mode", "name",
            "delta.enableTypeWidening", "true");

    static final String RETENTION = DeltaTableSpecs.LOG_RETENTION;
    /** Delta's default log retention, which stands for "unset": the kernel cannot remove delta.* properties. */
    static final String DEFAULT_RETENTION = "interval 30 days";

    private TableSpecs() {}

    /** The folder holding the port's tables: the server's {@code path}, relative to {@code baseDirectory}. */
    static Path root(PortBinding port, Path baseDirectory) {
        String path = port.server()
                .setting("path")
                .orElseThrow(() -> new MeshException(
                        ErrorCode.INVALID_CONFIGURATION,
                        "Cannot place output port '" + port.port().name() + "': server '"
                                + port.server().server() + "' of type 'local' in contract '"
                                + port.contract().id()
                                + "' has no 'path'; perhaps you should add 'path: data/"
                                + port.port().name() + "' to it"));
        return baseDirectory.resolve(path).toAbsolutePath().normalize();
    }

    /** The table's name in the plan and its folder name: the store name plus {@code _v<major>} from 2 on. */
    static String target(SchemaObject object, int major) {
        return DeltaTableSpecs.target(object, major, "a local table folder");
    }

    /** The folder of table {@code target} under the port's root. */
    static Path dir(Path root, String target) {
        if (!DeltaTableSpecs.isSafeName(target)) {
            throw new MeshException(
                    ErrorCode.INVALID_DESCRIPTOR, "Cannot use '" + target + "' as a local table folder");
        }
        return root.resolve(target);
    }

    /**
     * What the adapter cannot deploy in the port's contract, told without touching the store: a format other than
     * Delta, a missing path, a schema object name that is no folder name, a type with no Delta mapping, a retention
     * it cannot read. Each problem points at its place in the contract.
     */
    static List<PortProblems.Problem> problems(PortBinding port) {
        List<PortProblems.Problem> out = new ArrayList<>();
        String server = port.serverPointer();
        String cannot = "Cannot deploy output port '" + port.port().name() + "': server '"
                + port.server().server() + "'";
        port.server()
                .setting("format")
                .filter(f -> !f.trim().equalsIgnoreCase("delta"))
                .ifPresent(f -> out.add(new PortProblems.Problem(
                        server + "/format",
                        cannot + " has format " + shown(f) + ", but the local" + " adapter writes Delta tables only",
                        "write 'format: delta' or leave 'format' out")));
        if (port.server().setting("path").isEmpty()) {
            out.add(new PortProblems.Problem(
                    server,
                    cannot + " of type 'local' has no 'path'",
                    "add 'path: data/" + port.port().name() + "' to it"));
        }
        List<SchemaObject> schema = port.contract().schema();
        for (int i = 0; i < schema.size(); i++) {
            SchemaObject object = schema.get(i);
            try {
                target(object, port.contractMajorVersion());
            } catch (MeshException e) {
                out.add(PortProblems.Problem.of("/schema/" + i + "/name", e));
            }
            for (int j = 0; j < object.properties().size(); j++) {
                try {
                    DeltaTypes.of(object.properties().get(j));
                } catch (MeshException e) {
                    out.add(PortProblems.Problem.of("/schema/" + i + "/properties/" + j, e));
                }
            }
        }
        DataContract c = port.contract();
        c.sla("retention").ifPresent(sla -> {
            try {
                retention(c, sla);
            } catch (MeshException e) {
                out.add(PortProblems.Problem.of(
                        "/slaProperties/" + c.slaProperties().indexOf(sla) + "/value", e));
            }
        });
        return out;
    }

    /** A value from the contract in quotes, cut short: a message never echoes a whole document. */
    private static String shown(String value) {
        return "'" + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + "'";
    }

    /** The tables the port's contract describes, in contract order. */
    static List<TableSpec> of(PortBinding port, Path baseDirectory) {
        Path root = root(port, baseDirectory);
        int major = port.contractMajorVersion();
        Map<String, String> properties = properties(port);
        List<TableSpec> specs = new ArrayList<>();
        for (SchemaObject object : port.contract().schema()) {
            String target = target(object, major);
            // A primary key column stays optional here, as local tables have always been created (s3 and JDBC
            // make it required): changing that would refuse every existing table's key column.
            List<Column> columns = DeltaTableSpecs.columns(object, SchemaProperty::storeName, false);
            Map<String, String> tableProperties = new LinkedHashMap<>(properties);
            tableProperties.putAll(DeltaTableSpecs.objectProperties(object));
            specs.add(new TableSpec(
                    target,
                    dir(root, target),
                    columns,
                    DeltaTableSpecs.partitionBy(object),
                    DeltaTableSpecs.primaryKey(object),
                    tableProperties,
                    DeltaTableSpecs.comment(object)));
        }
        return specs;
    }

    /** The table properties the SDK manages (and so plans changes of), for every table of the port. */
    private static Map<String, String> properties(PortBinding port) {
        DataContract c = port.contract();
        Map<String, String> p = DeltaTableSpecs.ownerProperties(port);
        c.sla("retention").ifPresent(sla -> p.put(RETENTION, retention(c, sla)));
        p.put(DeltaTableSpecs.DELETION_VECTORS, "true");
        return p;
    }

    /** Whether the SDK plans changes of this property on existing tables. */
    static boolean managed(String key) {
        return DeltaTableSpecs.managed(key);
    }

    /**
     * The SLA retention as a Delta interval: {@code interval 365 days}, or in hours when written in hours. The rule
     * is validation's ({@link SlaDurations#retention}); months are 30 days, years 365.
     */
    static String retention(DataContract c, SlaProperty sla) {
        Duration d = SlaDurations.retention(c, sla);
        return SlaDurations.inHours(sla.unit())
                ? "interval " + d.toHours() + " hours"
                : "interval " + d.toDays() + " days";
    }
}
