package dev.meshsdk.storage.redshift;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * The gzip CSV parts of one load in the team's bucket, under a folder of their own. Each part holds the
 * header line and whole CSV records (a quoted field may span lines), so {@code COPY ... IGNOREHEADER 1}
 * reads every part alike and Redshift loads the parts in parallel.
 *
 * @param bucket the bucket
 * @param folder the key prefix of this load, ending in {@code /}
 * @param keys   the parts written, in order
 * @param records the data records written (header lines not counted)
 * @param firstLines for each part, the line of the CSV text (header lines not counted, 1 the first line after the
 *                   header) its first record starts on: a load error's line in a part maps back to the input
 */
record StagedFiles(String bucket, String folder, List<String> keys, long records, List<Long> firstLines) {
    StagedFiles {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(folder, "folder");
        keys = List.copyOf(keys);
        firstLines = List.copyOf(firstLines);
    }

    /**
     * The line of the CSV text (without headers) that line {@code line} of the part whose key ends with
     * {@code key} is; -1 when the part is not one of these. Lines in a part count its header line as 1.
     */
    long textLine(String key, long line) {
        for (int i = 0; i < keys.size(); i++) {
            if (key.endsWith(keys.get(i))) return firstLines.get(i) + line - 2;
        }
        return -1;
    }

    /** {@code s3://bucket/folder/}, the prefix COPY reads. */
    String uri() {
        return "s3://" + bucket + "/" + folder;
    }

    /**
     * Splits {@code csv} (a header line, then records) into gzip parts of about {@code partChars} characters
     * each and uploads them. When anything fails, the parts already written are deleted before the exception
     * leaves.
     */
    static StagedFiles upload(S3Client s3, String bucket, String folder, Reader csv, int partChars) throws IOException {
        List<String> keys = new ArrayList<>();
        List<Long> firstLines = new ArrayList<>();
        long records = 0;
        long lines = 0;
        try {
            CsvRecords in = new CsvRecords(csv);
            String header = in.next();
            if (header == null) throw new IOException("the CSV is empty; it needs a header line");
            StringBuilder part = new StringBuilder(header);
            int inPart = 0;
            for (String record = in.next(); record != null; record = in.next()) {
                if (inPart == 0) firstLines.add(lines + 1);
                part.append(record);
                inPart++;
                records++;
                for (int i = 0; i < record.length(); i++) {
                    if (record.charAt(i) == '\n') lines++;
                }
                if (part.length() >= partChars) {
                    keys.add(put(s3, bucket, folder, keys.size(), part));
                    part.setLength(0);
                    part.append(header);
                    inPart = 0;
                }
            }
            if (inPart > 0 || keys.isEmpty()) {
                if (inPart == 0) firstLines.add(lines + 1);
                keys.add(put(s3, bucket, folder, keys.size(), part));
            }
            return new StagedFiles(bucket, folder, keys, records, firstLines);
        } catch (IOException | RuntimeException e) {
            List<String> left = new StagedFiles(bucket, folder, keys, records, firstLines).delete(s3);
            if (!left.isEmpty()) e.addSuppressed(new IOException("staged objects not deleted: " + left));
            throw e;
        }
    }

    private static String put(S3Client s3, String bucket, String folder, int index, CharSequence text)
            throws IOException {
        String key = folder + String.format("part-%05d.csv.gz", index);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(64, text.length() / 4));
        try (Writer w = new OutputStreamWriter(new GZIPOutputStream(bytes), StandardCharsets.UTF_8)) {
            w.append(text);
        }
        s3.putObject(
                b -> b.bucket(bucket).key(key).contentType("text/csv").contentEncoding("gzip"),
                RequestBody.fromBytes(bytes.toByteArray()));
        return key;
    }

    /**
     * Deletes the parts; returns the {@code s3://} addresses of those that could not be deleted (empty when
     * all are gone). Never throws: a failed clean-up must not hide what happened to the load.
     */
    List<String> delete(S3Client s3) {
        List<String> left = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += 1000) {
            List<ObjectIdentifier> batch = keys.subList(from, Math.min(keys.size(), from + 1000)).stream()
                    .map(k -> ObjectIdentifier.builder().key(k).build())
                    .toList();
            try {
                DeleteObjectsResponse r = s3.deleteObjects(b -> b.bucket(bucket)
                        .delete(Delete.builder().objects(batch).quiet(true).build()));
                r.errors().forEach(e -> left.add("s3://" + bucket + "/" + e.key()));
            } catch (SdkException e) {
                batch.forEach(o -> left.add("s3://" + bucket + "/" + o.key()));
            }
        }
        return left;
    }

    /** Reads whole CSV records, each with its line end; a quoted field may hold line breaks. */
    static final class CsvRecords {
        private final Reader in;
        private final char[] buffer = new char[8192];
        private int pos;
        private int len;

        CsvRecords(Reader in) {
            this.in = in;
        }

        /** The next record with its line end (one is added to a last line without it), or null at the end. */
        String next() throws IOException {
            StringBuilder b = new StringBuilder(64);
            boolean quoted = false;
            while (true) {
                if (pos == len) {
                    len = in.read(buffer);
                    pos = 0;
                    if (len <= 0) {
                        len = 0;
                        if (b.length() == 0) return null;
                        if (quoted) throw new IOException("the CSV ends inside a quoted field");
                        return b.append('\n').toString();
                    }
                }
                char ch = buffer[pos++];
                b.append(ch);
                if (ch == '"') quoted = !quoted;
                else if (ch == '\n' && !quoted) return b.toString();
            }
        }
    }
}
