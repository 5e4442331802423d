package dev.meshsdk.storage.jdbc.load;

import java.util.Arrays;

/**
 * Which record of a converted file a line of the CSV text is in. A value holding a line break makes a record
 * span several lines of the text, and a load reports the line it was reading, so each record's last line is
 * kept (a long per record).
 */
final class StreamLines {
    private long[] ends = new long[1024];
    private int records;
    private long lines;

    /** Notes the next record's CSV text. */
    void add(CharSequence record) {
        for (int i = 0; i < record.length(); i++) {
            if (record.charAt(i) == '\n') lines++;
        }
        if (records == ends.length) ends = Arrays.copyOf(ends, ends.length * 2);
        ends[records++] = lines;
    }

    /** The 1-based number of the record that line {@code line} of the text is in, or -1. */
    long record(long line) {
        if (line < 1 || records == 0 || line > ends[records - 1]) return -1;
        int at = Arrays.binarySearch(ends, 0, records, line);
        if (at < 0) at = -at - 1;
        return at + 1L;
    }
}
