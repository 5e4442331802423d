package dev.meshsdk.storage.jdbc.load;

import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.data.CsvRecord;
import dev.meshsdk.spi.data.DataFiles;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A CSV file with a header line: the header's names are matched to the contract's columns (in any order), and
 * the bytes after the header go to the load untouched, so a publish from CSV costs what a raw COPY costs.
 */
final class CsvFile extends LoadFile {
    private final List<String> columns;
    private InputStream in;

    CsvFile(PortBinding port, String object, Path file) {
        super(port, file);
        this.columns = DataFiles.matchCsvColumns(port, object, file);
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public InputStream csv() throws IOException {
        in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        skipHeader(in);
        return in;
    }

    /** Reads past the first record: a line break outside quotes ends it. Quotes are ASCII, also in UTF-8. */
    private static void skipHeader(InputStream in) throws IOException {
        boolean quoted = false;
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '"') {
                quoted = !quoted;
            } else if (!quoted && (b == '\n' || b == '\r')) {
                if (b == '\r') {
                    in.mark(1);
                    if (in.read() != '\n') in.reset();
                }
                return;
            }
        }
    }

    @Override
    public String location(long line, String column) {
        if (line < 1) return file.toString();
        long inFile = line + DataFiles.csvHeaderLastLine(file);
        Optional<CsvRecord> r = DataFiles.csvRecordAtLine(file, inFile);
        if (r.isEmpty()) return DataFiles.location(file, inFile, 0);
        int index = column == null ? -1 : columns.indexOf(column);
        return index < 0
                ? DataFiles.location(file, r.get().line(), 0)
                : DataFiles.location(file, r.get().line(index), r.get().column(index));
    }

    @Override
    public void close() throws IOException {
        if (in != null) in.close();
    }
}
