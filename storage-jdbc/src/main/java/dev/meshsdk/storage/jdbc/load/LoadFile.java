package dev.meshsdk.storage.jdbc.load;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.data.PublishRequest;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * A file to publish into a SQL store, as the CSV text a bulk load reads (PostgreSQL's {@code COPY ... FROM
 * STDIN}, a Redshift {@code COPY} of staged files): UTF-8, no header line, the columns in the order of
 * {@link #columns()}, every value quoted and a NULL an empty unquoted field. CSV files are passed through as they
 * are (their header mapped to the contract's columns by name); JSON lines and Parquet are converted while the load
 * reads them, so no second copy of the data is made. Problems found while reading the file (a malformed JSON line,
 * a key the contract does not have) are thrown as {@code INVALID_INPUT} from {@link InputStream#read}, naming the
 * file, line and column, never a value.
 *
 * <p>One use: open, read {@link #csv()} once, close.
 */
public abstract class LoadFile implements Closeable {
    protected final PortBinding port;
    protected final Path file;

    LoadFile(PortBinding port, Path file) {
        this.port = port;
        this.file = file;
    }

    /** Opens the request's file and checks its columns against the contract (names matched, never positions). */
    public static LoadFile open(PortBinding port, PublishRequest request) {
        return switch (request.format()) {
            case CSV -> new CsvFile(port, request.object(), request.file());
            case JSON_LINES -> new JsonLinesFile(port, request.object(), request.file());
            case PARQUET -> new ParquetFile(port, request.object(), request.file());
        };
    }

    /** The contract's column names (store names), in the order the CSV text holds them. */
    public abstract List<String> columns();

    /** The CSV text; read it once. */
    public abstract InputStream csv() throws IOException;

    /**
     * Where line {@code line} of the CSV text (1 is the first line the load read; a value holding a line break
     * spans lines) is in the file, for a message: {@code file:line:column} (where {@code column}'s value starts,
     * when known) or {@code file, row N}; the file alone when the line is not known (below 1).
     */
    public abstract String location(long line, String column);

    /** The file. */
    public Path file() {
        return file;
    }

    static MeshException unreadable(Path file, Exception e) {
        return new MeshException(
                ErrorCode.INVALID_INPUT,
                "Cannot read " + file + ": " + e.getClass().getSimpleName()
                        + "; check that the file is there and readable",
                e);
    }
}
