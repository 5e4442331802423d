package dev.meshsdk.internal.descriptor;

import dev.meshsdk.model.DataContract;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.model.Server;
import dev.meshsdk.spi.storage.SqlNames;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks that names the SDK puts into SQL statements and file paths are safe (code {@code MESH-IDENT}),
 * for contracts with at least one server of a type the built-in adapters write to.
 */
final class IdentifierChecks {
    static final String CODE = "MESH-IDENT";
    static final Set<String> STORE_TYPES = Set.of("local", "s3", "postgres", "postgresql", "redshift");
    private static final Set<String> SQL_TYPES = Set.of("postgres", "postgresql", "redshift");
    /** A database is named in the connection URL, never spliced into SQL, so hyphens are allowed ("pypl-edw"). */
    private static final Pattern DATABASE = Pattern.compile("^[A-Za-z_][A-Za-z0-9_-]{0,62}$");

    private static final Pattern BUCKET = Pattern.compile("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$");
    private static final String RULE = "use " + SqlNames.DESCRIPTION;

    private IdentifierChecks() {}

    static void check(DataContract contract, Path file, Problems problems) {
        if (contract.servers().stream().noneMatch(s -> isStore(s.type()))) return;
        for (int i = 0; i < contract.schema().size(); i++) {
            SchemaObject o = contract.schema().get(i);
            String p = Pointers.child("/schema", i);
            name(o.storeName(), o.physicalName() != null ? "physicalName" : "name", "table", p, file, problems);
            properties(o.properties(), Pointers.child(p, "properties"), file, problems);
        }
        for (int i = 0; i < contract.servers().size(); i++) {
            Server s = contract.servers().get(i);
            if (!isStore(s.type())) continue;
            String p = Pointers.child("/servers", i);
            if (SQL_TYPES.contains(s.type())) {
                s.setting("schema").ifPresent(v -> name(v, "schema", "schema", p, file, problems));
                s.setting("database").ifPresent(v -> {
                    if (!DATABASE.matcher(v).matches()) {
                        problems.error(
                                CODE,
                                file,
                                Pointers.child(p, "database"),
                                "Cannot use " + Quoted.of(v) + " as a database name: " + RULE + " or '-'",
                                "rename the database setting");
                    }
                });
            }
            for (String key : List.of("path", "location")) {
                s.setting(key).ifPresent(v -> path(s, key, v, Pointers.child(p, key), file, problems));
            }
        }
    }

    /** Whether the built-in adapters write to servers of {@code type}; false for a missing type. */
    static boolean isStore(String type) {
        return type != null && STORE_TYPES.contains(type);
    }

    private static void properties(List<SchemaProperty> props, String pointer, Path file, Problems problems) {
        for (int j = 0; j < props.size(); j++) {
            SchemaProperty prop = props.get(j);
            String p = Pointers.child(pointer, j);
            name(prop.storeName(), prop.physicalName() != null ? "physicalName" : "name", "column", p, file, problems);
            properties(prop.properties(), Pointers.child(p, "properties"), file, problems);
        }
    }

    private static void name(String value, String key, String what, String pointer, Path file, Problems problems) {
        if (value == null || SqlNames.isSafe(value)) return;
        problems.error(
                CODE,
                file,
                Pointers.child(pointer, key),
                "Cannot use " + Quoted.of(value) + " as a " + what + " name: " + RULE,
                "rename it"
                        + (key.equals("name") && !what.equals("schema")
                                ? ", or keep the name and set 'physicalName' to a safe name in the store"
                                : ""));
    }

    private static void path(Server s, String key, String value, String pointer, Path file, Problems problems) {
        String where = "Cannot use " + key + " " + Quoted.of(value) + " of server " + Quoted.of(s.server()) + ": ";
        int segment = 0; // where the current segment starts
        boolean parent = false;
        for (int i = 0; i <= value.length(); i++) {
            char c = i < value.length() ? value.charAt(i) : '/';
            if (c < 0x20 || c == 0x7f) {
                problems.error(CODE, file, pointer, where + "it contains control characters", "remove them");
                return;
            }
            if (c == '/' || c == '\\') {
                parent |= i - segment == 2 && value.startsWith("..", segment);
                segment = i + 1;
            }
        }
        if (parent) {
            problems.error(
                    CODE,
                    file,
                    pointer,
                    where + "it contains a '..' segment",
                    "write the path without '..' so that data stays under the declared location");
            return;
        }
        if (s.type().equals("s3") && key.equals("location")) {
            if (!value.startsWith("s3://")) {
                problems.error(
                        CODE,
                        file,
                        pointer,
                        where + "an s3 location must look like s3://bucket/prefix",
                        "start it with 's3://'");
                return;
            }
            String rest = value.substring(5);
            String bucket = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
            if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
                problems.error(
                        CODE,
                        file,
                        pointer,
                        where + Quoted.of(bucket) + " is not a valid bucket name",
                        "use 3 to 63 lowercase letters, digits, '.' or '-', starting and ending with a letter or digit");
            }
        }
    }
}
