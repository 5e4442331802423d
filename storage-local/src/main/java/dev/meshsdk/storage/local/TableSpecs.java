package dev.meshsdk.storage.local;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.DataContract;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.model.SlaProperty;
import dev.meshsdk.plan.Column;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.storage.PortProblems;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

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
    static final String RETENTION = "delta.logRetentionDuration";
    /** Delta's default log retention, which stands for "unset": the kernel cannot remove delta.* properties. */
    static final String DEFAULT_RETENTION = "interval 30 days";
    static final String DELETION_VECTORS = "delta.enableDeletionVectors";

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private TableSpecs() {}

    /** The folder holding the port's tables: the server's {@code path}, relative to {@code baseDirectory}. */
    static Path root(PortBinding port, Path baseDirectory) {
        String path = port.server().setting("path").orElseThrow(() -> new MeshException(
                ErrorCode.INVALID_CONFIGURATION, "Cannot place output port '" + port.port().name() + "': server '"
                + port.server().server() + "' of type 'local' in contract '" + port.contract().id()
                + "' has no 'path'; perhaps you should add 'path: data/" + port.port().name() + "' to it"));
        return baseDirectory.resolve(path).toAbsolutePath().normalize();
    }

    /** The table's name in the plan and its folder name: the store name plus {@code _v<major>} from 2 on. */
    static String target(SchemaObject object, int major) {
        String name = object.storeName();
        if (name == null || !SAFE_NAME.matcher(name).matches() || name.contains("..")) {
            throw new MeshException(ErrorCode.INVALID_DESCRIPTOR, "Cannot use schema object name '" + name
                    + "' as a local table folder: use letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
        return major >= 2 ? name + "_v" + major : name;
    }

    /** The folder of table {@code target} under the port's root. */
    static Path dir(Path root, String target) {
        if (!SAFE_NAME.matcher(target).matches() || target.contains("..")) {
            throw new MeshException(ErrorCode.INVALID_DESCRIPTOR, "Cannot use '" + target + "' as a local table folder");
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
        String cannot = "Cannot deploy output port '" + port.port().name() + "': server '" + port.server().server() + "'";
        port.server().setting("format").filter(f -> !f.trim().equalsIgnoreCase("delta")).ifPresent(f -> out.add(
                new PortProblems.Problem(server + "/format", cannot + " has format " + shown(f) + ", but the local"
                        + " adapter writes Delta tables only", "write 'format: delta' or leave 'format' out")));
        if (port.server().setting("path").isEmpty()) {
            out.add(new PortProblems.Problem(server, cannot + " of type 'local' has no 'path'",
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
                out.add(PortProblems.Problem.of("/slaProperties/" + c.slaProperties().indexOf(sla) + "/value", e));
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
            List<Column> columns = new ArrayList<>();
            List<SchemaProperty> partitioned = new ArrayList<>();
            List<SchemaProperty> keys = new ArrayList<>();
            for (SchemaProperty p : object.properties()) {
                columns.add(new Column(p.storeName(), DeltaTypes.toSql(DeltaTypes.of(p)), p.logicalType(),
                        !p.required(), blankToNull(p.description()), blankToNull(p.classification())));
                if (p.partitioned()) partitioned.add(p);
                if (p.primaryKey()) keys.add(p);
            }
            Comparator<SchemaProperty> byPartitionPos = Comparator.comparing(
                    p -> p.partitionKeyPosition() == null ? Integer.MAX_VALUE : p.partitionKeyPosition());
            partitioned.sort(byPartitionPos);
            keys.sort(Comparator.comparing(p -> p.primaryKeyPosition() == null ? Integer.MAX_VALUE : p.primaryKeyPosition()));
            List<String> primaryKey = keys.stream().map(SchemaProperty::storeName).toList();
            Map<String, String> tableProperties = new LinkedHashMap<>(properties);
            if (!primaryKey.isEmpty()) tableProperties.put("mesh.primaryKey", String.join(",", primaryKey));
            tableProperties.putAll(DeltaKeyStatistics.properties(object));
            specs.add(new TableSpec(target, dir(root, target), columns,
                    partitioned.stream().map(SchemaProperty::storeName).toList(), primaryKey, tableProperties,
                    blankToNull(object.description())));
        }
        return specs;
    }

    /** The table properties the SDK manages (and so plans changes of), for every table of the port. */
    private static Map<String, String> properties(PortBinding port) {
        DataContract c = port.contract();
        Map<String, String> p = new LinkedHashMap<>();
        putIfPresent(p, "mesh.domain", port.product().domain() != null ? port.product().domain() : c.domain());
        putIfPresent(p, "mesh.team", port.product().team() != null ? port.product().team()
                : c.team() == null ? null : c.team().name());
        p.put("mesh.product", port.product().id());
        putIfPresent(p, "mesh.contract.id", c.id());
        putIfPresent(p, "mesh.contract.version", c.version());
        c.sla("retention").ifPresent(sla -> p.put(RETENTION, retention(c, sla)));
        p.put(DELETION_VECTORS, "true");
        return p;
    }

    /** Whether the SDK plans changes of this property on existing tables. */
    static boolean managed(String key) {
        return key.startsWith("mesh.") || key.equals(RETENTION) || key.equals(DELETION_VECTORS)
                || key.equals(DeltaKeyStatistics.STATS_COLUMNS) || key.equals(DeltaKeyStatistics.STATS_COLUMN_COUNT);
    }

    /** The SLA retention as a Delta interval: {@code interval 365 days}. Months are 30 days, years 365. */
    static String retention(DataContract c, SlaProperty sla) {
        BigDecimal amount;
        try {
            amount = new BigDecimal(String.valueOf(sla.value()).trim());
        } catch (NumberFormatException e) {
            throw badRetention(c, sla);
        }
        String unit = sla.unit() == null ? "d" : sla.unit().trim().toLowerCase(Locale.ROOT);
        long days;
        switch (unit) {
            case "d", "day", "days" -> days = amount.longValue();
            case "w", "week", "weeks" -> days = amount.longValue() * 7;
            case "m", "month", "months" -> days = amount.longValue() * 30;
            case "y", "year", "years" -> days = amount.longValue() * 365;
            case "h", "hour", "hours" -> {
                return "interval " + amount.longValue() + " hours";
            }
            default -> throw badRetention(c, sla);
        }
        return "interval " + days + " days";
    }

    private static MeshException badRetention(DataContract c, SlaProperty sla) {
        return new MeshException(ErrorCode.INVALID_DESCRIPTOR, "Cannot read the retention SLA of contract '" + c.id()
                + "': value '" + sla.value() + "' unit '" + sla.unit() + "'; use a number with unit d, w, m, y or h");
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) map.put(key, value);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
