package dev.meshsdk.storage.redshift;

import static dev.meshsdk.storage.jdbc.Identifiers.qualified;
import static dev.meshsdk.storage.jdbc.Identifiers.quote;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The bulk SQL of Redshift: {@code COPY} from S3, {@code MERGE} (or delete-insert) for upserts from a staging
 * table, and {@code UNLOAD} to S3 for archiving. S3 locations and IAM role ARNs are checked against strict patterns
 * before they become string literals; names are quoted identifiers. Only the SQL text is produced here:
 * running it needs a Redshift cluster (see the module README).
 */
public final class RedshiftLoads {
    private static final Pattern S3 =
            Pattern.compile("^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/[A-Za-z0-9!_.*()/=+-]*)?$");
    private static final Pattern IAM_ROLE =
            Pattern.compile("^arn:aws(-[a-z]+)*:iam::\\d{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$");
    private static final Pattern REGION = Pattern.compile("^[a-z]{2}(-[a-z]+)+-\\d$");

    /** The file formats COPY and UNLOAD take here. */
    public enum Format {
        CSV,
        PARQUET,
        JSON
    }

    private RedshiftLoads() {}

    /**
     * {@code COPY schema.table (columns) FROM 's3://...' IAM_ROLE '...' FORMAT AS ...}; CSV skips one
     * header line; {@code region} may be null (the cluster's own).
     */
    public static String copyFromS3(
            String schema,
            String table,
            List<String> columns,
            String s3Uri,
            String iamRole,
            Format format,
            String region) {
        return copy(qualified(schema, table), columns, s3Uri, iamRole, format, false, region);
    }

    /**
     * {@code COPY "temp" FROM 's3://.../<load>/' IAM_ROLE '...' FORMAT AS CSV IGNOREHEADER 1 GZIP}: loads every
     * gzip CSV part staged under {@code s3Prefix} (each with its header line) into the session's temporary
     * table {@code tempTable}. The role is an ARN, not a secret: no key or token is ever put in the SQL.
     */
    public static String copyStaged(String tempTable, String s3Prefix, String iamRole, String region) {
        return copyStaged(tempTable, List.of(), s3Prefix, iamRole, region);
    }

    /** As {@link #copyStaged(String, String, String, String)}, the parts holding {@code columns} in this order. */
    public static String copyStaged(
            String tempTable, List<String> columns, String s3Prefix, String iamRole, String region) {
        return copy(quote("table", tempTable), columns, s3Prefix, iamRole, Format.CSV, true, region);
    }

    private static String copy(
            String target,
            List<String> columns,
            String s3Uri,
            String iamRole,
            Format format,
            boolean gzip,
            String region) {
        StringBuilder b = new StringBuilder("COPY ").append(target);
        if (!columns.isEmpty()) b.append(" (").append(columnList(columns)).append(')');
        b.append(" FROM '")
                .append(s3(s3Uri))
                .append("' IAM_ROLE '")
                .append(role(iamRole))
                .append('\'');
        switch (Objects.requireNonNull(format, "format")) {
            case CSV -> b.append(" FORMAT AS CSV IGNOREHEADER 1");
            case PARQUET -> b.append(" FORMAT AS PARQUET");
            case JSON -> b.append(" FORMAT AS JSON 'auto'");
        }
        if (gzip) b.append(" GZIP");
        if (region != null) b.append(" REGION '").append(region(region)).append('\'');
        return b.toString();
    }

    /**
     * {@code DELETE} of the target's rows whose key matches a staged row, then {@code INSERT} of every staged
     * row: an upsert that PostgreSQL (for the tests through PgBouncer) runs as well as Redshift. The target
     * is qualified; the staging table is the session's temporary table.
     */
    public static List<String> deleteInsert(String schema, String target, String tempTable, List<String> keys) {
        if (keys.isEmpty()) {
            throw new MeshException(
                    ErrorCode.INVALID_DESCRIPTOR,
                    "Cannot merge into " + target
                            + ": the contract names no primary key; mark the key properties primaryKey: true");
        }
        String t = qualified(schema, target);
        String s = quote("table", tempTable);
        List<String> on = new ArrayList<>();
        for (String k : keys) on.add(t + "." + quote("column", k) + " = " + s + "." + quote("column", k));
        return List.of(
                "DELETE FROM " + t + " USING " + s + " WHERE " + String.join(" AND ", on),
                "INSERT INTO " + t + " SELECT * FROM " + s);
    }

    /**
     * {@code MERGE} of a staging table into the target on the key columns: matching rows are updated,
     * others inserted. {@code columns} lists every column, keys included.
     */
    public static String merge(String schema, String target, String staging, List<String> keys, List<String> columns) {
        if (keys.isEmpty()) {
            throw new MeshException(
                    ErrorCode.INVALID_DESCRIPTOR,
                    "Cannot merge into " + target
                            + ": the contract names no primary key; mark the key properties primaryKey: true");
        }
        if (!columns.containsAll(keys)) {
            throw new MeshException(
                    ErrorCode.INVALID_DESCRIPTOR,
                    "Cannot merge into " + target + ": key columns " + keys + " are not all among the columns "
                            + columns);
        }
        List<String> on = new ArrayList<>();
        for (String k : keys) on.add("t." + quote("column", k) + " = s." + quote("column", k));
        List<String> set = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (String c : columns) {
            if (!keys.contains(c)) set.add(quote("column", c) + " = s." + quote("column", c));
            values.add("s." + quote("column", c));
        }
        StringBuilder b = new StringBuilder("MERGE INTO ")
                .append(qualified(schema, target))
                .append(" AS t USING ")
                .append(qualified(schema, staging))
                .append(" AS s ON ")
                .append(String.join(" AND ", on));
        if (!set.isEmpty()) b.append(" WHEN MATCHED THEN UPDATE SET ").append(String.join(", ", set));
        else
            b.append(" WHEN MATCHED THEN UPDATE SET ")
                    .append(quote("column", keys.get(0)))
                    .append(" = s.")
                    .append(quote("column", keys.get(0)));
        b.append(" WHEN NOT MATCHED THEN INSERT (")
                .append(columnList(columns))
                .append(") VALUES (")
                .append(String.join(", ", values))
                .append(')');
        return b.toString();
    }

    /**
     * {@code UNLOAD} of a whole table to an S3 prefix for archiving, optionally partitioned by columns.
     * The inner query is itself a literal, so it holds only quoted identifiers.
     */
    public static String unload(
            String schema, String table, String s3Prefix, String iamRole, Format format, List<String> partitionBy) {
        StringBuilder b = new StringBuilder("UNLOAD ('SELECT * FROM ")
                .append(qualified(schema, table))
                .append("') TO '")
                .append(s3(s3Prefix))
                .append("' IAM_ROLE '")
                .append(role(iamRole))
                .append('\'')
                .append(" FORMAT AS ")
                .append(format.name());
        if (format == Format.CSV) b.append(" HEADER");
        if (!partitionBy.isEmpty())
            b.append(" PARTITION BY (").append(columnList(partitionBy)).append(')');
        return b.append(" ALLOWOVERWRITE").toString();
    }

    private static String columnList(List<String> columns) {
        return String.join(", ", columns.stream().map(c -> quote("column", c)).toList());
    }

    static String s3(String uri) {
        if (uri == null || !S3.matcher(uri).matches()) {
            throw new MeshException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "Cannot use S3 location '" + uri
                            + "': it must be s3://<bucket>/<key> with a lower-case bucket and a key of letters, digits and"
                            + " !_.*()/=+-; fix the location");
        }
        return uri;
    }

    static String role(String arn) {
        if (arn == null || !IAM_ROLE.matcher(arn).matches()) {
            throw new MeshException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "Cannot use IAM role '" + arn
                            + "': it must be an IAM role ARN like arn:aws:iam::123456789012:role/RedshiftLoader; fix it");
        }
        return arn;
    }

    static String region(String region) {
        if (!REGION.matcher(region.toLowerCase(Locale.ROOT)).matches()
                || !region.equals(region.toLowerCase(Locale.ROOT))) {
            throw new MeshException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "Cannot use AWS region '" + region + "': it must look like eu-west-1");
        }
        return region;
    }
}
