package dev.meshsdk.storage.delta;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.DataContract;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.plan.Column;
import dev.meshsdk.spi.PortBinding;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What a Delta table of a port looks like, the same for both Delta adapters ({@code local} and {@code s3}): its name
 * ({@code <store name>}, {@code _v<major>} appended from contract major version 2 on, so that a breaking change is
 * provisioned beside the old table), its columns, partition and key columns in the contract's positions, and the
 * table properties that say who owns it. Where the table lives and the store's own properties are each adapter's.
 */
public final class DeltaTableSpecs {
    /** Delta's deletion vectors, which every table the SDK creates enables (erasure writes them). */
    public static final String DELETION_VECTORS = "delta.enableDeletionVectors";
    /** Delta's log retention, set from the contract's retention SLA. */
    public static final String LOG_RETENTION = "delta.logRetentionDuration";
    /** The primary key columns, comma-separated in key order (Delta has no primary key of its own). */
    public static final String PRIMARY_KEY = "mesh.primaryKey";
    /** The statistics kept of a table with a subject key ({@link DeltaKeyStatistics}), managed by the SDK. */
    private static final List<String> STATISTICS =
            List.of(DeltaKeyStatistics.STATS_COLUMNS, DeltaKeyStatistics.STATS_COLUMN_COUNT);

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private DeltaTableSpecs() {}

    /**
     * The table's name in the plan and its folder (or prefix) name: the store name plus {@code _v<major>} from 2 on.
     * {@code as} says what the name becomes, for the message ({@code a local table folder}).
     */
    public static String target(SchemaObject object, int major, String as) {
        String name = object.storeName();
        if (!isSafeName(name)) {
            throw new MeshException(
                    ErrorCode.INVALID_DESCRIPTOR,
                    "Cannot use schema object name '" + name + "' as " + as
                            + ": use letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
        return major >= 2 ? name + "_v" + major : name;
    }

    /** Whether {@code name} can be a table's folder or prefix: no separator, no {@code ..}. */
    public static boolean isSafeName(String name) {
        return name != null && SAFE_NAME.matcher(name).matches() && !name.contains("..");
    }

    /**
     * The object's columns in contract order, each named by {@code name} (which may refuse a property), typed by
     * {@link DeltaTypes#of}; a column is required when its property is, and when {@code keysRequired} also when it is
     * part of the primary key.
     */
    public static List<Column> columns(
            SchemaObject object, Function<SchemaProperty, String> name, boolean keysRequired) {
        return object.properties().stream()
                .map(p -> new Column(
                        name.apply(p),
                        DeltaTypes.toSql(DeltaTypes.of(p)),
                        p.logicalType(),
                        !(p.required() || (keysRequired && p.primaryKey())),
                        blankToNull(p.description()),
                        blankToNull(p.classification())))
                .toList();
    }

    /** The partition columns in partition key order. */
    public static List<String> partitionBy(SchemaObject object) {
        return object.properties().stream()
                .filter(SchemaProperty::partitioned)
                .sorted(Comparator.comparing(
                        p -> p.partitionKeyPosition() == null ? Integer.MAX_VALUE : p.partitionKeyPosition()))
                .map(SchemaProperty::storeName)
                .toList();
    }

    /** The primary key columns in key order. */
    public static List<String> primaryKey(SchemaObject object) {
        return object.properties().stream()
                .filter(SchemaProperty::primaryKey)
                .sorted(Comparator.comparing(
                        p -> p.primaryKeyPosition() == null ? Integer.MAX_VALUE : p.primaryKeyPosition()))
                .map(SchemaProperty::storeName)
                .toList();
    }

    /**
     * The properties of one object's table beyond the port's: its primary key ({@link #PRIMARY_KEY}) and, with a
     * subject key, the statistics kept ({@link DeltaKeyStatistics}).
     */
    public static Map<String, String> objectProperties(SchemaObject object) {
        Map<String, String> p = new LinkedHashMap<>();
        List<String> key = primaryKey(object);
        if (!key.isEmpty()) p.put(PRIMARY_KEY, String.join(",", key));
        p.putAll(DeltaKeyStatistics.properties(object));
        return p;
    }

    /** The ownership properties every table of the port carries: domain, team, product, contract id and version. */
    public static Map<String, String> ownerProperties(PortBinding port) {
        DataContract c = port.contract();
        Map<String, String> p = new LinkedHashMap<>();
        putIfPresent(p, "mesh.domain", domain(port));
        putIfPresent(p, "mesh.team", team(port));
        p.put("mesh.product", port.product().id());
        putIfPresent(p, "mesh.contract.id", c.id());
        putIfPresent(p, "mesh.contract.version", c.version());
        return p;
    }

    /** The product's domain, else the contract's. */
    public static String domain(PortBinding port) {
        return port.product().domain() != null
                ? port.product().domain()
                : port.contract().domain();
    }

    /** The product's team, else the contract's. */
    public static String team(PortBinding port) {
        if (port.product().team() != null) return port.product().team();
        return port.contract().team() == null ? null : port.contract().team().name();
    }

    /**
     * Whether the SDK plans changes of this property on both adapters' tables: {@code mesh.*}, the log retention,
     * deletion vectors and the statistics columns. An adapter may manage more.
     */
    public static boolean managed(String key) {
        return key.startsWith("mesh.")
                || key.equals(LOG_RETENTION)
                || key.equals(DELETION_VECTORS)
                || STATISTICS.contains(key);
    }

    /** The table's comment: the object's description, null when it has none. */
    public static String comment(SchemaObject object) {
        return blankToNull(object.description());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) map.put(key, value);
    }
}
