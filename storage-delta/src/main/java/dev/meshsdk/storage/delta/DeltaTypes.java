package dev.meshsdk.storage.delta;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.internal.schema.ColumnEvolution;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.plan.Column;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FieldMetadata;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Delta types: from ODCS properties, to and from the Spark SQL type text plans carry ({@code bigint},
 * {@code decimal(12,2)}, {@code struct<a:string,b:int not null>}), and which changes are widenings.
 * Public only so that both Delta adapters ({@code storage-local} and {@code storage-s3}) map types exactly alike;
 * not an API for users.
 */
public final class DeltaTypes {
    /** Field metadata keys for a column's description and classification. */
    static final String COMMENT = "comment";

    static final String CLASSIFICATION = "mesh.classification";

    private DeltaTypes() {}

    /** A plan column from a Delta field: its type as Spark SQL text, comment and classification from metadata. */
    static Column column(StructField f) {
        FieldMetadata m = f.getMetadata();
        return new Column(
                f.getName(),
                toSql(f.getDataType()),
                null,
                f.isNullable(),
                m.contains(COMMENT) ? m.getString(COMMENT) : null,
                m.contains(CLASSIFICATION) ? m.getString(CLASSIFICATION) : null);
    }

    /** A table's columns as plan columns, in table order. */
    public static List<Column> columns(StructType schema) {
        List<Column> out = new ArrayList<>();
        for (StructField f : schema.fields()) out.add(column(f));
        return out;
    }

    /** A new Delta field from a plan column. */
    public static StructField field(Column c) {
        return new StructField(c.name(), parseRequired(c.type()), c.nullable(), metadata(FieldMetadata.empty(), c));
    }

    /** {@code base} with the column's comment and classification in place of the ones it had. */
    static FieldMetadata metadata(FieldMetadata base, Column c) {
        FieldMetadata.Builder b = FieldMetadata.builder().fromMetadata(base);
        b.remove(COMMENT);
        b.remove(CLASSIFICATION);
        if (c.comment() != null) b.putString(COMMENT, c.comment());
        if (c.classification() != null) b.putString(CLASSIFICATION, c.classification());
        return b.build();
    }

    /**
     * The Delta type of an ODCS property: its {@code physicalType} when that names a Delta/Spark type,
     * else the mapping of its {@code logicalType} (with {@code logicalTypeOptions}).
     */
    public static DataType of(SchemaProperty p) {
        if (p.physicalType() != null) {
            Optional<DataType> physical = parse(p.physicalType());
            if (physical.isPresent()) return physical.get();
        }
        String logical = p.logicalType() == null ? "string" : p.logicalType().toLowerCase(Locale.ROOT);
        Map<String, Object> options = p.logicalTypeOptions();
        return switch (logical) {
            case "string" -> StringType.STRING;
            case "integer" -> integerOf(String.valueOf(options.getOrDefault("format", "")));
            case "number" -> numberOf(p, options);
            case "boolean" -> BooleanType.BOOLEAN;
            case "date" -> DateType.DATE;
            case "timestamp" ->
                Boolean.FALSE.equals(options.get("timezone"))
                        ? TimestampNTZType.TIMESTAMP_NTZ
                        : TimestampType.TIMESTAMP;
            case "time" -> StringType.STRING;
            case "array" -> new ArrayType(p.items() == null ? StringType.STRING : of(p.items()), true);
            case "object" ->
                p.properties().isEmpty()
                        ? new MapType(StringType.STRING, StringType.STRING, true)
                        : structOf(p.properties());
            default ->
                throw new MeshException(
                        ErrorCode.INVALID_DESCRIPTOR,
                        "Cannot map property '" + p.name()
                                + "' to a Delta type: logicalType '" + p.logicalType()
                                + "' is not an ODCS logical type; use"
                                + " string, integer, number, boolean, date, timestamp, time, array or object");
        };
    }

    private static DataType integerOf(String format) {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "i8", "int8", "byte" -> ByteType.BYTE;
            case "i16", "int16", "short" -> ShortType.SHORT;
            case "i32", "int32", "int" -> IntegerType.INTEGER;
            default -> LongType.LONG;
        };
    }

    private static DataType numberOf(SchemaProperty p, Map<String, Object> options) {
        Object precision = options.get("precision");
        if (precision != null) {
            Object scale = options.getOrDefault("scale", 0);
            try {
                return new DecimalType(
                        Integer.parseInt(String.valueOf(precision)), Integer.parseInt(String.valueOf(scale)));
            } catch (IllegalArgumentException e) {
                String shown = ("precision " + precision + ", scale " + scale);
                throw new MeshException(
                        ErrorCode.INVALID_DESCRIPTOR,
                        "Cannot map property '" + p.name() + "' to a Delta"
                                + " decimal: logicalTypeOptions "
                                + (shown.length() > 60 ? shown.substring(0, 60) + "..." : shown)
                                + " is not one; use a whole precision of 1 to 38 and a scale of 0 to the precision");
            }
        }
        String format = String.valueOf(options.getOrDefault("format", "")).toLowerCase(Locale.ROOT);
        return format.equals("f32") || format.equals("float") ? FloatType.FLOAT : DoubleType.DOUBLE;
    }

    private static StructType structOf(List<SchemaProperty> properties) {
        List<StructField> fields = new ArrayList<>();
        for (SchemaProperty child : properties) {
            fields.add(new StructField(child.storeName(), of(child), !child.required()));
        }
        return new StructType(fields);
    }

    /** The Spark SQL text of a type, the form plans show and carry. */
    static String toSql(DataType t) {
        if (t instanceof StringType) return "string";
        if (t instanceof LongType) return "bigint";
        if (t instanceof IntegerType) return "int";
        if (t instanceof ShortType) return "smallint";
        if (t instanceof ByteType) return "tinyint";
        if (t instanceof FloatType) return "float";
        if (t instanceof DoubleType) return "double";
        if (t instanceof BooleanType) return "boolean";
        if (t instanceof DateType) return "date";
        if (t instanceof TimestampNTZType) return "timestamp_ntz";
        if (t instanceof TimestampType) return "timestamp";
        if (t instanceof BinaryType) return "binary";
        if (t instanceof DecimalType d) return "decimal(" + d.getPrecision() + "," + d.getScale() + ")";
        if (t instanceof ArrayType a) return "array<" + toSql(a.getElementType()) + ">";
        if (t instanceof MapType m) return "map<" + toSql(m.getKeyType()) + "," + toSql(m.getValueType()) + ">";
        if (t instanceof StructType s) {
            StringBuilder b = new StringBuilder("struct<");
            for (int i = 0; i < s.length(); i++) {
                StructField f = s.at(i);
                if (i > 0) b.append(',');
                b.append(f.getName()).append(':').append(toSql(f.getDataType()));
                if (!f.isNullable()) b.append(" not null");
            }
            return b.append('>').toString();
        }
        return t.toString().toLowerCase(Locale.ROOT);
    }

    /** The type a Spark SQL type name denotes, or empty when the text is not one (e.g. {@code varchar(20)}). */
    static Optional<DataType> parse(String text) {
        try {
            Parser p = new Parser(text);
            DataType t = p.type();
            p.skipSpaces();
            return p.pos == p.s.length() ? Optional.of(t) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Like {@link #parse} for text a plan carries, which must be a type. */
    static DataType parseRequired(String text) {
        return parse(text)
                .orElseThrow(() -> new MeshException(
                        ErrorCode.INVALID_CONFIGURATION, "Cannot apply change: '" + text + "' is not a Delta type"));
    }

    /**
     * Whether a column of type {@code from} may become {@code to} without rewriting data, as Delta's type
     * widening allows: byte, short, int to a wider integer, float to double, and a decimal whose precision
     * and scale both grow without losing integer digits.
     */
    static boolean isWidening(DataType from, DataType to) {
        int fromRank = integerRank(from);
        int toRank = integerRank(to);
        if (fromRank > 0 && toRank > 0) return toRank > fromRank;
        if (from instanceof FloatType && to instanceof DoubleType) return true;
        if (from instanceof DecimalType f && to instanceof DecimalType t) {
            return ColumnEvolution.decimalWidens(f.getPrecision(), f.getScale(), t.getPrecision(), t.getScale())
                    && !f.equals(t);
        }
        return false;
    }

    private static int integerRank(DataType t) {
        if (t instanceof ByteType) return 1;
        if (t instanceof ShortType) return 2;
        if (t instanceof IntegerType) return 3;
        if (t instanceof LongType) return 4;
        return 0;
    }

    /** A small recursive-descent parser for Spark SQL type text. */
    private static final class Parser {
        final String s;
        int pos;

        Parser(String s) {
            this.s = s.trim();
        }

        DataType type() {
            String name = word().toLowerCase(Locale.ROOT);
            return switch (name) {
                case "string" -> StringType.STRING;
                case "bigint", "long" -> LongType.LONG;
                case "int", "integer" -> IntegerType.INTEGER;
                case "smallint", "short" -> ShortType.SHORT;
                case "tinyint", "byte" -> ByteType.BYTE;
                case "float", "real" -> FloatType.FLOAT;
                case "double" -> DoubleType.DOUBLE;
                case "boolean" -> BooleanType.BOOLEAN;
                case "date" -> DateType.DATE;
                case "timestamp" -> TimestampType.TIMESTAMP;
                case "timestamp_ntz" -> TimestampNTZType.TIMESTAMP_NTZ;
                case "binary" -> BinaryType.BINARY;
                case "decimal", "dec" -> decimal();
                case "array" -> {
                    expect('<');
                    DataType element = type();
                    expect('>');
                    yield new ArrayType(element, true);
                }
                case "map" -> {
                    expect('<');
                    DataType key = type();
                    expect(',');
                    DataType value = type();
                    expect('>');
                    yield new MapType(key, value, true);
                }
                case "struct" -> struct();
                default -> throw new IllegalArgumentException(name);
            };
        }

        private DataType decimal() {
            skipSpaces();
            if (pos >= s.length() || s.charAt(pos) != '(') return new DecimalType(10, 0);
            expect('(');
            int precision = Integer.parseInt(word());
            int scale = 0;
            skipSpaces();
            if (s.charAt(pos) == ',') {
                pos++;
                scale = Integer.parseInt(word());
            }
            expect(')');
            return new DecimalType(precision, scale);
        }

        private StructType struct() {
            expect('<');
            List<StructField> fields = new ArrayList<>();
            skipSpaces();
            if (peek() == '>') {
                pos++;
                return new StructType(fields);
            }
            do {
                String name = word();
                expect(':');
                DataType t = type();
                boolean nullable = true;
                int mark = pos;
                skipSpaces();
                if (s.regionMatches(true, pos, "not null", 0, "not null".length())) {
                    pos += "not null".length();
                    nullable = false;
                } else {
                    pos = mark;
                }
                fields.add(new StructField(name, t, nullable));
                skipSpaces();
            } while (consume(','));
            expect('>');
            return new StructType(fields);
        }

        private String word() {
            skipSpaces();
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) pos++;
            if (start == pos) throw new IllegalArgumentException("word expected at " + pos);
            return s.substring(start, pos);
        }

        private char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        private boolean consume(char c) {
            skipSpaces();
            if (peek() == c) {
                pos++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!consume(c)) throw new IllegalArgumentException("'" + c + "' expected at " + pos);
        }

        void skipSpaces() {
            while (pos < s.length() && s.charAt(pos) == ' ') pos++;
        }
    }
}
