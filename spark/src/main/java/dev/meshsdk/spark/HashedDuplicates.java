package dev.meshsdk.spark;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import scala.Tuple2;

/**
 * Exact duplicate counts ({@code count(col) - count(DISTINCT col)}) that shuffle 8 bytes per value instead of
 * Spark's rows: one pass turns every non-null value into a 64-bit key, which for integral, date and timestamp
 * columns is the value itself (no two values share it) and for other columns its {@code xxhash64}; the keys go
 * through the shuffle as blocks of {@code long[]} (no per-row serialization or hash aggregation), bucketed by
 * key; each bucket is sorted, and counts its distinct keys and notes the keys seen more than once.
 *
 * <p>A key seen more than once is a real duplicate when the key is the value. A hash seen more than once may
 * also be two different values that hash alike, so those few hashes are resolved exactly: the rows whose hash is
 * one of them (a semi-join on the colliding hashes, broadcast) count their distinct values. The count is exact:
 * distinct values = distinct hashes - colliding hashes + distinct values among the colliding hashes' rows. For
 * a column of unique keys no hash collides (the chance of one 64-bit collision among 10 million values is about
 * 3 in a million) and there is no second pass; a column with many repeated values needs the resolving pass over
 * its repeated values, and beyond {@link Hashing#resolveLimit()} colliding hashes the column is reported as
 * unknown and the caller counts it with a distinct aggregate.
 *
 * <p>Memory: a task keeps one block of {@value #BLOCK} keys per bucket and column while it maps; a bucket holds
 * at most about {@value #BUCKET_KEYS} keys (the number of buckets follows the row count).
 */
final class HashedDuplicates {
    /** Keys per block sent through the shuffle. */
    static final int BLOCK = 1 << 15;
    /** Keys a bucket should hold at most (16 MB), so that a reducing task sorts them in memory. */
    static final long BUCKET_KEYS = 1L << 21;

    /**
     * How values become keys. {@code hash} makes the 64-bit hash column of a value column (applied to non-null
     * values only); {@code integralsAsKeys} uses integral, date and timestamp values as their own keys (no
     * collision, nothing to resolve); {@code resolveLimit} is how many colliding hashes a column may have before
     * it is given up to a distinct aggregate. Tests inject a hash that collides on purpose.
     */
    record Hashing(Function<Column, Column> hash, boolean integralsAsKeys, int resolveLimit) {
        static final Hashing DEFAULT = new Hashing(c -> functions.xxhash64(c), true, 1 << 20);
    }

    private HashedDuplicates() {}

    /** Whether a column of {@code type} can be counted here (equal values always give equal keys). */
    static boolean supports(DataType type) {
        return type instanceof LongType
                || type instanceof IntegerType
                || type instanceof ShortType
                || type instanceof ByteType
                || type instanceof DateType
                || type instanceof TimestampType
                || type instanceof TimestampNTZType
                || type instanceof DecimalType
                || type instanceof BooleanType
                || type instanceof BinaryType
                // only the default, binary collation: equal strings are equal bytes, so equal hashes
                || type.equals(DataTypes.StringType);
    }

    /**
     * The duplicate count of each of {@code columns} of {@code data} (each {@link #supports supported}), or
     * {@code null} at a column's place when it has more colliding hashes than {@code hashing} resolves;
     * {@code rowCount} (the data's rows, or an estimate) sets the number of buckets.
     */
    static Long[] count(SparkSession spark, Dataset<Row> data, List<Column> columns, long rowCount, Hashing hashing) {
        int n = columns.size();
        boolean[] asKeys = new boolean[n];
        Column[] keys = new Column[n];
        int[] width = new int[n]; // bytes of an integral key read as such (0: a hash, read as a long)
        for (int c = 0; c < n; c++) {
            Column value = columns.get(c);
            DataType type = data.select(value).schema().fields()[0].dataType();
            width[c] = !hashing.integralsAsKeys()
                    ? 0
                    : type instanceof LongType || type instanceof TimestampType || type instanceof TimestampNTZType
                            ? 8
                            : type instanceof IntegerType || type instanceof DateType
                                    ? 4
                                    : type instanceof ShortType ? 2 : type instanceof ByteType ? 1 : 0;
            asKeys[c] = width[c] > 0;
            keys[c] = asKeys[c] ? value : when(value.isNotNull(), hashing.hash().apply(value));
        }
        int buckets = (int) Math.max(
                spark.sparkContext().defaultParallelism(),
                Math.min(1 << 16, (rowCount + BUCKET_KEYS - 1) / BUCKET_KEYS));
        int perColumnLimit = Math.max(1, hashing.resolveLimit() / buckets);
        JavaPairRDD<Integer, long[]> blocks = data.select(keys)
                .queryExecution()
                .toRdd()
                .toJavaRDD()
                .mapPartitionsToPair(new ToBlocks(width, buckets));
        List<BucketSummary> summaries = blocks.partitionBy(new ByKey(n * buckets))
                .mapPartitions(new SortAndCount(buckets, asKeys, perColumnLimit))
                .collect();

        Long[] out = new Long[n];
        for (int c = 0; c < n; c++) {
            long values = 0;
            long distinctKeys = 0;
            List<Long> colliding = new ArrayList<>();
            boolean overflow = false;
            for (BucketSummary s : summaries) {
                if (s.column != c) continue;
                values += s.values;
                distinctKeys += s.distinctKeys;
                if (s.colliding == null) overflow = true;
                else for (long h : s.colliding) colliding.add(h);
            }
            if (asKeys[c]) {
                out[c] = values - distinctKeys; // a key is its value: each repeated key is a repeated value
            } else if (overflow || colliding.size() > hashing.resolveLimit()) {
                out[c] = null; // unknown: the caller counts with a distinct aggregate
            } else if (colliding.isEmpty()) {
                out[c] = values - distinctKeys; // no hash repeats, so no value does
            } else {
                long resolved = distinctAmong(spark, data, columns.get(c), hashing, colliding);
                out[c] = values - (distinctKeys - colliding.size() + resolved);
            }
        }
        return out;
    }

    /** The distinct values of {@code value} among the rows whose hash is one of {@code hashes}. */
    private static long distinctAmong(
            SparkSession spark, Dataset<Row> data, Column value, Hashing hashing, List<Long> hashes) {
        Dataset<Row> colliding = spark.createDataset(hashes, Encoders.LONG()).toDF("mesh_colliding_hash");
        Dataset<Row> rows = data.where(value.isNotNull())
                .select(hashing.hash().apply(value).as("mesh_hash"), value.as("mesh_value"));
        return rows.join(
                        broadcast(colliding),
                        rows.col("mesh_hash").equalTo(colliding.col("mesh_colliding_hash")),
                        "left_semi")
                .agg(count_distinct(functions.col("mesh_value")))
                .first()
                .getLong(0);
    }

    /** One bucket's figures for one column. */
    static final class BucketSummary implements Serializable {
        private static final long serialVersionUID = 1L;
        int column;
        long values;
        long distinctKeys;
        /** Keys seen more than once, or {@code null} when more than the limit. */
        long[] colliding;
    }

    /** Sends shuffle partition {@code k} the blocks with key {@code k} (column * buckets + bucket). */
    private static final class ByKey extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final int partitions;

        ByKey(int partitions) {
            this.partitions = partitions;
        }

        @Override
        public int numPartitions() {
            return partitions;
        }

        @Override
        public int getPartition(Object key) {
            return (Integer) key;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ByKey b && b.partitions == partitions;
        }

        @Override
        public int hashCode() {
            return partitions;
        }
    }

    /** Map side: the non-null keys of each column, in blocks per bucket, emitted as a block fills. */
    private static final class ToBlocks implements PairFlatMapFunction<Iterator<InternalRow>, Integer, long[]> {
        private static final long serialVersionUID = 1L;
        private final int[] width;
        private final int buckets;

        ToBlocks(int[] width, int buckets) {
            this.width = width;
            this.buckets = buckets;
        }

        @Override
        public Iterator<Tuple2<Integer, long[]>> call(Iterator<InternalRow> rows) {
            int n = width.length;
            long[][] open = new long[n * buckets][];
            int[] filled = new int[n * buckets];
            return new Iterator<>() {
                private final ArrayList<Tuple2<Integer, long[]>> ready = new ArrayList<>();
                private int next;
                private boolean drained;

                @Override
                public boolean hasNext() {
                    while (next >= ready.size()) {
                        ready.clear();
                        next = 0;
                        if (drained) return false;
                        fill();
                    }
                    return true;
                }

                @Override
                public Tuple2<Integer, long[]> next() {
                    if (!hasNext()) throw new NoSuchElementException();
                    return ready.get(next++);
                }

                private void fill() {
                    while (rows.hasNext() && ready.isEmpty()) {
                        InternalRow row = rows.next();
                        for (int c = 0; c < n; c++) {
                            if (row.isNullAt(c)) continue;
                            long key =
                                    switch (width[c]) {
                                        case 8, 0 -> row.getLong(c);
                                        case 4 -> row.getInt(c);
                                        case 2 -> row.getShort(c);
                                        default -> row.getByte(c);
                                    };
                            int k = c * buckets + (int) Long.remainderUnsigned(mix(key), buckets);
                            if (open[k] == null) open[k] = new long[BLOCK];
                            open[k][filled[k]++] = key;
                            if (filled[k] == BLOCK) {
                                ready.add(new Tuple2<>(k, open[k]));
                                open[k] = null;
                                filled[k] = 0;
                            }
                        }
                    }
                    if (!rows.hasNext() && ready.isEmpty()) {
                        for (int k = 0; k < open.length; k++) {
                            if (filled[k] > 0) ready.add(new Tuple2<>(k, Arrays.copyOf(open[k], filled[k])));
                            open[k] = null;
                        }
                        drained = true;
                    }
                }
            };
        }

        /** Spreads keys over buckets (ids in order would otherwise fill buckets in turn). */
        private static long mix(long v) {
            long h = v * 0x9E3779B97F4A7C15L;
            return h ^ (h >>> 29);
        }
    }

    /** Reduce side: one bucket of one column, sorted; its distinct keys and the keys seen more than once. */
    private static final class SortAndCount
            implements FlatMapFunction<Iterator<Tuple2<Integer, long[]>>, BucketSummary> {
        private static final long serialVersionUID = 1L;
        private final int buckets;
        private final boolean[] asKeys;
        private final int limit;

        SortAndCount(int buckets, boolean[] asKeys, int limit) {
            this.buckets = buckets;
            this.asKeys = asKeys;
            this.limit = limit;
        }

        @Override
        public Iterator<BucketSummary> call(Iterator<Tuple2<Integer, long[]>> blocks) {
            List<long[]> all = new ArrayList<>();
            int key = -1;
            long total = 0;
            while (blocks.hasNext()) {
                Tuple2<Integer, long[]> b = blocks.next();
                key = b._1();
                all.add(b._2());
                total += b._2().length;
            }
            if (key < 0) return java.util.Collections.emptyIterator();
            if (total > Integer.MAX_VALUE - 8) throw new IllegalStateException("a bucket of " + total + " keys");
            long[] keys = new long[(int) total];
            int at = 0;
            for (long[] b : all) {
                System.arraycopy(b, 0, keys, at, b.length);
                at += b.length;
            }
            all.clear();
            Arrays.sort(keys);
            BucketSummary s = new BucketSummary();
            s.column = key / buckets;
            s.values = keys.length;
            boolean keep = !asKeys[s.column]; // a repeated key that is the value needs no resolving
            long[] colliding = new long[16];
            int collidingCount = 0;
            boolean overflow = false;
            for (int i = 0; i < keys.length; ) {
                int j = i + 1;
                while (j < keys.length && keys[j] == keys[i]) j++;
                s.distinctKeys++;
                if (keep && j - i > 1 && !overflow) {
                    if (collidingCount == limit) {
                        overflow = true;
                    } else {
                        if (collidingCount == colliding.length)
                            colliding = Arrays.copyOf(colliding, colliding.length * 2);
                        colliding[collidingCount++] = keys[i];
                    }
                }
                i = j;
            }
            s.colliding = overflow ? null : Arrays.copyOf(colliding, collidingCount);
            return List.of(s).iterator();
        }
    }
}
