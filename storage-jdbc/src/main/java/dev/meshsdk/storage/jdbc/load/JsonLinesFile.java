package dev.meshsdk.storage.jdbc.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.data.DataFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One JSON object per line, converted to CSV records as the load reads them. Keys are matched to the contract's
 * columns by name (exactly, else ignoring case); a key the contract does not have is an error naming its line; a
 * key a line leaves out is NULL. Blank lines are skipped. Numbers keep their digits (no floating-point rounding);
 * nested objects and arrays become their JSON text (for {@code json}/{@code jsonb} columns).
 */
final class JsonLinesFile extends LoadFile {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final String object;
    private final List<String> columns;
    private final Map<String, Integer> index = new HashMap<>();
    /** The physical line of each record the load read, by record number - 1. */
    private long[] lines = new long[1024];

    private int records;
    private final StreamLines stream = new StreamLines();
    private BufferedReader reader;

    JsonLinesFile(PortBinding port, String object, Path file) {
        super(port, file);
        this.object = object;
        this.columns = DataFiles.schemaObject(port, object).properties().stream()
                .map(SchemaProperty::storeName)
                .toList();
        for (int i = 0; i < columns.size(); i++) index.put(columns.get(i), i);
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public InputStream csv() throws IOException {
        reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        return new Converted();
    }

    @Override
    public String location(long streamLine, String column) {
        long record = stream.record(streamLine);
        if (record < 1) return file.toString();
        long line = lines[(int) (record - 1)];
        int col = 0;
        if (column != null) {
            // the column where the key is written; the line is read again only to place the message
            String text = lineText(line);
            int at = text == null ? -1 : text.indexOf("\"" + column + "\"");
            col = at < 0 ? 0 : at + 1;
        }
        return DataFiles.location(file, line, col);
    }

    private String lineText(long line) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String s = null;
            for (long i = 0; i < line; i++) s = r.readLine();
            return s;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        if (reader != null) reader.close();
    }

    /** The column index of a key, matched by name like a CSV header; an unknown key names its line. */
    private int column(String key, long line, String text) {
        Integer i = index.get(key);
        if (i != null) return i;
        List<String> matched;
        try {
            matched = DataFiles.matchKnownColumns(port, object, file, List.of(key));
        } catch (MeshException e) {
            int at = text.indexOf("\"" + key + "\"");
            throw new MeshException(
                    ErrorCode.INVALID_INPUT,
                    DataFiles.location(file, line, at < 0 ? 0 : at + 1) + ": " + e.getMessage());
        }
        int found = columns.indexOf(matched.get(0));
        index.put(key, found);
        return found;
    }

    private void remember(long line) {
        if (records == lines.length) lines = Arrays.copyOf(lines, lines.length * 2);
        lines[records++] = line;
    }

    /** Reads a line at a time and hands out its CSV record's bytes. */
    private final class Converted extends RecordStream {
        private long line;
        private final StringBuilder record = new StringBuilder(256);
        private final String[] values = new String[columns.size()];

        @Override
        CharSequence next() throws IOException {
            String text;
            do {
                text = reader.readLine();
                if (text == null) return null;
                line++;
                if (line == 1 && text.startsWith("\uFEFF")) text = text.substring(1);
            } while (text.isBlank());
            JsonNode node;
            try {
                node = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                // Jackson's message quotes the text it choked on: only the position is shown
                int col = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
                throw notAnObject(line, col);
            }
            if (node == null || !node.isObject()) throw notAnObject(line, 1);
            Arrays.fill(values, null);
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                values[column(f.getKey(), line, text)] = text(f.getValue());
            }
            record.setLength(0);
            for (int i = 0; i < values.length; i++) {
                if (i > 0) record.append(',');
                CsvText.field(record, values[i]);
            }
            record.append('\n');
            remember(line);
            stream.add(record);
            return record;
        }

        private MeshException notAnObject(long line, int col) {
            return new MeshException(
                    ErrorCode.INVALID_INPUT,
                    DataFiles.location(file, line, col) + ": Cannot publish"
                            + " to " + DataFiles.describe(port)
                            + ": the line is not one JSON object; write one object per line"
                            + " ({\"column\": value, ...}); nothing was published");
        }
    }

    private static String text(JsonNode v) {
        if (v == null || v.isNull()) return null;
        if (v.isTextual()) return v.textValue();
        if (v.isBigDecimal() || v.isFloatingPointNumber())
            return v.decimalValue().toPlainString();
        if (v.isIntegralNumber()) return v.bigIntegerValue().toString();
        if (v.isBoolean()) return String.valueOf(v.booleanValue());
        return v.toString();
    }
}
