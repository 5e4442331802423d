package dev.meshsdk.storage.redshift;

import dev.meshsdk.MeshException;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.data.DataFiles;
import java.util.Map;

/**
 * Words a row Redshift's {@code COPY} refused, from the error code and the column {@code STL_LOAD_ERRORS} gives
 * (the load error reference of the Redshift guide), never from the row's value.
 */
final class LoadErrors {
    private LoadErrors() {}

    /** The place in the input of a line of the staged CSV text (header lines not counted; -1 when unknown). */
    @FunctionalInterface
    interface Where {
        String at(long line, String column);
    }

    /** {@code INVALID_INPUT} for the refused row. */
    static MeshException refused(
            PortBinding port,
            Map<String, String> types,
            RedshiftPublisher.LoadError error,
            StagedFiles files,
            Where where) {
        long line = files.textLine(error.file(), error.line());
        String column = error.column() == null || error.column().isBlank()
                ? null
                : error.column().strip();
        String type = column == null ? null : types.get(column);
        String t = type == null ? "value of its type" : type;
        String problem =
                switch (error.code()) {
                    case 1201, 1214 -> "is missing a field delimiter";
                    case 1202 -> "has more fields than the header";
                    case 1203 -> "has fewer fields than the header";
                    case 1204, 1222 -> "is out of range for " + t;
                    case 1205, 1206, 1207, 1208, 1209, 1210, 1223 -> "is not a valid " + t;
                    case 1213 -> DataFiles.REQUIRED_BUT_EMPTY;
                    case 1215 -> "is too long for " + t;
                    case 1219, 1220, 1221 -> "holds bytes that are not valid UTF-8";
                    case 1224 -> "is not well-formed JSON for a SUPER column";
                    default -> "was refused by Redshift (load error " + error.code() + ")";
                };
        boolean rowWide = error.code() == 1201 || error.code() == 1214 || error.code() == 1202 || error.code() == 1203;
        return DataFiles.badValue(port, where.at(line, column), rowWide ? null : column, problem);
    }
}
