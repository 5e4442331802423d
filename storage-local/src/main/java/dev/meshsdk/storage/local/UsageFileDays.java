package dev.meshsdk.storage.local;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.meshsdk.spi.registry.UsageDay;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the day rows of a usage file ({@link FileUsageHistory.ProductUsage}) between two days with Jackson's
 * streaming parser: a mesh-wide report reads thousands of files of ninety rows each, and binding every row (its
 * repeated environment and product id, its dates parsed by a formatter) was most of the report's time. The state
 * and the rows outside the days are skipped unbound. Reads what {@link dev.meshsdk.spi.registry.RegistryJson} writes.
 */
final class UsageFileDays {
    private static final JsonFactory JSON = new JsonFactory();

    private UsageFileDays() {}

    static List<UsageDay> read(byte[] file, String environment, String productId, LocalDate from, LocalDate to)
            throws IOException {
        List<UsageDay> out = new ArrayList<>();
        try (JsonParser p = JSON.createParser(file)) {
            expect(p, p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (!field.equals("days") || value == JsonToken.VALUE_NULL) {
                    p.skipChildren();
                    continue;
                }
                expect(p, value, JsonToken.START_ARRAY);
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    UsageDay d = day(p, environment, productId, from, to);
                    if (d != null) out.add(d);
                }
            }
        }
        return out;
    }

    /** The row the parser is at the start of, or null when its day is outside {@code from .. to}. */
    private static UsageDay day(JsonParser p, String environment, String productId, LocalDate from, LocalDate to)
            throws IOException {
        String port = null;
        LocalDate day = null;
        long reads = 0;
        long bytes = -1;
        Instant lastRead = null;
        long attributed = 0;
        Map<String, Long> readers = Map.of();
        Map<String, UsageDay.ColumnReads> columns = Map.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (value == JsonToken.VALUE_NULL) continue;
            switch (field) {
                case "port" -> port = p.getText();
                case "day" -> day = date(p.getText());
                case "reads" -> reads = p.getLongValue();
                case "bytes" -> bytes = p.getLongValue();
                case "lastRead" -> lastRead = Instant.parse(p.getText());
                case "readers" -> readers = readers(p, value);
                case "attributedReads" -> attributed = p.getLongValue();
                case "columns" -> columns = columns(p, value);
                default -> p.skipChildren(); // environment and productId are the file's
            }
        }
        if (port == null || day == null) throw new JsonParseException(p, "a day row without its port or day");
        if (day.isBefore(from) || day.isAfter(to)) return null;
        return new UsageDay(environment, productId, port, day, reads, readers, lastRead, bytes, attributed, columns);
    }

    /** The readers object the parser is at ({@code value}): reads by reader name. */
    private static Map<String, Long> readers(JsonParser p, JsonToken value) throws IOException {
        expect(p, value, JsonToken.START_OBJECT);
        Map<String, Long> named = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String reader = p.currentName();
            p.nextToken();
            named.put(reader, p.getLongValue());
        }
        return named;
    }

    /** The columns object the parser is at: each column's reads, readers and last read (absent in older files). */
    private static Map<String, UsageDay.ColumnReads> columns(JsonParser p, JsonToken value) throws IOException {
        expect(p, value, JsonToken.START_OBJECT);
        Map<String, UsageDay.ColumnReads> out = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String column = p.currentName();
            expect(p, p.nextToken(), JsonToken.START_OBJECT);
            long reads = 0;
            Instant last = null;
            Map<String, Long> readers = Map.of();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                if (v == JsonToken.VALUE_NULL) continue;
                switch (field) {
                    case "reads" -> reads = p.getLongValue();
                    case "lastRead" -> last = Instant.parse(p.getText());
                    case "readers" -> readers = readers(p, v);
                    default -> p.skipChildren();
                }
            }
            out.put(column, new UsageDay.ColumnReads(reads, readers, last));
        }
        return out;
    }

    /** {@code yyyy-MM-dd} without a formatter; another form is left to {@link LocalDate#parse}. */
    private static LocalDate date(String text) {
        if (text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
            int y = digits(text, 0, 4);
            int m = digits(text, 5, 7);
            int d = digits(text, 8, 10);
            if (y >= 0 && m >= 0 && d >= 0) return LocalDate.of(y, m, d);
        }
        return LocalDate.parse(text);
    }

    private static int digits(String text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') return -1;
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static void expect(JsonParser p, JsonToken found, JsonToken wanted) throws JsonParseException {
        if (found != wanted) throw new JsonParseException(p, "expected " + wanted + ", found " + found);
    }
}
