package dev.meshsdk.spi.data;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV records one at a time: fields separated by commas, a quoted field may hold commas,
 * line breaks and doubled quotes; a record ends at a line break outside quotes ({@code \n}, {@code \r\n} or
 * {@code \r}). Keeps the physical line and the 1-based character column where each field starts, so that a
 * problem can be named as {@code file:line:column}. A leading byte order mark is skipped.
 */
final class CsvRecords {
    private final Reader in;
    private final char[] buffer = new char[16384];
    private int pos;
    private int len;
    private boolean eof;
    private long line = 1;
    private int column = 1;
    private boolean first = true;

    CsvRecords(Reader in) {
        this.in = in;
    }

    /** The next record, or null at the end of the input. Fields of a record may be read again by position. */
    CsvRecord next() throws IOException {
        if (first) {
            first = false;
            if (peek() == '\uFEFF') pos++;
        }
        int c = peek();
        if (c < 0) return null;
        long startLine = line;
        List<String> fields = new ArrayList<>();
        List<Integer> columns = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        columns.add(column);
        lines.add(line);
        while (true) {
            c = read();
            if (c < 0) {
                fields.add(value(field, wasQuoted));
                return new CsvRecord(startLine, line, lines, columns, fields);
            }
            char ch = (char) c;
            if (quoted) {
                if (ch == '"') {
                    if (peek() == '"') {
                        read();
                        field.append('"');
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(ch);
                    if (ch == '\n' || ch == '\r') newLine(ch);
                }
            } else if (ch == '"' && field.length() == 0 && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (ch == ',') {
                fields.add(value(field, wasQuoted));
                field.setLength(0);
                wasQuoted = false;
                columns.add(column);
                lines.add(line);
            } else if (ch == '\n' || ch == '\r') {
                long last = line;
                newLine(ch);
                fields.add(value(field, wasQuoted));
                return new CsvRecord(startLine, last, lines, columns, fields);
            } else {
                field.append(ch);
            }
        }
    }

    /** An unquoted empty field is absent (null); a quoted one is the empty text. */
    private static String value(StringBuilder field, boolean quoted) {
        return field.length() == 0 && !quoted ? null : field.toString();
    }

    private void newLine(char ch) throws IOException {
        if (ch == '\r' && peek() == '\n') read();
        line++;
        column = 1;
    }

    private int peek() throws IOException {
        if (pos == len && !fill()) return -1;
        return buffer[pos];
    }

    private int read() throws IOException {
        if (pos == len && !fill()) return -1;
        column++;
        return buffer[pos++];
    }

    private boolean fill() throws IOException {
        if (eof) return false;
        len = in.read(buffer);
        pos = 0;
        if (len <= 0) {
            len = 0;
            eof = true;
            return false;
        }
        return true;
    }
}
