package dev.meshsdk.storage.jdbc.load;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.data.DataFiles;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * A Parquet file, read row by row with parquet-hadoop and written as CSV records while the load reads them. Its
 * columns are matched to the contract's by name, like a CSV header. Flat files only: a nested group or a repeated
 * column is refused, naming it. Values are written as the SQL stores read them: dates and times in ISO-8601
 * (timestamps adjusted to UTC with {@code Z}), decimals with their scale, binary as {@code \x} hex, INT96
 * timestamps (written by older Spark and Hive) converted.
 */
final class ParquetFile extends LoadFile {
    private final MessageType schema;
    private final List<String> columns;
    private ParquetReader<Group> reader;
    private final StreamLines stream = new StreamLines();

    ParquetFile(PortBinding port, String object, Path file) {
        super(port, file);
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(path(file), conf()))) {
            this.schema = r.getFooter().getFileMetaData().getSchema();
        } catch (IOException | RuntimeException e) {
            throw new MeshException(
                    ErrorCode.INVALID_INPUT,
                    "Cannot read " + file + " as Parquet: " + e.getClass().getSimpleName()
                            + "; check that it is a Parquet file",
                    e);
        }
        for (Type t : schema.getFields()) {
            if (!t.isPrimitive() || t.isRepetition(Type.Repetition.REPEATED)) {
                throw new MeshException(
                        ErrorCode.INVALID_INPUT,
                        "Cannot publish " + file + " to "
                                + DataFiles.describe(port) + ": column '" + t.getName()
                                + "' is a nested or repeated field;"
                                + " this store takes flat Parquet files (one value per column)");
            }
        }
        this.columns = DataFiles.matchColumns(
                port,
                object,
                file,
                schema.getFields().stream().map(Type::getName).toList());
    }

    private static org.apache.hadoop.fs.Path path(Path file) {
        return new org.apache.hadoop.fs.Path(file.toAbsolutePath().toUri());
    }

    private static Configuration conf() {
        return new Configuration();
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public InputStream csv() throws IOException {
        reader = ParquetReader.builder(new GroupReadSupport(), path(file))
                .withConf(conf())
                .build();
        return new Converted();
    }

    @Override
    public String location(long line, String column) {
        long row = stream.record(line);
        return row < 1 ? file.toString() : DataFiles.rowLocation(file, row);
    }

    @Override
    public void close() throws IOException {
        if (reader != null) reader.close();
    }

    private final class Converted extends RecordStream {
        private final StringBuilder record = new StringBuilder(256);

        @Override
        CharSequence next() throws IOException {
            Group g = reader.read();
            if (g == null) return null;
            record.setLength(0);
            for (int i = 0; i < schema.getFieldCount(); i++) {
                if (i > 0) record.append(',');
                CsvText.field(
                        record,
                        g.getFieldRepetitionCount(i) == 0
                                ? null
                                : value(g, i, schema.getType(i).asPrimitiveType()));
            }
            record.append('\n');
            stream.add(record);
            return record;
        }
    }

    /** One value as text a SQL store reads for the column. */
    static String value(Group g, int i, PrimitiveType type) {
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        switch (type.getPrimitiveTypeName()) {
            case BOOLEAN:
                return String.valueOf(g.getBoolean(i, 0));
            case INT32: {
                int v = g.getInteger(i, 0);
                if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                    return LocalDate.ofEpochDay(v).toString();
                }
                if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
                    return BigDecimal.valueOf(v, d.getScale()).toPlainString();
                }
                if (logical instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation) {
                    return LocalTime.ofNanoOfDay(v * 1_000_000L).toString();
                }
                if (logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation t && !t.isSigned()) {
                    return Integer.toUnsignedString(v);
                }
                return String.valueOf(v);
            }
            case INT64: {
                long v = g.getLong(i, 0);
                if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t) {
                    Instant at = instant(v, t.getUnit());
                    return t.isAdjustedToUTC()
                            ? at.toString()
                            : LocalDateTime.ofInstant(at, ZoneOffset.UTC).toString();
                }
                if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
                    return BigDecimal.valueOf(v, d.getScale()).toPlainString();
                }
                if (logical instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation t) {
                    long nanos =
                            switch (t.getUnit()) {
                                case MILLIS -> v * 1_000_000L;
                                case MICROS -> v * 1_000L;
                                case NANOS -> v;
                            };
                    return LocalTime.ofNanoOfDay(nanos).toString();
                }
                if (logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation t && !t.isSigned()) {
                    return Long.toUnsignedString(v);
                }
                return String.valueOf(v);
            }
            case INT96: {
                ByteBuffer b = g.getInt96(i, 0).toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                long nanosOfDay = b.getLong();
                int julianDay = b.getInt();
                long epochDay = julianDay - 2_440_588L;
                return Instant.ofEpochSecond(epochDay * 86_400L, nanosOfDay).toString();
            }
            case FLOAT:
                return String.valueOf(g.getFloat(i, 0));
            case DOUBLE:
                return String.valueOf(g.getDouble(i, 0));
            case BINARY:
            case FIXED_LEN_BYTE_ARRAY: {
                Binary bin = g.getBinary(i, 0);
                if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
                    return new BigDecimal(new BigInteger(bin.getBytes()), d.getScale()).toPlainString();
                }
                if (logical instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
                    ByteBuffer b = bin.toByteBuffer();
                    return new UUID(b.getLong(), b.getLong()).toString();
                }
                if (logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                        || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                        || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
                    return bin.toStringUsingUTF8();
                }
                return "\\x" + HexFormat.of().formatHex(bin.getBytes());
            }
            default:
                throw new IllegalStateException("Parquet type " + type.getPrimitiveTypeName());
        }
    }

    private static Instant instant(long v, LogicalTypeAnnotation.TimeUnit unit) {
        return switch (unit) {
            case MILLIS -> Instant.ofEpochMilli(v);
            case MICROS -> Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000L), Math.floorMod(v, 1_000_000L) * 1_000L);
            case NANOS -> Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000_000L), Math.floorMod(v, 1_000_000_000L));
        };
    }
}
