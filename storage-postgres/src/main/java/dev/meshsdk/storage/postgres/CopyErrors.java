package dev.meshsdk.storage.postgres;

import dev.meshsdk.MeshException;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.data.DataFiles;
import java.sql.SQLException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Words a row that {@code COPY} refused: where it is (from the line number and column in the error's context)
 * and what is wrong (from the SQLSTATE and the column's type), never what the value was. PostgreSQL's own message
 * and detail quote the value ({@code invalid input syntax for type bigint: "..."}, {@code Failing row contains
 * (...)}, {@code Key (id)=(...) already exists}), so they are not passed on, and the exception is not attached as
 * a cause.
 */
final class CopyErrors {
    /** {@code COPY orders, line 3, column amount: "..."}; the column is absent for errors about the whole row. */
    private static final Pattern WHERE =
            Pattern.compile("COPY [^,\\n]+, line (\\d+)(?:, column ([A-Za-z_][A-Za-z0-9_]*))?");
    /** {@code Key (id, day)=(...) already exists.}: only the names before {@code =} are read. */
    private static final Pattern KEY = Pattern.compile("^Key \\(([A-Za-z0-9_, \"]+)\\)=");

    /**
     * Where a refused row is: COPY's line number (of the stream COPY read; -1 when the error does not say) to a
     * place in the file.
     */
    @FunctionalInterface
    interface Locator {
        String location(long line, String column);
    }

    private CopyErrors() {}

    /** The refused row as {@code INVALID_INPUT}, or null when {@code e} is not about a row's data. */
    static MeshException rejected(SQLException e, PortBinding port, Map<String, String> types, Locator locator) {
        if (!(e instanceof PSQLException p) || p.getServerErrorMessage() == null) return null;
        ServerErrorMessage m = p.getServerErrorMessage();
        String state = m.getSQLState();
        if (!isDataError(state)) return null;
        Matcher where = WHERE.matcher(m.getWhere() == null ? "" : m.getWhere());
        long line = -1;
        String column = null;
        if (where.find()) {
            line = Long.parseLong(where.group(1));
            column = where.group(2);
        }
        if (column == null) column = m.getColumn();
        if (column == null && m.getDetail() != null) {
            Matcher key = KEY.matcher(m.getDetail());
            if (key.find()) column = key.group(1).replace("\"", "");
        }
        String type = column == null ? null : types.get(column);
        return DataFiles.badValue(
                port, locator.location(line, column), column, problem(state, m.getMessage(), type, m.getConstraint()));
    }

    /** What is wrong, from the SQLSTATE; never the server's text where that may quote a value. */
    static String problem(String state, String message, String type, String constraint) {
        String t = type == null ? "value of its type" : type;
        String named = constraint == null ? "" : " (constraint " + constraint + ")";
        return switch (state) {
            case "22P02", "22007", "22008", "22P03", "22018" -> "is not a valid " + t;
            case "22003" -> "is out of range for " + t;
            case "22001" -> "is too long for " + t;
            case "22021" -> "holds bytes that are not valid UTF-8";
            case "22P04" -> csvFormat(message);
            case "23502" -> DataFiles.REQUIRED_BUT_EMPTY;
            case "23505" -> "repeats a key that is already in the table or earlier in the file" + named;
            case "23503" -> "refers to a row that is not there" + named;
            case "23514" -> "breaks a check" + named;
            default -> "was refused by PostgreSQL (SQLSTATE " + state + ")";
        };
    }

    /** COPY's CSV format errors hold no value but are worded for a reader of the file. */
    private static String csvFormat(String message) {
        String m = message == null ? "" : message;
        if (m.startsWith("missing data for column")) return "has fewer fields than the header";
        if (m.startsWith("extra data after last expected column")) return "has more fields than the header";
        if (m.startsWith("unterminated CSV quoted field")) return "opens a quoted field that is never closed";
        return "is not well-formed CSV";
    }

    private static boolean isDataError(String state) {
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    /** An exception's reason for a message, without the server's text when that may quote a row's value. */
    static String safeReason(Exception e) {
        if (e instanceof SQLException s && isDataError(s.getSQLState())) {
            return "PostgreSQL refused the data (SQLSTATE " + s.getSQLState() + ")";
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
