package dev.meshsdk.storage.local;

import dev.meshsdk.spi.registry.CatalogQuery;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32;

/**
 * The persisted form of a {@link FileCatalog} snapshot, {@code <env>/_catalog.index}: one line per entry file
 * with its attributes, product id, offered contracts and search {@link CatalogQuery.Keys}, and the state of
 * the catalog folder and change log it was read at. A new registry object (a new build) starts from it and
 * reads only the entries the change log names since, and the entries a call returns, instead of every entry
 * file.
 *
 * <p>It is a cache, never the catalog: {@link FileCatalog} validates it against the change log and the
 * folder as it validates its in-process snapshot, and an index that is missing, cut off, altered (a CRC
 * over the whole text) or of another format is ignored and rebuilt from the entry files. It lives beside the
 * {@code _catalog} folder, not in it, so that writing it does not look like a change of the catalog.
 *
 * <p>Reading it splits lines and takes each file's name and product id; the rest of a line is parsed when a
 * call needs it. A line also holds its filter values folded, so that a search passes over the lines that
 * cannot match by substring tests on the raw line ({@link #holds}), parsing only the others.
 *
 * <p>Text format, UTF-8, one record a line, fields separated by tabs; in a field {@code \}, tab, line
 * breaks and {@code U+001F} are escaped, {@code \0} is null, a list is its items each ended by
 * {@code U+001F}, times are nanoseconds since the epoch. Line 1 {@value #MAGIC}; line 2 the state; then one
 * line per entry file; then {@code end <count> <crc32 of all before>}.
 */
final class CatalogIndex {
    static final String FILE = "_catalog.index";
    private static final String MAGIC = "mesh-catalog-index 2";
    private static final char ITEM_END = '\u001f';
    private static final int FIELDS = 14;
    private static final ConcurrentMap<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

    private CatalogIndex() {}

    /**
     * The state of the catalog folder and change log as read before the entries were.
     *
     * @param logOffset  how much of the change log the entries reflect (whole lines)
     * @param listedAtMs when the folder was last listed (wall clock, milliseconds since the epoch)
     */
    record State(
            String folderKey, FileTime folderModified, String logKey, long logSize, long logOffset, long listedAtMs) {}

    /** What the index keeps of an entry file. */
    record Summary(
            String fileName,
            String fileKey,
            FileTime modified,
            long size,
            String productId,
            List<String> contracts,
            CatalogQuery.Keys keys) {}

    /** A line of the index, its file name and product id read, the rest as written. */
    record Line(String fileName, String productId, String text) {}

    /** An index as read. */
    record Content(State state, List<Line> lines) {}

    /** The index in {@code file}; null when there is none or it is not one this code wrote whole. */
    static Content read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return null; // missing or unreadable: rebuilt from the entry files
        }
        try {
            return parse(bytes);
        } catch (RuntimeException e) {
            return null; // altered or cut off: rebuilt from the entry files
        }
    }

    /** The state line only, without reading the entries; null as {@link #read}. */
    static State readState(Path file) {
        try (FileChannel ch = FileChannel.open(file)) {
            ByteBuffer head = ByteBuffer.allocate(1024);
            while (head.hasRemaining() && ch.read(head) > 0) {
                // the first two lines are short
            }
            String[] lines = new String(head.array(), 0, head.position(), StandardCharsets.UTF_8).split("\n", 3);
            if (lines.length < 3 || !lines[0].equals(MAGIC)) return null;
            return state(lines[1].split("\t", -1));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Writes an index of the given lines ({@link #line}), replacing the file atomically, unless another
     * process is writing one or, when not told to {@code replace} what is there (found unusable), the one
     * there reflects at least as much of the same change log and a listing as recent. A failure to write is
     * ignored: the index is a cache.
     */
    static void write(Path file, State state, List<String> lines, boolean replace) {
        Path key = file.toAbsolutePath().normalize();
        ReentrantLock inJvm = IN_THIS_JVM.computeIfAbsent(key, k -> new ReentrantLock());
        if (!inJvm.tryLock()) return;
        try (FileChannel lockFile = FileChannel.open(
                        key.resolveSibling(key.getFileName() + ".lock"),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                FileLock held = lockFile.tryLock()) {
            if (held == null) return;
            State there = replace ? null : readState(key);
            if (there != null
                    && there.logKey() != null
                    && there.logKey().equals(state.logKey())
                    && there.logOffset() >= state.logOffset()
                    && there.listedAtMs() >= state.listedAtMs()) {
                return;
            }
            Path tmp = Files.createTempFile(key.getParent(), "." + key.getFileName(), ".tmp");
            try {
                Files.write(tmp, format(state, lines));
                Files.move(tmp, key, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            // a cache: the next writer tries again, readers read the entry files meanwhile
        } finally {
            inJvm.unlock();
        }
    }

    static byte[] format(State state, List<String> lines) {
        StringBuilder b = new StringBuilder(lines.size() * 800 + 256);
        b.append(MAGIC).append('\n');
        field(b, state.folderKey())
                .append('\t')
                .append(nanos(state.folderModified()))
                .append('\t');
        field(b, state.logKey())
                .append('\t')
                .append(state.logSize())
                .append('\t')
                .append(state.logOffset())
                .append('\t')
                .append(state.listedAtMs())
                .append('\n');
        lines.forEach(line -> b.append(line).append('\n'));
        byte[] body = b.toString().getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(body);
        byte[] end = ("end " + lines.size() + " " + Long.toHexString(crc.getValue()) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[body.length + end.length];
        System.arraycopy(body, 0, out, 0, body.length);
        System.arraycopy(end, 0, out, body.length, end.length);
        return out;
    }

    /** The line of an entry file, without its line break. */
    static String line(Summary s) {
        CatalogQuery.Keys k = s.keys();
        StringBuilder b = new StringBuilder(800);
        field(b, s.fileName()).append('\t');
        field(b, s.fileKey())
                .append('\t')
                .append(nanos(s.modified()))
                .append('\t')
                .append(s.size())
                .append('\t');
        field(b, s.productId()).append('\t');
        list(b, s.contracts()).append('\t');
        field(b, k.environment()).append('\t');
        field(b, k.domain()).append('\t');
        field(b, k.team()).append('\t');
        field(b, k.status()).append('\t');
        list(b, k.tags()).append('\t');
        list(b, k.classifications()).append('\t');
        field(b, k.searchText()).append('\t');
        // the filter values folded, for tokens(): each between two item ends
        List<String> folded = new ArrayList<>();
        folded.add("d" + fold(k.domain()));
        folded.add("t" + fold(k.team()));
        folded.add("s" + fold(k.status()));
        k.tags().forEach(t -> folded.add("g" + fold(t)));
        k.classifications().forEach(c -> folded.add("c" + fold(c)));
        b.append(ITEM_END);
        return list(b, folded).toString();
    }

    /**
     * Substrings that the line of every entry {@code query} matches contains (a line holding them all may
     * still not match): each filter's folded value between item ends, found in the last field, then each
     * free-text word. Two texts that {@link String#equalsIgnoreCase} finds equal fold to the same text.
     */
    static List<String> tokens(CatalogQuery query) {
        List<String> out = new ArrayList<>();
        token(out, "d", query.domain());
        token(out, "t", query.team());
        token(out, "s", query.status());
        token(out, "g", query.tag());
        token(out, "c", query.classification());
        if (query.text() != null && !query.text().isBlank()) {
            for (String word : query.text().toLowerCase(Locale.ROOT).trim().split("\\s+")) {
                out.add(field(new StringBuilder(), word).toString());
            }
        }
        return out;
    }

    /** Whether {@code line} holds every one of {@code tokens}: the filters' in its last field, the words anywhere. */
    static boolean holds(String line, List<String> tokens) {
        int last = -1;
        for (String t : tokens) {
            int from = 0;
            if (t.charAt(0) == ITEM_END) {
                if (last < 0) last = line.lastIndexOf('\t');
                from = last;
            }
            if (line.indexOf(t, from) < 0) return false;
        }
        return true;
    }

    /** The contracts of a line, without parsing the rest of it. */
    static List<String> contracts(String line) {
        int from = 0;
        for (int i = 0; i < 5; i++) from = line.indexOf('\t', from) + 1;
        int to = line.indexOf('\t', from);
        if (from == 0 || to < 0) throw new IllegalArgumentException("it has too few fields");
        return items(line.substring(from, to));
    }

    private static void token(List<String> out, String prefix, String filter) {
        if (filter == null || filter.isBlank()) return;
        out.add(field(new StringBuilder().append(ITEM_END), prefix + fold(filter.trim()))
                .append(ITEM_END)
                .toString());
    }

    /** Each code point upper-cased, then lower-cased: what {@link String#equalsIgnoreCase} compares. */
    private static String fold(String value) {
        if (value == null) return "";
        StringBuilder b = new StringBuilder(value.length());
        value.codePoints().forEach(cp -> b.appendCodePoint(Character.toLowerCase(Character.toUpperCase(cp))));
        return b.toString();
    }

    /** The whole of a line; throws {@link IllegalArgumentException} naming what is wrong. */
    static Summary summary(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != FIELDS) throw new IllegalArgumentException("it has " + f.length + " fields, not " + FIELDS);
        String fileName = unescape(f[0]);
        String productId = unescape(f[4]);
        if (fileName == null || productId == null) throw new IllegalArgumentException("it names no file or product");
        return new Summary(
                fileName,
                unescape(f[1]),
                time(f[2]),
                Long.parseLong(f[3]),
                productId,
                items(f[5]),
                new CatalogQuery.Keys(
                        unescape(f[6]),
                        unescape(f[7]),
                        unescape(f[8]),
                        unescape(f[9]),
                        items(f[10]),
                        items(f[11]),
                        unescape(f[12])));
    }

    private static Content parse(byte[] bytes) {
        int endAt = bytes.length - 1;
        if (endAt < 0 || bytes[endAt] != '\n') throw new IllegalArgumentException("cut off");
        int endLine = endAt;
        while (endLine > 0 && bytes[endLine - 1] != '\n') endLine--;
        String[] end = new String(bytes, endLine, endAt - endLine, StandardCharsets.UTF_8).split(" ");
        if (end.length != 3 || !end[0].equals("end")) throw new IllegalArgumentException("no end line");
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, endLine);
        if (crc.getValue() != Long.parseLong(end[2], 16)) throw new IllegalArgumentException("altered");
        String text = new String(bytes, 0, endLine, StandardCharsets.UTF_8);
        int first = text.indexOf('\n');
        int second = text.indexOf('\n', first + 1);
        if (first < 0 || second < 0 || !text.substring(0, first).equals(MAGIC)) {
            throw new IllegalArgumentException("format");
        }
        State state = state(text.substring(first + 1, second).split("\t", -1));
        int count = Integer.parseInt(end[1]);
        List<Line> lines = new ArrayList<>(count);
        for (int at = second + 1; at < text.length(); ) {
            int next = text.indexOf('\n', at);
            String line = text.substring(at, next);
            // the name and product id now; the rest when a call needs it
            int t0 = line.indexOf('\t');
            int t3 = t0;
            for (int i = 0; i < 3 && t3 >= 0; i++) t3 = line.indexOf('\t', t3 + 1);
            int t4 = t3 < 0 ? -1 : line.indexOf('\t', t3 + 1);
            if (t4 < 0) throw new IllegalArgumentException("fields");
            String fileName = unescape(line.substring(0, t0));
            String productId = unescape(line.substring(t3 + 1, t4));
            if (fileName == null || !fileName.endsWith(".json") || fileName.contains("/") || productId == null) {
                throw new IllegalArgumentException("file name");
            }
            lines.add(new Line(fileName, productId, line));
            at = next + 1;
        }
        if (lines.size() != count) throw new IllegalArgumentException("count");
        return new Content(state, lines);
    }

    private static State state(String[] f) {
        if (f.length != 6) throw new IllegalArgumentException("state");
        return new State(
                unescape(f[0]),
                f[1].equals("\\0") ? null : time(f[1]),
                unescape(f[2]),
                Long.parseLong(f[3]),
                Long.parseLong(f[4]),
                Long.parseLong(f[5]));
    }

    private static String nanos(FileTime time) {
        return time == null ? "\\0" : String.valueOf(time.to(TimeUnit.NANOSECONDS));
    }

    private static FileTime time(String nanos) {
        return FileTime.from(Long.parseLong(nanos), TimeUnit.NANOSECONDS);
    }

    private static StringBuilder field(StringBuilder b, String value) {
        if (value == null) return b.append("\\0");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case ITEM_END -> b.append("\\u");
                default -> b.append(c);
            }
        }
        return b;
    }

    private static StringBuilder list(StringBuilder b, List<String> items) {
        for (String item : items) field(b, item).append(ITEM_END);
        return b;
    }

    private static List<String> items(String text) {
        if (text.isEmpty()) return List.of();
        if (text.charAt(text.length() - 1) != ITEM_END) throw new IllegalArgumentException("a list is cut off");
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int i = text.indexOf(ITEM_END); i >= 0; i = text.indexOf(ITEM_END, from)) {
            String item = unescape(text.substring(from, i));
            if (item == null) throw new IllegalArgumentException("a list holds null");
            out.add(item);
            from = i + 1;
        }
        return List.copyOf(out);
    }

    private static String unescape(String text) {
        if (text.equals("\\0")) return null;
        if (text.indexOf('\\') < 0) return text;
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (++i == text.length()) throw new IllegalArgumentException("an escape is cut off");
            b.append(
                    switch (text.charAt(i)) {
                        case '\\' -> '\\';
                        case 't' -> '\t';
                        case 'n' -> '\n';
                        case 'r' -> '\r';
                        case 'u' -> ITEM_END;
                        default -> throw new IllegalArgumentException("an unknown escape");
                    });
        }
        return b.toString();
    }
}
