package dev.meshsdk.spark;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a port's tables are, in the layout the storage adapters create: {@code <root>/<store name>}, with
 * {@code _v<major>} appended from contract major version 2 on. The root is a {@code local} server's
 * {@code path} (relative to the base directory) or an {@code s3} server's {@code location} (read through
 * S3A). Quality results are kept under {@code <root>/_mesh_quality/<table>/}.
 */
final class PortTables {
    static final Set<String> LOCAL_TYPES = Set.of("local");
    static final Set<String> S3_TYPES = Set.of("s3", "s3a");
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /** One table: its URI for Spark, its format, its name in the layout and the S3A settings it needs. */
    record Table(String object, String target, String root, String uri, String format, Map<String, String> hadoopConf) {
        Table {
            hadoopConf = Map.copyOf(hadoopConf);
        }

        /** The folder that quality results of this table are written to. */
        String resultsDir() {
            return root + "/_mesh_quality/" + target;
        }
    }

    private PortTables() {}

    static boolean supports(PortBinding port) {
        String type = type(port);
        if (!LOCAL_TYPES.contains(type) && !S3_TYPES.contains(type)) return false;
        String format = port.server().setting("format").orElse("delta").trim().toLowerCase(Locale.ROOT);
        return format.equals("delta") || format.equals("parquet");
    }

    /** The table of schema object {@code object} (its store name) of the port. */
    static Table table(PortBinding port, String object, AdapterContext context, Optional<S3Settings> s3Defaults) {
        if (!supports(port)) {
            throw new MeshException(
                    ErrorCode.UNSUPPORTED,
                    "Cannot read port '" + port.port().name()
                            + "' with Spark: server '" + port.server().server() + "' has type '"
                            + port.server().type()
                            + "' and format '" + port.server().setting("format").orElse("delta")
                            + "'; the Spark module reads local and s3 servers in delta or parquet format");
        }
        SchemaObject schemaObject = port.contract().schema().stream()
                .filter(o -> object.equals(o.storeName()))
                .findFirst()
                .orElseThrow(() -> new MeshException(
                        ErrorCode.INVALID_CONFIGURATION,
                        "Cannot find"
                                + " schema object '" + object + "' in contract "
                                + port.contract().id() + " of port '"
                                + port.port().name() + "'; use one of "
                                + port.contract().schema().stream()
                                        .map(SchemaObject::storeName)
                                        .toList()));
        String name = schemaObject.storeName();
        if (name == null || !SAFE_NAME.matcher(name).matches() || name.contains("..")) {
            throw new MeshException(
                    ErrorCode.INVALID_DESCRIPTOR,
                    "Cannot use schema object name '" + name
                            + "' as a table folder: use letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
        int major = port.contractMajorVersion();
        String target = major >= 2 ? name + "_v" + major : name;
        String format = port.server().setting("format").orElse("delta").trim().toLowerCase(Locale.ROOT);
        if (LOCAL_TYPES.contains(type(port))) {
            String path = port.server()
                    .setting("path")
                    .orElseThrow(
                            () -> missing(port, "path", "data/" + port.port().name()));
            Path root = context.baseDirectory().resolve(path).toAbsolutePath().normalize();
            String rootUri = stripSlash(root.toUri().toString());
            return new Table(name, target, rootUri, rootUri + "/" + target, format, Map.of());
        }
        String location = port.server()
                .setting("location")
                .orElseThrow(() -> missing(port, "location", "s3://<your team's bucket>/<prefix>"));
        URI uri = URI.create(location.trim());
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!Set.of("s3", "s3a").contains(scheme) || uri.getHost() == null) {
            throw new MeshException(
                    ErrorCode.INVALID_DESCRIPTOR,
                    "Cannot read port '" + port.port().name()
                            + "': server '" + port.server().server() + "' has location '" + location + "'; write it as"
                            + " s3://bucket/prefix");
        }
        String bucket = uri.getHost();
        String prefix = stripSlash(uri.getPath() == null ? "" : uri.getPath());
        String root = "s3a://" + bucket + prefix;
        S3Settings s3 = S3Settings.forServer(port.server(), context, s3Defaults);
        return new Table(name, target, root, root + "/" + target, format, s3.hadoopConf(bucket));
    }

    private static String type(PortBinding port) {
        return port.server().type() == null ? "" : port.server().type().toLowerCase(Locale.ROOT);
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static MeshException missing(PortBinding port, String field, String example) {
        return new MeshException(
                ErrorCode.INVALID_CONFIGURATION,
                "Cannot place output port '" + port.port().name()
                        + "': server '" + port.server().server() + "' of type '"
                        + port.server().type() + "' in contract '"
                        + port.contract().id() + "' has no '" + field + "'; perhaps you should add '" + field + ": "
                        + example + "' to it");
    }
}
