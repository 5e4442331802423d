package dev.meshsdk.export;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A table's absolute address as the catalog keeps it ({@code postgresql://host:5432/db/schema.table},
 * {@code redshift://host:5439/db/schema.table}, {@code s3://bucket/prefix/table}, {@code file:///abs/path/table}),
 * named the way each export target expects.
 *
 * <p>OpenLineage names follow its naming spec (website/docs/spec/naming.md at the commit in the test
 * resources' SOURCES.txt): Postgres {@code postgres://{host}:{port}} + {@code {database}.{schema}.{table}},
 * Redshift {@code redshift://{cluster_identifier}.{region_name}:{port}} + {@code {database}.{schema}.{table}},
 * S3 {@code s3://{bucket name}} + {@code {object key}}, local files {@code file} + {@code {path}}, remote files
 * {@code file://{host}} + {@code {path}}. Other schemes keep {@code scheme://authority} and the path.
 *
 * <p>DataHub names are those its own sources use for the same platform: {@code db.schema.table} for
 * {@code postgres} and {@code redshift}, {@code bucket/key} for {@code s3}, the path for {@code file}.
 *
 * @param namespace  the OpenLineage dataset namespace
 * @param name       the OpenLineage dataset name
 * @param platform   the DataHub data platform ({@code urn:li:dataPlatform:<platform>})
 * @param qualified  the dataset's name within the DataHub platform
 * @param sourceUri  an absolute URI for the OpenLineage {@code dataSource} facet
 */
record DatasetAddress(String namespace, String name, String platform, String qualified, String sourceUri) {

    /** scheme :// authority path, without query or fragment; the authority may be empty ({@code file:///x}). */
    private static final Pattern URL = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)([^?#]*)");
    /** A Redshift endpoint: cluster.id.region.redshift.amazonaws.com or workgroup.account.region.redshift-serverless... */
    private static final Pattern REDSHIFT_HOST =
            Pattern.compile("^([^.]+)\\.[^.]+\\.([a-z0-9-]+)\\.redshift(-serverless)?\\.amazonaws\\.com(\\.cn)?$");

    /**
     * Parses an absolute address.
     *
     * @throws IllegalArgumentException when it is not {@code scheme://authority/path}
     */
    static DatasetAddress parse(String address) {
        Matcher m = address == null ? null : URL.matcher(address.trim());
        if (m == null || !m.find()) {
            throw new IllegalArgumentException("'" + address + "' is not an absolute address (scheme://host/path)");
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        String authority = withoutUserInfo(m.group(2));
        String path = m.group(3);
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return switch (scheme) {
            case "postgres", "postgresql" -> {
                String ns = "postgres://" + hostAndPort(authority, 5432);
                yield new DatasetAddress(ns, dotted(relative), "postgres", dotted(relative), ns);
            }
            case "redshift" -> {
                String ns = "redshift://" + redshiftAuthority(authority);
                yield new DatasetAddress(ns, dotted(relative), "redshift", dotted(relative), ns);
            }
            case "s3", "s3a", "s3n" -> {
                String ns = "s3://" + authority;
                yield new DatasetAddress(ns, relative, "s3", authority + "/" + relative, ns);
            }
            case "file" ->
                authority.isEmpty() || authority.equals("localhost")
                        ? new DatasetAddress("file", path, "file", path, "file:///")
                        : new DatasetAddress("file://" + authority, path, "file", path, "file://" + authority);
            default -> {
                String ns = authority.isEmpty() ? scheme : scheme + "://" + authority;
                yield new DatasetAddress(ns, relative, scheme, relative, authority.isEmpty() ? scheme + ":///" : ns);
            }
        };
    }

    /** Credentials never belong in an address; drop {@code user:password@} if one slipped in. */
    private static String withoutUserInfo(String authority) {
        int at = authority.lastIndexOf('@');
        return at < 0 ? authority : authority.substring(at + 1);
    }

    private static String hostAndPort(String authority, int defaultPort) {
        boolean hasPort = authority.matches(".*:\\d+$") && !authority.endsWith("]");
        return hasPort ? authority : authority + ":" + defaultPort;
    }

    /** {@code cluster.region:port} when the host is an AWS endpoint, else the host itself (a proxy, a test server). */
    private static String redshiftAuthority(String authority) {
        String withPort = hostAndPort(authority, 5439);
        int colon = withPort.lastIndexOf(':');
        String host = withPort.substring(0, colon).toLowerCase(Locale.ROOT);
        Matcher m = REDSHIFT_HOST.matcher(host);
        String id = m.matches() ? m.group(1) + "." + m.group(2) : host;
        return id + withPort.substring(colon);
    }

    /** {@code db/schema.table} or {@code db/schema/table} to {@code db.schema.table}. */
    private static String dotted(String relative) {
        return relative.replace('/', '.');
    }
}
