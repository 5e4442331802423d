package dev.meshsdk.spi.data;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.spi.PortBinding;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What every {@link PortData} does alike with the file it publishes: read a CSV header, match the file's
 * columns to the contract by name, find where a bad row is, and word the errors the same way for every store.
 * Messages name the file, line and column, never a value.
 */
public final class DataFiles {
    private DataFiles() {}

    /**
     * The column names in a CSV file's first record. {@code INVALID_INPUT} when the file is empty or cannot be
     * read, or a name is empty.
     */
    public static List<String> csvHeader(Path file) {
        return csvHeaderRecord(file).fields().stream().map(String::strip).toList();
    }

    /**
     * {@link #matchColumns} of a CSV file's header: a mismatch is placed at the header cell of the first name the
     * contract does not have (else of the first name given twice), {@code file:1:column}, else at the header line.
     */
    public static List<String> matchCsvColumns(PortBinding port, String object, Path file) {
        CsvRecord header = csvHeaderRecord(file);
        List<String> names = header.fields().stream().map(String::strip).toList();
        return match(port, object, file, names, true, i -> location(file, header.line(i), header.column(i)));
    }

    private static CsvRecord csvHeaderRecord(Path file) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            CsvRecord header = new CsvRecords(in).next();
            if (header == null) {
                throw new MeshException(
                        ErrorCode.INVALID_INPUT,
                        "Cannot publish " + file + ": the file is empty;"
                                + " a CSV file starts with a header line naming its columns");
            }
            for (int i = 0; i < header.fields().size(); i++) {
                String name = header.fields().get(i);
                if (name == null || name.isBlank()) {
                    throw new MeshException(
                            ErrorCode.INVALID_INPUT,
                            location(file, header.line(), header.column(i))
                                    + ": Cannot publish " + file.getFileName() + ": header field " + (i + 1)
                                    + " is empty;"
                                    + " name every column in the header line");
                }
            }
            return header;
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** Data record {@code index} of a CSV file with a header (1 is the record after the header), if there is one. */
    public static Optional<CsvRecord> csvRecord(Path file, long index) {
        long[] n = {0};
        return findCsvRecord(file, fields -> ++n[0] == index);
    }

    /** The data record (after the header) of a CSV file that spans physical line {@code line}, if any. */
    public static Optional<CsvRecord> csvRecordAtLine(Path file, long line) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            CsvRecords records = new CsvRecords(in);
            if (records.next() == null) return Optional.empty();
            for (CsvRecord r = records.next(); r != null; r = records.next()) {
                if (r.line() <= line && line <= r.lastLine()) return Optional.of(r);
                if (r.line() > line) return Optional.empty();
            }
            return Optional.empty();
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** The physical line the header of a CSV file ends on (1 unless a quoted name holds a line break). */
    public static long csvHeaderLastLine(Path file) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            CsvRecord header = new CsvRecords(in).next();
            return header == null ? 0 : header.lastLine();
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** The first data record (after the header) of a CSV file that {@code which} accepts. */
    public static Optional<CsvRecord> findCsvRecord(Path file, Predicate<List<String>> which) {
        return findCsvRecords(file, List.of(which)).stream().findFirst();
    }

    /** The 1-based number of the first line of a text file that {@code which} accepts. */
    public static OptionalLong findLine(Path file, Predicate<String> which) {
        List<Long> found = findLines(file, List.of(which));
        return found.isEmpty() ? OptionalLong.empty() : OptionalLong.of(found.get(0));
    }

    /**
     * Matches the columns a file names (a CSV header, a Parquet schema) to the properties of the port's schema
     * object {@code object}, by name: exactly, else ignoring case. Every property must be there, and nothing
     * else. Returns the property's store name for each of the file's columns, in the file's order.
     *
     * @throws MeshException {@code INVALID_INPUT} naming every missing column, every column the contract does
     *     not have and every column named twice
     */
    public static List<String> matchColumns(PortBinding port, String object, Path file, List<String> found) {
        return match(port, object, file, found, true, null);
    }

    /**
     * As {@link #matchColumns}, for formats where a row may leave a column out (JSON lines: a missing key is a
     * null): only columns the contract does not have, and columns named twice, are errors.
     */
    public static List<String> matchKnownColumns(PortBinding port, String object, Path file, List<String> found) {
        return match(port, object, file, found, false, null);
    }

    /**
     * @param at where the file names its column {@code i} ({@code file:line:column}), to place a mismatch; null
     *     when the format has no such place
     */
    private static List<String> match(
            PortBinding port,
            String object,
            Path file,
            List<String> found,
            boolean requireAll,
            java.util.function.IntFunction<String> at) {
        SchemaObject o = schemaObject(port, object);
        Map<String, String> exact = new LinkedHashMap<>();
        Map<String, List<String>> folded = new LinkedHashMap<>();
        for (SchemaProperty p : o.properties()) {
            exact.put(p.storeName(), p.storeName());
            folded.computeIfAbsent(p.storeName().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(p.storeName());
        }
        List<String> out = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        List<String> twice = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int firstUnknown = -1;
        int firstTwice = -1;
        for (String name : found) {
            String match = exact.get(name);
            if (match == null) {
                List<String> candidates = folded.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
                if (candidates.size() == 1) match = candidates.get(0);
            }
            if (match == null) {
                if (unknown.isEmpty()) firstUnknown = out.size();
                unknown.add(name);
            } else if (!seen.add(match)) {
                if (twice.isEmpty()) firstTwice = out.size();
                twice.add(match);
            }
            out.add(match);
        }
        List<String> missing = requireAll
                ? o.properties().stream()
                        .map(SchemaProperty::storeName)
                        .filter(n -> !seen.contains(n))
                        .toList()
                : List.of();
        if (missing.isEmpty() && unknown.isEmpty() && twice.isEmpty()) return out;
        int placed = firstUnknown >= 0 ? firstUnknown : firstTwice; // -1: the line, for columns missing only
        String where = at == null ? "" : at.apply(placed) + ": ";
        if (requireAll && seen.isEmpty() && !found.isEmpty()) {
            // Nothing matches: most likely the file has no header and its first row was read as one. Its
            // "names" would be row values, which are not shown.
            throw new MeshException(
                    ErrorCode.INVALID_INPUT,
                    where + "Cannot publish " + file + " to " + describe(port)
                            + ": none of its " + found.size() + " column name(s) is a column of object '"
                            + o.storeName()
                            + "' of contract " + port.contract().id() + " "
                            + port.contract().version() + "; does the file"
                            + " name the contract's columns (a CSV file in its first line)? The contract's columns: "
                            + quoted(o.properties().stream()
                                    .map(SchemaProperty::storeName)
                                    .toList()));
        }
        List<String> problems = new ArrayList<>();
        if (!missing.isEmpty()) problems.add("missing " + quoted(missing));
        if (!unknown.isEmpty()) problems.add("not in the contract " + withSuggestions(unknown, missing));
        if (!twice.isEmpty()) problems.add("named twice " + quoted(twice));
        throw new MeshException(
                ErrorCode.INVALID_INPUT,
                where + "Cannot publish " + file + " to " + describe(port)
                        + ": its columns do not match object '" + o.storeName() + "' of contract "
                        + port.contract().id() + " "
                        + port.contract().version() + ": " + String.join("; ", problems) + "; "
                        + (requireAll
                                ? "name every column of the contract once, in any order, and no other"
                                : "use only the contract's columns, each once")
                        + " (the contract's columns: "
                        + quoted(o.properties().stream()
                                .map(SchemaProperty::storeName)
                                .toList()) + ")");
    }

    /**
     * {@code 'amout' (perhaps you meant 'amount')}: each unknown name, with the missing column it is most likely a
     * typo of: first one it is a shortening of (its letters in order: {@code amt}, {@code amout} of {@code amount}),
     * else the nearest by the SDK's usual measure.
     */
    private static String withSuggestions(List<String> unknown, List<String> missing) {
        List<String> out = new ArrayList<>();
        for (String name : unknown) {
            String near = missing.stream()
                    .filter(m -> shortening(name, m))
                    .findFirst()
                    .orElseGet(() -> dev.meshsdk.internal.descriptor.Suggestions.closest(name, missing));
            out.add(quoted(List.of(name)) + (near == null ? "" : " (perhaps you meant '" + near + "')"));
        }
        return String.join(", ", out);
    }

    /** Whether {@code name} has two or more letters, all of them in {@code of} in the same order, case aside. */
    private static boolean shortening(String name, String of) {
        String a = name.toLowerCase(Locale.ROOT);
        String b = of.toLowerCase(Locale.ROOT);
        if (a.length() < 2 || a.length() >= b.length()) return false;
        int i = 0;
        for (int j = 0; j < b.length() && i < a.length(); j++) if (a.charAt(i) == b.charAt(j)) i++;
        return i == a.length();
    }

    /**
     * What is wrong with an empty value of a required column, as every store words it (the contract's
     * {@code required: true}, a {@code NOT NULL} column in the SQL stores).
     */
    public static final String REQUIRED_BUT_EMPTY = "has no value, and the contract requires one";

    /**
     * What a row breaking a row-level rule has, after the column's name, as every store words it; null for a rule
     * that no single row breaks ({@code rowCount}, SQL rules, ...).
     *
     * @param metric the rule's metric ({@code nullValues}, {@code missingValues}, {@code invalidValues},
     *               {@code duplicateValues})
     * @param rule   the rule's label, named in the text
     */
    public static String ruleProblem(String metric, String rule) {
        return switch (metric == null ? "" : metric) {
            case "nullValues" -> "has no value (rule '" + rule + "')";
            case "missingValues" -> "holds a missing value (rule '" + rule + "')";
            case "invalidValues" -> "holds a value that is not valid (rule '" + rule + "')";
            case "duplicateValues" -> "repeats the value of an earlier row (rule '" + rule + "')";
            default -> null;
        };
    }

    /** What a row of an appended file has whose key the table already holds, after the column's name. */
    public static String repeatsTableKey(String rule) {
        return "repeats a key already in the table (rule '" + rule + "')";
    }

    /** How many bad values of a file {@link #badValues} names one by one; the rest are counted. */
    public static final int BAD_VALUES_SHOWN = 10;

    /**
     * One value of a file the store cannot take, or a row it cannot take: where it is, its column (null for the
     * whole row) and what is wrong, never the value.
     *
     * @param location {@link #location} or {@link #rowLocation}
     * @param problem  what is wrong, after the column's name: {@code "is not a valid bigint"}
     */
    public record BadValue(String location, String column, String problem) {
        public BadValue {
            java.util.Objects.requireNonNull(location, "location");
            java.util.Objects.requireNonNull(problem, "problem");
        }

        /** {@code file:4:69: column 'amount' is not a valid decimal(12,2)}. */
        public String describe() {
            return location + ": " + (column == null ? "the row " : "column '" + column + "' ") + problem;
        }
    }

    /**
     * A row of the file holds a value the store cannot take: {@code INVALID_INPUT} whose message starts with
     * {@code location} ({@link #location} or {@link #rowLocation}) and names the column and the problem, never
     * the value. Nothing was published.
     *
     * @param problem what is wrong, after the column's name: {@code "is not a valid bigint"}
     */
    public static MeshException badValue(PortBinding port, String location, String column, String problem) {
        return badValues(port, List.of(new BadValue(location, column, problem)), 1, Map.of());
    }

    /**
     * The bad values of a file, one {@code INVALID_INPUT} for all: the message starts with the first one's location
     * (so that IDEs and CI link it); with more than one it goes on with how many there are, then a line per value
     * of {@code first} (at most {@value #BAD_VALUES_SHOWN}, in the file's order), then {@code and N more}. Never a
     * value. Nothing was published.
     *
     * @param first    the first bad values of the file, in its order; not empty
     * @param total    how many bad values the file holds (at least {@code first}'s), as far as the store counted
     * @param byColumn how many of them each column holds, when the store counted them per column; may be empty
     */
    public static MeshException badValues(
            PortBinding port, List<BadValue> first, long total, Map<String, Long> byColumn) {
        if (first.isEmpty()) throw new IllegalArgumentException("no bad value");
        BadValue one = first.get(0);
        if (first.size() == 1 && total <= 1) {
            return new MeshException(
                    ErrorCode.INVALID_INPUT,
                    one.location() + ": Cannot publish to " + describe(port) + ": "
                            + (one.column() == null ? "the row " : "column '" + one.column() + "' ") + one.problem()
                            + "; nothing was published, fix the file and publish again");
        }
        long count = Math.max(total, first.size());
        StringBuilder b = new StringBuilder(one.location())
                .append(": Cannot publish to ")
                .append(describe(port))
                .append(": ")
                .append(count)
                .append(" bad values in the file");
        if (!byColumn.isEmpty()) {
            b.append(" (")
                    .append(byColumn.entrySet().stream()
                            .map(e -> "'" + e.getKey() + "' " + e.getValue())
                            .collect(Collectors.joining(", ")))
                    .append(")");
        }
        b.append(", the first ")
                .append(Math.min(first.size(), BAD_VALUES_SHOWN))
                .append(" below; nothing was published, fix the file and publish again")
                .append(listing(first, count));
        return new MeshException(ErrorCode.INVALID_INPUT, b.toString());
    }

    /**
     * A line per value of {@code first} (at most {@value #BAD_VALUES_SHOWN}), each starting with a line break, then
     * {@code and N more} when {@code total} is more than that.
     */
    public static String listing(List<BadValue> first, long total) {
        List<BadValue> shown = first.subList(0, Math.min(first.size(), BAD_VALUES_SHOWN));
        StringBuilder b = new StringBuilder();
        for (BadValue v : shown) b.append(System.lineSeparator()).append(v.describe());
        if (total > shown.size())
            b.append(System.lineSeparator())
                    .append("and ")
                    .append(total - shown.size())
                    .append(" more");
        return b.toString();
    }

    /**
     * The data records of a CSV file (after the header) that {@code which} accept in turn: the first record the
     * first accepts, then the first after it that the second accepts, and so on; one pass over the file. Fewer
     * than {@code which} when the file runs out.
     */
    public static List<CsvRecord> findCsvRecords(Path file, List<Predicate<List<String>>> which) {
        List<CsvRecord> out = new ArrayList<>();
        if (which.isEmpty()) return out;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            CsvRecords records = new CsvRecords(in);
            if (records.next() == null) return out;
            for (CsvRecord r = records.next(); r != null && out.size() < which.size(); r = records.next()) {
                if (which.get(out.size()).test(r.fields())) out.add(r);
            }
            return out;
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * The 1-based numbers of the lines of a text file that {@code which} accept in turn, as {@link
     * #findCsvRecords}; one pass over the file.
     */
    public static List<Long> findLines(Path file, List<Predicate<String>> which) {
        List<Long> out = new ArrayList<>();
        if (which.isEmpty()) return out;
        try (var lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long n = 0;
            for (String line = lines.readLine(); line != null && out.size() < which.size(); line = lines.readLine()) {
                n++;
                if (n == 1 && line.startsWith("\uFEFF")) line = line.substring(1);
                if (which.get(out.size()).test(line)) out.add(n);
            }
            return out;
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** {@code file:line:column}; the column is left out when not known (0). */
    public static String location(Path file, long line, int column) {
        return file + ":" + line + (column > 0 ? ":" + column : "");
    }

    /** {@code file, row N} for files without lines (Parquet); {@code row} counts from 1. */
    public static String rowLocation(Path file, long row) {
        return file + ", row " + row;
    }

    /** {@code port 'orders' of product 'shop'}, for messages. */
    public static String describe(PortBinding port) {
        return "port '" + port.port().name() + "' of product '" + port.product().id() + "'";
    }

    /** The schema object {@code object} (its store name) of the port's contract. */
    public static SchemaObject schemaObject(PortBinding port, String object) {
        return port.contract().schema().stream()
                .filter(o -> object.equals(o.storeName()))
                .findFirst()
                .orElseThrow(() -> new MeshException(
                        ErrorCode.INVALID_INPUT,
                        "Cannot publish to " + describe(port)
                                + ": contract " + port.contract().id() + " has no schema object '" + object
                                + "'; use one of "
                                + quoted(port.contract().schema().stream()
                                        .map(SchemaObject::storeName)
                                        .toList())));
    }

    private static MeshException unreadable(Path file, IOException e) {
        return new MeshException(
                ErrorCode.INVALID_INPUT,
                "Cannot read " + file + ": " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + e.getMessage()) + "; check the path and that the file is"
                        + " readable UTF-8 text",
                e);
    }

    private static String quoted(List<String> names) {
        return names.stream()
                .map(n -> "'" + (n.length() > 64 ? n.substring(0, 64) + "..." : n) + "'")
                .collect(Collectors.joining(", "));
    }
}
