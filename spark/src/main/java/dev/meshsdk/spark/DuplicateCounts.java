package dev.meshsdk.spark;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The {@code duplicateValues} metric ({@code count(c) - count(DISTINCT c)}) of several columns, exactly, in one
 * pass over those columns without a shuffle when the data allows it.
 *
 * <p>Each unit of rows (the rows of one file within a Spark partition when the data is read from files, as
 * Spark packs several files into a partition; else a whole partition) counts its own non-null values and
 * distinct values and notes its smallest and largest value. When, for a column, the units' value ranges do not
 * overlap, no value can occur in two units, so the column's duplicates are the sum of the units' own. That is the case when the data is laid out by
 * the column (increasing ids written in order, keys clustered per file), which is common for the keys the
 * metric is put on. When ranges overlap, or a unit holds more distinct values than it may keep in
 * memory, or the column's type has no such ordering here, the column is reported as unknown and the caller
 * counts it the usual way: a distinct aggregate, which shuffles by the column.
 *
 * <p>Kept in memory per unit and column (one unit at a time per partition): an open-addressing set of longs
 * (integral, date and timestamp columns), or a hash set of strings (binary-collated string columns), each bounded by {@link #BUDGET} bytes.
 */
final class DuplicateCounts {
    /** Memory one unit may use for one column's distinct values before it gives up. */
    static final long BUDGET = 64L << 20;

    private DuplicateCounts() {}

    /** Whether a column of {@code type} can be counted here. */
    static boolean supports(DataType type) {
        return kind(type) != Kind.NONE;
    }

    /**
     * The duplicate count of each of {@code columns} of {@code data} (each must be {@link #supports supported}),
     * or {@code null} at a column's place where it could not be counted without a shuffle.
     */
    static Long[] count(Dataset<Row> data, List<Column> columns) {
        return count(data, columns, BUDGET);
    }

    /** As {@link #count(Dataset, List)}, with {@code budget} bytes per unit and column. */
    static Long[] count(Dataset<Row> data, List<Column> columns, long budget) {
        Column[] wanted = columns.toArray(new Column[0]);
        Dataset<Row> values = data.select(wanted);
        Kind[] kinds = Arrays.stream(values.schema().fields())
                .map(f -> kind(f.dataType()))
                .toArray(Kind[]::new);
        Dataset<Row> selected;
        try { // a file source: one unit per file in a partition (a partition may pack files of distant ranges)
            Column[] withFile = Arrays.copyOf(wanted, wanted.length + 1);
            withFile[wanted.length] = functions.col("_metadata.file_path");
            selected = data.select(withFile);
        } catch (Exception e) { // any other Dataset: one unit per partition
            selected = values;
        }
        boolean byFile = selected != values;
        List<Summary[]> units = selected.queryExecution()
                .toRdd()
                .toJavaRDD()
                .mapPartitions(new PerPartition(kinds, byFile, budget))
                .collect();
        Long[] out = new Long[kinds.length];
        for (int c = 0; c < kinds.length; c++) out[c] = combine(units, c);
        return out;
    }

    /**
     * For a Delta table: whether, by the statistics in its log, the files' value ranges of a column may be
     * disjoint. {@code false} only when the statistics show two files overlapping, so that counting without a
     * shuffle would be a wasted pass; {@code true} when they do not, or say nothing (then the count itself
     * checks the real ranges). Statistics widen string ranges (truncated values), never narrow them.
     */
    @SuppressWarnings("unchecked")
    static Predicate<String> deltaFilesMayBeDisjoint(SparkSession spark, String uri, Map<String, String> options) {
        Dataset<Row>[] loaded = new Dataset[1]; // the log is read when a column is first asked about
        StructType[] schema = new StructType[1];
        return column -> {
            if (loaded[0] == null) {
                try {
                    scala.collection.immutable.Map<String, String> o = scala.collection.immutable.Map$.MODULE$.from(
                            scala.jdk.javaapi.CollectionConverters.asScala(options));
                    Snapshot snapshot = DeltaLog.forTableWithSnapshot(spark, new Path(uri), o)
                            ._2();
                    loaded[0] = snapshot.withStats();
                    schema[0] = snapshot.metadata().schema();
                } catch (Exception e) {
                    return true; // no statistics to go by
                }
            }
            Dataset<Row> stats = loaded[0];
            List<Row> ranges;
            try {
                String c = QualityRun.quote(physicalName(schema[0], column));
                ranges = stats.select(functions.col("stats.minValues." + c), functions.col("stats.maxValues." + c))
                        .collectAsList();
            } catch (Exception e) {
                return true; // no statistics for the column (e.g. column mapping names them otherwise)
            }
            List<Object[]> known = new ArrayList<>();
            for (Row r : ranges) {
                if (r.isNullAt(0) || r.isNullAt(1)) continue;
                known.add(new Object[] {r.get(0), r.get(1)});
            }
            try {
                known.sort((a, b) -> compareStat(a[0], b[0]));
                for (int i = 1; i < known.size(); i++) {
                    if (compareStat(known.get(i - 1)[1], known.get(i)[0]) >= 0) return false;
                }
            } catch (IllegalArgumentException e) {
                return true; // a type not compared here: let the count check the real ranges
            }
            return true;
        };
    }

    /** The name Delta's statistics use: the column's physical name when the table maps column names. */
    private static String physicalName(StructType schema, String column) {
        for (StructField f : schema.fields()) {
            if (f.name().equalsIgnoreCase(column)) {
                String key = "delta.columnMapping.physicalName";
                return f.metadata().contains(key) ? f.metadata().getString(key) : f.name();
            }
        }
        return column;
    }

    private static int compareStat(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
        }
        if (a instanceof String x && b instanceof String y) {
            return UTF8String.fromString(x).compareTo(UTF8String.fromString(y));
        }
        if (a instanceof java.util.Date x && b instanceof java.util.Date y) return x.compareTo(y);
        if (a instanceof java.time.temporal.Temporal && a instanceof Comparable<?> && a.getClass() == b.getClass()) {
            return compare((Comparable<?>) a, (Comparable<?>) b);
        }
        throw new IllegalArgumentException("not compared: " + a.getClass().getSimpleName());
    }

    private static Long combine(List<Summary[]> units, int column) {
        List<Summary> ranges = new ArrayList<>();
        long duplicates = 0;
        for (Summary[] p : units) {
            Summary s = p[column];
            if (s.overflow) return null;
            if (s.values == 0) continue;
            duplicates += s.values - s.distinct;
            ranges.add(s);
        }
        ranges.sort(Comparator.comparing((Summary s) -> s.min, DuplicateCounts::compare));
        for (int i = 1; i < ranges.size(); i++) {
            if (compare(ranges.get(i - 1).max, ranges.get(i).min) >= 0) return null; // overlapping: may share values
        }
        return duplicates;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Comparable a, Comparable b) {
        return a.compareTo(b);
    }

    private enum Kind {
        LONG,
        INT,
        SHORT,
        BYTE,
        STRING,
        NONE
    }

    private static Kind kind(DataType t) {
        if (t instanceof LongType || t instanceof TimestampType || t instanceof TimestampNTZType) return Kind.LONG;
        if (t instanceof IntegerType || t instanceof DateType) return Kind.INT;
        if (t instanceof ShortType) return Kind.SHORT;
        if (t instanceof ByteType) return Kind.BYTE;
        // only the default, binary collation: equal strings are equal bytes
        if (t.equals(DataTypes.StringType)) return Kind.STRING;
        return Kind.NONE;
    }

    /** One unit's figures for one column. */
    static final class Summary implements Serializable {
        private static final long serialVersionUID = 1L;
        long values;
        long distinct;
        Comparable<?> min;
        Comparable<?> max;
        boolean overflow;
    }

    /**
     * Per partition: a summary per unit (the rows of one file, when the last column is the file path; else the
     * whole partition) and column.
     */
    private static final class PerPartition implements FlatMapFunction<Iterator<InternalRow>, Summary[]> {
        private static final long serialVersionUID = 1L;
        private final Kind[] kinds;
        private final boolean byFile;
        private final long budget;

        PerPartition(Kind[] kinds, boolean byFile, long budget) {
            this.kinds = kinds;
            this.byFile = byFile;
            this.budget = budget;
        }

        @Override
        public Iterator<Summary[]> call(Iterator<InternalRow> rows) {
            int n = kinds.length;
            List<Summary[]> units = new ArrayList<>();
            Unit unit = null;
            UTF8String file = null;
            while (rows.hasNext()) {
                InternalRow row = rows.next();
                if (byFile) {
                    UTF8String f = row.getUTF8String(n);
                    if (unit == null || !f.equals(file)) {
                        if (unit != null) units.add(unit.finish());
                        file = f.clone();
                        unit = new Unit(kinds, budget);
                    }
                } else if (unit == null) {
                    unit = new Unit(kinds, budget);
                }
                unit.add(row);
            }
            if (unit != null) units.add(unit.finish());
            return units.iterator();
        }
    }

    /** The distinct values of one unit of rows, per column, within a memory budget. */
    private static final class Unit {
        private final Kind[] kinds;
        private final long budget;
        private final Summary[] out;
        private final LongSet[] longs;
        private final List<Set<UTF8String>> strings = new ArrayList<>();
        private final long[] stringBytes;
        private final long[] min;
        private final long[] max;

        Unit(Kind[] kinds, long budget) {
            int n = kinds.length;
            this.kinds = kinds;
            this.budget = budget;
            out = new Summary[n];
            longs = new LongSet[n];
            stringBytes = new long[n];
            min = new long[n];
            max = new long[n];
            for (int c = 0; c < n; c++) {
                out[c] = new Summary();
                strings.add(kinds[c] == Kind.STRING ? new HashSet<>() : null);
                if (kinds[c] != Kind.STRING) longs[c] = new LongSet();
                min[c] = Long.MAX_VALUE;
                max[c] = Long.MIN_VALUE;
            }
        }

        void add(InternalRow row) {
            for (int c = 0; c < kinds.length; c++) {
                Summary s = out[c];
                if (s.overflow || row.isNullAt(c)) continue;
                s.values++;
                if (kinds[c] == Kind.STRING) {
                    UTF8String v = row.getUTF8String(c);
                    if (s.min == null || v.compareTo((UTF8String) s.min) < 0) s.min = v.clone();
                    if (s.max == null || v.compareTo((UTF8String) s.max) > 0) s.max = v.clone();
                    Set<UTF8String> set = strings.get(c);
                    if (!set.contains(v)) {
                        set.add(v.clone());
                        stringBytes[c] += 64 + v.numBytes();
                        if (stringBytes[c] > budget) {
                            s.overflow = true;
                            strings.set(c, null);
                        }
                    }
                } else {
                    long v =
                            switch (kinds[c]) {
                                case LONG -> row.getLong(c);
                                case INT -> row.getInt(c);
                                case SHORT -> row.getShort(c);
                                default -> row.getByte(c);
                            };
                    if (v < min[c]) min[c] = v;
                    if (v > max[c]) max[c] = v;
                    if (longs[c].add(v) && longs[c].bytes() > budget) {
                        s.overflow = true;
                        longs[c] = null;
                    }
                }
            }
        }

        Summary[] finish() {
            for (int c = 0; c < kinds.length; c++) {
                Summary s = out[c];
                if (s.overflow) continue;
                if (kinds[c] == Kind.STRING) {
                    s.distinct = strings.get(c).size();
                } else {
                    s.distinct = longs[c].size();
                    s.min = min[c];
                    s.max = max[c];
                }
            }
            return out;
        }
    }

    /** A set of longs with open addressing (linear probing); {@code Long.MIN_VALUE} is kept aside. */
    static final class LongSet {
        private static final long EMPTY = Long.MIN_VALUE;
        private long[] slots = new long[1 << 12];
        private int size;
        private boolean hasEmptyValue;

        LongSet() {
            Arrays.fill(slots, EMPTY);
        }

        /** Adds {@code v}; whether it was new. */
        boolean add(long v) {
            if (v == EMPTY) {
                if (hasEmptyValue) return false;
                hasEmptyValue = true;
                size++;
                return true;
            }
            int mask = slots.length - 1;
            int i = mix(v) & mask;
            while (true) {
                long s = slots[i];
                if (s == EMPTY) break;
                if (s == v) return false;
                i = (i + 1) & mask;
            }
            slots[i] = v;
            size++;
            if (size * 2L > slots.length) grow();
            return true;
        }

        int size() {
            return size;
        }

        long bytes() {
            return slots.length * 8L;
        }

        private void grow() {
            long[] old = slots;
            slots = new long[old.length * 2];
            Arrays.fill(slots, EMPTY);
            int mask = slots.length - 1;
            for (long v : old) {
                if (v == EMPTY) continue;
                int i = mix(v) & mask;
                while (slots[i] != EMPTY) i = (i + 1) & mask;
                slots[i] = v;
            }
        }

        private static int mix(long v) {
            long h = v * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32));
        }
    }
}
