package dev.meshsdk.storage.jdbc.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The bytes of CSV records made one at a time as a load reads them, so a converted file is never held whole. */
abstract class RecordStream extends InputStream {
    private byte[] buffer = new byte[0];
    private int pos;

    /** The next record's CSV text with its line end, or null at the end. */
    abstract CharSequence next() throws IOException;

    @Override
    public int read() throws IOException {
        if (pos == buffer.length && !fill()) return -1;
        return buffer[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        int n = 0;
        while (n < len) {
            if (pos == buffer.length && !fill()) break;
            int k = Math.min(len - n, buffer.length - pos);
            System.arraycopy(buffer, pos, b, off + n, k);
            pos += k;
            n += k;
        }
        return n == 0 ? -1 : n;
    }

    private boolean fill() throws IOException {
        CharSequence record = next();
        if (record == null) return false;
        buffer = record.toString().getBytes(StandardCharsets.UTF_8);
        pos = 0;
        return true;
    }
}
