package dev.meshsdk.storage.s3;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.internal.descriptor.SlaDurations;
import dev.meshsdk.model.DataContract;
import dev.meshsdk.model.QualityRule;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.model.SlaProperty;
import dev.meshsdk.model.Threshold;
import dev.meshsdk.plan.Column;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.storage.PortProblems;
import dev.meshsdk.storage.delta.DeltaTableSpecs;
import dev.meshsdk.storage.delta.DeltaTypes;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a port's tables live and what they should look like. Each schema object becomes the table
 * {@code <server location>/<store name>}, with {@code _v<major>} appended from contract major version 2 on,
 * so a breaking change is provisioned beside the old table.
 */
final class TableSpecs {
    static final String LOG_RETENTION = DeltaTableSpecs.LOG_RETENTION;
    static final String FILE_RETENTION = "delta.deletedFileRetentionDuration";
    static final String DELETION_VECTORS = DeltaTableSpecs.DELETION_VECTORS;
    static final String TYPE_WIDENING = "delta.enableTypeWidening";
    static final String CONSTRAINT = "delta.constraints.";

    private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private TableSpecs() {}

    /** The server's {@code location}, parsed. */
    static S3Location root(PortBinding port) {
        String location = port.server()
                .setting("location")
                .orElseThrow(() -> new MeshException(
                        ErrorCode.INVALID_DESCRIPTOR,
                        "Cannot place output port '" + port.port().name() + "': server '"
                                + port.server().server() + "' of type 's3' in contract '"
                                + port.contract().id()
                                + "' has no 'location'; add 'location: s3://<your team's bucket>/<prefix>'"));
        return S3Location.parse(location);
    }

    /** {@code delta} (the default) or {@code parquet}. */
    static String format(PortBinding port) {
        String format = port.server().setting("format").orElse("delta").trim().toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(format)) {
            throw new MeshException(
                    ErrorCode.INVALID_DESCRIPTOR,
                    "Cannot place output port '" + port.port().name()
                            + "': server '" + port.server().server() + "' has format '" + shown(format)
                            + "', which the s3 adapter does"
                            + " not write; use delta (the default) or parquet" + near(format));
        }
        return format;
    }

    private static final List<String> FORMATS = List.of("delta", "parquet");

    /** A value from the contract in quotes, cut short: a message never echoes a whole document. */
    private static String shown(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }

    private static String near(String format) {
        return PortProblems.closest(format, FORMATS)
                .map(f -> "; perhaps you meant '" + f + "'")
                .orElse("");
    }

    /** The property's column name, refused when it is not one. */
    private static String column(SchemaObject object, SchemaProperty p) {
        String name = p.storeName();
        if (name == null || !COLUMN.matcher(name).matches()) {
            throw new MeshException(
                    ErrorCode.INVALID_DESCRIPTOR,
                    "Cannot use property '" + name + "' of object '" + object.name()
                            + "' as a column; use letters, digits and '_'");
        }
        return name;
    }

    static String target(SchemaObject object, int major) {
        return DeltaTableSpecs.target(object, major, "an S3 table prefix");
    }

    /**
     * What the adapter cannot deploy in the port's contract, told without connecting: a missing or malformed
     * location, a format other than delta and parquet, a schema object or property name it cannot store, a type
     * with no Delta mapping, a retention it cannot read. Each problem points at its place in the contract.
     */
    static List<PortProblems.Problem> problems(PortBinding port) {
        List<PortProblems.Problem> out = new ArrayList<>();
        String server = port.serverPointer();
        try {
            root(port);
        } catch (MeshException e) {
            out.add(PortProblems.Problem.of(
                    server + (port.server().setting("location").isPresent() ? "/location" : ""), e));
        }
        try {
            format(port);
        } catch (MeshException e) {
            out.add(PortProblems.Problem.of(server + "/format", e));
        }
        DataContract c = port.contract();
        try {
            retentionDays(c);
        } catch (MeshException e) {
            out.add(PortProblems.Problem.of(
                    "/slaProperties/"
                            + c.slaProperties().indexOf(c.sla("retention").orElseThrow()) + "/value",
                    e));
        }
        List<SchemaObject> schema = c.schema();
        for (int i = 0; i < schema.size(); i++) {
            SchemaObject object = schema.get(i);
            try {
                target(object, port.contractMajorVersion());
            } catch (MeshException e) {
                out.add(PortProblems.Problem.of("/schema/" + i + "/name", e));
            }
            for (int j = 0; j < object.properties().size(); j++) {
                SchemaProperty p = object.properties().get(j);
                String pointer = "/schema/" + i + "/properties/" + j;
                try {
                    column(object, p);
                    DeltaTypes.of(p);
                } catch (MeshException e) {
                    out.add(PortProblems.Problem.of(pointer, e));
                }
            }
        }
        return out;
    }

    /** The tables the port's contract describes, in contract order. */
    static List<TableSpec> of(PortBinding port) {
        S3Location root = root(port);
        String format = format(port);
        int major = port.contractMajorVersion();
        Map<String, String> shared = properties(port, format);
        List<TableSpec> specs = new ArrayList<>();
        for (SchemaObject object : port.contract().schema()) {
            String target = target(object, major);
            List<Column> columns = DeltaTableSpecs.columns(object, p -> column(object, p), true);
            Map<String, String> properties = new LinkedHashMap<>(shared);
            if (format.equals("delta")) {
                for (SchemaProperty p : object.properties()) properties.putAll(constraints(p));
                properties.putAll(DeltaTableSpecs.objectProperties(object));
            } else {
                List<String> key = DeltaTableSpecs.primaryKey(object);
                if (!key.isEmpty()) properties.put(DeltaTableSpecs.PRIMARY_KEY, String.join(",", key));
            }
            specs.add(new TableSpec(
                    target,
                    root.resolve(target),
                    format,
                    columns,
                    DeltaTableSpecs.partitionBy(object),
                    properties,
                    DeltaTableSpecs.comment(object)));
        }
        return specs;
    }

    private static Map<String, String> properties(PortBinding port, String format) {
        DataContract c = port.contract();
        Map<String, String> p = DeltaTableSpecs.ownerProperties(port);
        if (format.equals("delta")) {
            retentionDays(c).ifPresent(days -> {
                p.put(LOG_RETENTION, "interval " + days + " days");
                p.put(FILE_RETENTION, "interval " + days + " days");
            });
            p.put(DELETION_VECTORS, "true");
            p.put(TYPE_WIDENING, "true");
        }
        return p;
    }

    /** Whether the SDK plans changes of this table property. */
    static boolean managed(String key) {
        return DeltaTableSpecs.managed(key)
                || key.equals(FILE_RETENTION)
                || key.equals(TYPE_WIDENING)
                || key.startsWith(CONSTRAINT);
    }

    /**
     * CHECK constraints for the property's blocking library rules that test one row at a time and allow no
     * failing row: {@code nullValues}, {@code missingValues} and {@code invalidValues} (valid values or a
     * pattern) with {@code mustBe: 0}, {@code mustBeLessThan: 1} or {@code mustBeLessOrEqualTo: 0}. Aggregate
     * rules (duplicates, row counts, SQL, thresholds above zero) are the quality engine's job.
     */
    static Map<String, String> constraints(SchemaProperty p) {
        Map<String, String> out = new LinkedHashMap<>();
        String col = "`" + p.storeName() + "`";
        for (QualityRule rule : p.quality()) {
            if (!"library".equals(rule.effectiveType())
                    || rule.metric() == null
                    || !rule.blocking()
                    || !zeroTolerance(rule.threshold())) {
                continue;
            }
            String metric = rule.metric();
            String expression =
                    switch (metric) {
                        case "nullValues" -> col + " IS NOT NULL";
                        case "missingValues" -> {
                            List<?> missing = list(rule.arguments().get("missingValues"));
                            yield missing.isEmpty()
                                    ? col + " IS NOT NULL"
                                    : col + " IS NOT NULL AND " + col + " NOT IN (" + literals(missing) + ")";
                        }
                        case "invalidValues" -> {
                            List<?> valid = list(rule.arguments().get("validValues"));
                            Object pattern = rule.arguments().get("pattern");
                            if (!valid.isEmpty()) yield col + " IS NULL OR " + col + " IN (" + literals(valid) + ")";
                            if (pattern != null) yield col + " IS NULL OR " + col + " RLIKE " + literal(pattern);
                            yield null;
                        }
                        default -> null;
                    };
            if (expression != null) {
                String name = "mesh_" + p.storeName().toLowerCase(Locale.ROOT) + "_" + metric.toLowerCase(Locale.ROOT);
                out.put(CONSTRAINT + name, expression);
            }
        }
        return out;
    }

    private static boolean zeroTolerance(Optional<Threshold> threshold) {
        if (threshold.isEmpty()) return false;
        Threshold t = threshold.get();
        BigDecimal v = t.values().get(0);
        return switch (t.operator()) {
            case MUST_BE, MUST_BE_LESS_OR_EQUAL_TO -> v.signum() == 0;
            case MUST_BE_LESS_THAN -> v.compareTo(BigDecimal.ONE) == 0;
            default -> false;
        };
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    private static String literals(List<?> values) {
        return String.join(", ", values.stream().map(TableSpecs::literal).toList());
    }

    private static String literal(Object v) {
        if (v instanceof Number n) return new BigDecimal(n.toString()).toPlainString();
        if (v instanceof Boolean b) return b.toString();
        return "'" + String.valueOf(v).replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /**
     * The SLA retention in days (months are 30 days, years 365), if the contract has one: validation's rule
     * ({@link SlaDurations#retention}), plus what S3 lifecycle rules need, whole days and at least one.
     */
    static Optional<Long> retentionDays(DataContract c) {
        Optional<SlaProperty> found = c.sla("retention");
        if (found.isEmpty()) return Optional.empty();
        SlaProperty sla = found.get();
        Duration d = SlaDurations.retention(c, sla);
        if (d.toDays() < 1 || !d.equals(Duration.ofDays(d.toDays()))) throw badRetention(c, sla);
        return Optional.of(d.toDays());
    }

    private static MeshException badRetention(DataContract c, SlaProperty sla) {
        return new MeshException(
                ErrorCode.INVALID_DESCRIPTOR,
                "Cannot read the retention SLA of contract '" + c.id()
                        + "': value '" + sla.value() + "' unit '" + sla.unit()
                        + "': S3 lifecycle rules count whole days; write a whole number of at least one day"
                        + " with unit d, w, m or y");
    }
}
