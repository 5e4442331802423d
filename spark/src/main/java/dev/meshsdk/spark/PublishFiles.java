package dev.meshsdk.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.json_object_keys;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.data.CsvRecord;
import dev.meshsdk.spi.data.DataFiles;
import dev.meshsdk.spi.data.PublishRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Reads a file to publish with Spark, shaped like the port's table: its columns matched to the contract by name
 * (never by position), its values typed as the table's columns. CSV and JSON lines are read as text first and
 * cast with {@code try_cast} (nested columns with {@code from_json}), so a value that does not fit its column is
 * found in one pass over the file and named by file, line and column, never by value: the line is found by
 * reading the local file again on the driver (only when something is wrong). Parquet files carry their types;
 * the publisher's schema check names a column whose type does not fit.
 */
final class PublishFiles {
    private static final String CORRUPT = "_mesh_corrupt";
    private static final String LINE = "_mesh_value";
    private static final String ROW = "_mesh_row";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Where rows are in the file: for a publish refused by a row-level rule, to name the lines that break it.
     * Used only when something is wrong.
     */
    interface Places {
        /** The table-shaped rows, with whatever else {@link #locate} needs, in the file's order. */
        Dataset<Row> rows();

        /** Where each of {@code rows} (rows of {@link #rows()}, in the file's order) is, at {@code column}. */
        List<String> locate(List<Row> rows, String column);
    }

    /**
     * The rows to publish and what to release afterwards.
     *
     * @param rows      the table-shaped rows
     * @param persisted true when {@code rows} is already persisted (release with {@link #close()})
     * @param places    where the rows are in the file
     */
    record Read(Dataset<Row> rows, Dataset<Row> cached, boolean persisted, Places places) implements AutoCloseable {
        @Override
        public void close() {
            if (cached != null) cached.unpersist();
        }
    }

    private PublishFiles() {}

    static Read read(SparkSession spark, PortBinding port, PublishRequest request, StructType table) {
        return switch (request.format()) {
            case CSV -> csv(spark, port, request.object(), request.file(), table);
            case JSON_LINES -> jsonLines(spark, port, request.object(), request.file(), table);
            case PARQUET -> parquet(spark, port, request.object(), request.file());
        };
    }

    // ---- CSV ------------------------------------------------------------------------------------------

    private static Read csv(SparkSession spark, PortBinding port, String object, Path file, StructType table) {
        List<String> header = DataFiles.csvHeader(file);
        List<String> names = DataFiles.matchCsvColumns(port, object, file);
        // The header is skipped, not read: the schema is already in the header's order. Its fields are named as the
        // header names them, so that Spark's own comparison of header and schema (a warning, "CSV header does not
        // conform to the schema") agrees, then renamed by position to names of the SDK's own. multiLine lets a
        // quoted field hold line breaks and escape '"' reads a doubled quote as one, as RFC 4180 has it.
        // (matchCsvColumns names every header cell or throws, so the two lists have the same length)
        boolean asWritten =
                header.stream().map(h -> h.toLowerCase(Locale.ROOT)).distinct().count() == header.size()
                        && header.stream().noneMatch(CORRUPT::equalsIgnoreCase);
        StructType read = new StructType();
        List<String> renamed = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            read = read.add(asWritten ? header.get(i) : rawName(i), DataTypes.StringType);
            renamed.add(rawName(i));
        }
        read = read.add(CORRUPT, DataTypes.StringType);
        renamed.add(CORRUPT);
        Dataset<Row> text = spark.read()
                .schema(read)
                .option("header", "true")
                .option("enforceSchema", "true")
                .option("multiLine", "true")
                .option("escape", "\"")
                .option("mode", "PERMISSIVE")
                .option("encoding", "UTF-8")
                .option("columnNameOfCorruptRecord", CORRUPT)
                .csv(file.toAbsolutePath().toUri().toString())
                .toDF(renamed.toArray(new String[0]));
        Typed typed = typed(names, table, required(port, object));
        Dataset<Row> cached = text.select(typed.all(col(CORRUPT))).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Row counts = cached.agg(count_if(col(CORRUPT).isNotNull()), typed.badCounts())
                    .first();
            if (counts.getLong(0) > 0) throw malformedCsv(port, file, header.size(), cached, names.size());
            List<Integer> anyBad = typed.bad(counts, 1);
            if (!anyBad.isEmpty()) {
                // the first bad rows of the file (one file, read in order), found again on the driver in one pass
                List<Row> rows = typed.firstBadRows(cached, anyBad);
                List<Predicate<List<String>>> which = new ArrayList<>();
                for (Row row : rows) {
                    List<String> values = new ArrayList<>();
                    for (int i = 0; i < names.size(); i++) values.add(row.getString(i));
                    which.add(fields -> sameValues(fields, values));
                }
                List<CsvRecord> at = DataFiles.findCsvRecords(file, which);
                throw typed.badValues(
                        port,
                        counts,
                        1,
                        anyBad,
                        rows,
                        (r, i) -> r < at.size()
                                ? DataFiles.location(
                                        file,
                                        at.get(r).line(typed.index(i)),
                                        at.get(r).column(typed.index(i)))
                                : file.toString());
            }
            return new Read(cached.select(typed.columns()), cached, true, new Places() {
                @Override
                public Dataset<Row> rows() {
                    List<Column> out = new ArrayList<>(List.of(typed.columns()));
                    for (int i = 0; i < names.size(); i++) out.add(col(rawName(i)));
                    return cached.select(out.toArray(new Column[0]));
                }

                @Override
                public List<String> locate(List<Row> rows, String column) {
                    int index = indexOf(names, column);
                    List<Predicate<List<String>>> which = new ArrayList<>();
                    for (Row row : rows) {
                        List<String> values = new ArrayList<>();
                        for (int i = 0; i < names.size(); i++) values.add(row.getAs(rawName(i)));
                        which.add(fields -> sameValues(fields, values));
                    }
                    List<CsvRecord> at = DataFiles.findCsvRecords(file, which);
                    List<String> out = new ArrayList<>();
                    for (int r = 0; r < rows.size(); r++) {
                        out.add(
                                r < at.size()
                                        ? DataFiles.location(
                                                file,
                                                at.get(r).line(index),
                                                at.get(r).column(index))
                                        : file.toString());
                    }
                    return out;
                }
            });
        } catch (RuntimeException e) {
            cached.unpersist();
            throw e;
        }
    }

    /** A record whose field count is not the header's, found by reading the file on the driver. */
    private static MeshException malformedCsv(
            PortBinding port, Path file, int width, Dataset<Row> cached, int columns) {
        Optional<CsvRecord> wrong = DataFiles.findCsvRecord(file, fields -> fields.size() != width);
        if (wrong.isPresent()) {
            return DataFiles.badValue(
                    port,
                    DataFiles.location(file, wrong.get().line(), 0),
                    null,
                    "has " + wrong.get().fields().size() + " field(s) where the header names " + width);
        }
        Row row =
                cached.filter(col(CORRUPT).isNotNull()).limit(1).collectAsList().get(0);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < columns; i++) values.add(row.getString(i));
        Optional<CsvRecord> at = DataFiles.findCsvRecord(file, fields -> sameValues(fields, values));
        return DataFiles.badValue(
                port,
                at.map(r -> DataFiles.location(file, r.line(), 0)).orElse(file.toString()),
                null,
                "is not well-formed CSV");
    }

    // ---- JSON lines ---------------------------------------------------------------------------------

    private static Read jsonLines(SparkSession spark, PortBinding port, String object, Path file, StructType table) {
        Dataset<Row> lines = spark.read()
                .text(file.toAbsolutePath().toUri().toString())
                .where(trim(col("value")).notEqual(""))
                .select(col("value").as(LINE))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            List<String> keys =
                    lines.select(explode(json_object_keys(col(LINE)))).distinct().limit(10_000).collectAsList().stream()
                            .map(r -> r.getString(0))
                            .toList();
            // Keys are matched one by one: "id" on one line and "ID" on another are the same column.
            Map<String, List<String>> byColumn = new LinkedHashMap<>();
            for (String k : keys) {
                String name;
                try {
                    name = DataFiles.matchKnownColumns(port, object, file, List.of(k))
                            .get(0);
                } catch (MeshException e) {
                    throw withLineOfUnknownKey(file, keys, names(port, object), e);
                }
                byColumn.computeIfAbsent(name, n -> new ArrayList<>()).add(k);
            }
            // Parsed with the keys as they are written, then the fields renamed by position: Spark resolves field
            // names ignoring case, so "id" and "ID" would be ambiguous.
            StructType strings = new StructType();
            StructType positional = new StructType();
            for (int i = 0; i < keys.size(); i++) {
                strings = strings.add(keys.get(i), DataTypes.StringType);
                positional = positional.add("_mesh_key_" + i, DataTypes.StringType);
            }
            Dataset<Row> parsed = lines.select(
                    col(LINE),
                    from_json(col(LINE), strings).cast(positional).as("j"),
                    json_object_keys(col(LINE)).isNull().as(CORRUPT));
            List<Column> rawColumns = new ArrayList<>();
            List<String> present = new ArrayList<>(byColumn.keySet());
            List<String> firstKey = new ArrayList<>();
            for (Map.Entry<String, List<String>> e : byColumn.entrySet()) {
                Column[] fields = e.getValue().stream()
                        .map(k -> col("j").getField("_mesh_key_" + keys.indexOf(k)))
                        .toArray(Column[]::new);
                rawColumns.add((fields.length == 1 ? fields[0] : coalesce(fields)).as(rawName(rawColumns.size())));
                firstKey.add(e.getValue().get(0));
            }
            Dataset<Row> text = parsed.select(concat(rawColumns, col(LINE), col(CORRUPT)));
            Typed typed = typed(present, table, required(port, object));
            List<Column> missing = new ArrayList<>();
            for (StructField f : table.fields()) {
                if (present.stream().noneMatch(n -> n.equalsIgnoreCase(f.name()))
                        && contractHas(port, object, f.name())) {
                    missing.add(lit(null).cast(f.dataType()).as(f.name()));
                }
            }
            Dataset<Row> cached =
                    text.select(typed.all(col(LINE), col(CORRUPT))).persist(StorageLevel.MEMORY_AND_DISK());
            try {
                Row counts =
                        cached.agg(count_if(col(CORRUPT)), typed.badCounts()).first();
                if (counts.getLong(0) > 0) {
                    String line = cached.filter(col(CORRUPT))
                            .select(LINE)
                            .limit(1)
                            .collectAsList()
                            .get(0)
                            .getString(0);
                    throw notAnObject(port, file, line);
                }
                List<Integer> anyBad = typed.bad(counts, 1);
                if (!anyBad.isEmpty()) {
                    List<Row> rows = typed.firstBadRows(cached, anyBad);
                    List<Predicate<String>> which = new ArrayList<>();
                    for (Row row : rows) which.add(row.getString(row.fieldIndex(LINE))::equals);
                    List<Long> at = DataFiles.findLines(file, which);
                    throw typed.badValues(port, counts, 1, anyBad, rows, (r, i) -> {
                        if (r >= at.size()) return file.toString();
                        String line = rows.get(r).getString(rows.get(r).fieldIndex(LINE));
                        int column = line.indexOf("\"" + firstKey.get(typed.index(i)) + "\"") + 1;
                        return DataFiles.location(file, at.get(r), column);
                    });
                }
                List<Column> out = new ArrayList<>(List.of(typed.columns()));
                out.addAll(missing);
                return new Read(cached.select(out.toArray(new Column[0])), cached, true, new Places() {
                    @Override
                    public Dataset<Row> rows() {
                        List<Column> withLine = new ArrayList<>(out);
                        withLine.add(col(LINE));
                        return cached.select(withLine.toArray(new Column[0]));
                    }

                    @Override
                    public List<String> locate(List<Row> rows, String column) {
                        int index = indexOf(present, column);
                        List<Predicate<String>> which = new ArrayList<>();
                        for (Row row : rows) which.add(row.<String>getAs(LINE)::equals);
                        List<Long> at = DataFiles.findLines(file, which);
                        List<String> located = new ArrayList<>();
                        for (int r = 0; r < rows.size(); r++) {
                            if (r >= at.size()) {
                                located.add(file.toString());
                                continue;
                            }
                            String line = rows.get(r).getAs(LINE);
                            int c = index < 0 ? 0 : line.indexOf("\"" + firstKey.get(index) + "\"") + 1;
                            located.add(DataFiles.location(file, at.get(r), c));
                        }
                        return located;
                    }
                });
            } catch (RuntimeException e) {
                cached.unpersist();
                throw e;
            }
        } finally {
            lines.unpersist();
        }
    }

    private static MeshException notAnObject(PortBinding port, Path file, String line) {
        OptionalLong n = DataFiles.findLine(file, line::equals);
        int column = 1;
        try {
            JsonNode node = JSON.readTree(line);
            if (node != null && node.isObject()) column = 1;
        } catch (JsonProcessingException e) {
            column = e.getLocation() == null ? 1 : e.getLocation().getColumnNr();
        }
        return new MeshException(
                ErrorCode.INVALID_INPUT,
                (n.isPresent() ? DataFiles.location(file, n.getAsLong(), column) : file.toString())
                        + ": Cannot publish to " + DataFiles.describe(port) + ": the line is not one"
                        + " JSON object; write one object per line ({\"column\": value, ...}); nothing was published");
    }

    /** The error naming the unknown key, placed at the first line that has it. */
    private static MeshException withLineOfUnknownKey(
            Path file, List<String> keys, List<String> known, MeshException e) {
        for (String k : keys) {
            if (known.stream().anyMatch(n -> n.equalsIgnoreCase(k))) continue;
            OptionalLong n = DataFiles.findLine(file, l -> l.contains("\"" + k + "\""));
            if (n.isPresent()) {
                String text = lineText(file, n.getAsLong());
                int column = text == null ? 0 : text.indexOf("\"" + k + "\"") + 1;
                return new MeshException(
                        ErrorCode.INVALID_INPUT,
                        DataFiles.location(file, n.getAsLong(), column) + ": " + e.getMessage());
            }
        }
        return e;
    }

    private static String lineText(Path file, long line) {
        long[] i = {0};
        String[] found = {null};
        DataFiles.findLine(file, l -> {
            if (++i[0] == line) found[0] = l;
            return i[0] == line;
        });
        return found[0];
    }

    // ---- Parquet --------------------------------------------------------------------------------------

    private static Read parquet(SparkSession spark, PortBinding port, String object, Path file) {
        Dataset<Row> data = spark.read().parquet(file.toAbsolutePath().toUri().toString());
        List<String> fields = List.of(data.schema().fieldNames());
        List<String> names = DataFiles.matchColumns(port, object, file, fields);
        List<Column> renamed = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++)
            renamed.add(data.col(QualityRun.quote(fields.get(i))).as(names.get(i)));
        Dataset<Row> rows = data.select(renamed.toArray(new Column[0]));
        return new Read(rows, null, false, new Places() {
            @Override
            public Dataset<Row> rows() {
                // Parquet has no lines: the row's number in the file, counted in the file's order
                StructType numbered = rows.schema().add(ROW, DataTypes.LongType);
                return spark.createDataFrame(
                        rows.javaRDD().zipWithIndex().map(t -> {
                            Object[] values = new Object[t._1().size() + 1];
                            for (int i = 0; i < t._1().size(); i++) values[i] = t._1().get(i);
                            values[values.length - 1] = t._2() + 1;
                            return org.apache.spark.sql.RowFactory.create(values);
                        }),
                        numbered);
            }

            @Override
            public List<String> locate(List<Row> rows, String column) {
                return rows.stream()
                        .map(r -> DataFiles.rowLocation(file, r.<Long>getAs(ROW)))
                        .toList();
            }
        });
    }

    // ---- typing ---------------------------------------------------------------------------------------

    /** Raw text columns cast to the table's types, and the test that a value did not fit. */
    private record Typed(
            List<Integer> of,
            List<String> names,
            List<DataType> types,
            List<Boolean> required,
            List<Column> raw,
            List<Column> typed) {
        /** The raw and typed columns, then {@code extra}. */
        Column[] all(Column... extra) {
            List<Column> out = new ArrayList<>();
            for (int i = 0; i < raw.size(); i++) out.add(raw.get(i));
            for (int i = 0; i < typed.size(); i++) out.add(typed.get(i).as(typedName(i)));
            out.addAll(List.of(extra));
            return out.toArray(new Column[0]);
        }

        Column[] columns() {
            List<Column> out = new ArrayList<>();
            for (int i = 0; i < typed.size(); i++) out.add(col(typedName(i)).as(names.get(i)));
            return out.toArray(new Column[0]);
        }

        Column[] badCounts() {
            List<Column> out = new ArrayList<>();
            for (int i = 0; i < typed.size(); i++) out.add(count_if(isBad(i)));
            return out.toArray(new Column[0]);
        }

        /** A value that does not fit the column's type, or no value where the contract requires one. */
        Column isBad(int i) {
            Column notTyped =
                    col(rawName(of.get(i))).isNotNull().and(col(typedName(i)).isNull());
            return required.get(i) ? notTyped.or(col(rawName(of.get(i))).isNull()) : notTyped;
        }

        /** The typed columns holding bad values (by {@link #badCounts} at {@code offset}), in the file's order. */
        List<Integer> bad(Row counts, int offset) {
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < typed.size(); i++) {
                if (counts.getLong(offset + i) > 0) out.add(i);
            }
            return out;
        }

        /** Whether any of the columns {@code bad} holds a bad value in the row. */
        Column anyBad(List<Integer> bad) {
            Column any = isBad(bad.get(0));
            for (int k = 1; k < bad.size(); k++) any = any.or(isBad(bad.get(k)));
            return any;
        }

        /** Whether typed column {@code i} is bad in {@code row}, a row laid out by {@link #all}. */
        boolean isBadIn(Row row, int i) {
            return row.isNullAt(of.get(i)) ? required.get(i) : row.isNullAt(raw.size() + i);
        }

        /** The first rows (in the file's order) holding a bad value in one of the columns {@code bad}. */
        List<Row> firstBadRows(Dataset<Row> rows, List<Integer> bad) {
            return rows.filter(anyBad(bad)).limit(DataFiles.BAD_VALUES_SHOWN).collectAsList();
        }

        /**
         * The file's bad values: the first ones located in {@code rows} ({@code where} places the bad value of
         * typed column {@code i} in the {@code r}th of them), all of them counted per column (by {@link
         * #badCounts} at {@code offset}), never a value.
         */
        MeshException badValues(
                PortBinding port,
                Row counts,
                int offset,
                List<Integer> bad,
                List<Row> rows,
                java.util.function.BiFunction<Integer, Integer, String> where) {
            List<DataFiles.BadValue> first = new ArrayList<>();
            for (int r = 0; r < rows.size(); r++) {
                for (int i : bad) {
                    if (isBadIn(rows.get(r), i)) {
                        first.add(new DataFiles.BadValue(where.apply(r, i), names.get(i), problem(i, rows.get(r))));
                    }
                }
            }
            long total = 0;
            Map<String, Long> byColumn = new LinkedHashMap<>();
            for (int i : bad) {
                long n = counts.getLong(offset + i);
                total += n;
                byColumn.merge(names.get(i), n, Long::sum);
            }
            return DataFiles.badValues(port, first, total, byColumn);
        }

        /** The position of typed column {@code i} among the file's columns. */
        int index(int i) {
            return of.get(i);
        }

        /** What is wrong with typed column {@code i} in {@code row}, a row laid out by {@link #all}. */
        String problem(int i, Row row) {
            return row.isNullAt(of.get(i))
                    ? DataFiles.REQUIRED_BUT_EMPTY
                    : "is not a valid " + types.get(i).simpleString();
        }

        private static String typedName(int i) {
            return "_mesh_typed_" + i;
        }
    }

    /**
     * Casts each file column (text, named {@code _mesh_raw_<i>}) to the type of the table's column of that name;
     * {@code required} names the columns the contract requires a value in.
     */
    private static Typed typed(List<String> names, StructType table, Set<String> required) {
        List<Integer> of = new ArrayList<>();
        List<String> tableNames = new ArrayList<>();
        List<DataType> types = new ArrayList<>();
        List<Boolean> requires = new ArrayList<>();
        List<Column> raw = new ArrayList<>();
        List<Column> typed = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            raw.add(col(rawName(i)));
            StructField f = field(table, names.get(i));
            if (f == null) continue; // not in the table: the publisher's schema check names it
            of.add(i);
            tableNames.add(f.name());
            types.add(f.dataType());
            requires.add(required.contains(f.name().toLowerCase(Locale.ROOT)));
            Column r = col(rawName(i));
            DataType t = f.dataType();
            typed.add(
                    t.equals(DataTypes.StringType)
                            ? r
                            : t instanceof StructType || t instanceof ArrayType || t instanceof MapType
                                    ? from_json(r, t)
                                    : r.try_cast(t));
        }
        return new Typed(of, tableNames, types, requires, raw, typed);
    }

    private static StructField field(StructType table, String name) {
        for (StructField f : table.fields()) {
            if (f.name().equalsIgnoreCase(name)) return f;
        }
        return null;
    }

    private static boolean contractHas(PortBinding port, String object, String column) {
        return names(port, object).stream().anyMatch(n -> n.equalsIgnoreCase(column));
    }

    /** The store names, lower-cased, of the columns the contract requires a value in. */
    private static Set<String> required(PortBinding port, String object) {
        return DataFiles.schemaObject(port, object).properties().stream()
                .filter(p -> p.required())
                .map(p -> p.storeName().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
    }

    private static List<String> names(PortBinding port, String object) {
        return DataFiles.schemaObject(port, object).properties().stream()
                .map(p -> p.storeName())
                .toList();
    }

    private static String rawName(int i) {
        return "_mesh_raw_" + i;
    }

    private static Column[] concat(List<Column> columns, Column... more) {
        List<Column> out = new ArrayList<>(columns);
        out.addAll(List.of(more));
        return out.toArray(new Column[0]);
    }

    /** The position of {@code column} among {@code names}, case aside; -1 when not there. */
    private static int indexOf(List<String> names, String column) {
        for (int i = 0; i < names.size(); i++) if (names.get(i).equalsIgnoreCase(column)) return i;
        return -1;
    }

    /** Whether a CSV record holds the values Spark read (an empty field and NULL alike). */
    private static boolean sameValues(List<String> fields, List<String> values) {
        if (fields.size() != values.size()) return false;
        for (int i = 0; i < fields.size(); i++) {
            if (!Objects.equals(blankToNull(fields.get(i)), blankToNull(values.get(i)))) return false;
        }
        return true;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
