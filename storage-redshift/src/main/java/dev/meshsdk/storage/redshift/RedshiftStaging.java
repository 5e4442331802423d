package dev.meshsdk.storage.redshift;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.CustomProperty;
import dev.meshsdk.model.Server;
import dev.meshsdk.spi.AdapterContext;
import java.util.Objects;

/**
 * Where files for {@code COPY} are staged and which IAM role Redshift reads them with.
 *
 * @param bucket  the team's bucket
 * @param prefix  the key prefix under which each load gets its own folder, without leading or trailing
 *                slash; may be empty
 * @param iamRole the ARN of the role the cluster assumes to read the bucket (an ARN, not a secret)
 * @param region  the bucket's region when it differs from the cluster's, else null
 */
public record RedshiftStaging(String bucket, String prefix, String iamRole, String region) {
    public RedshiftStaging {
        Objects.requireNonNull(bucket, "bucket");
        prefix = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
        // Checked the way COPY will use them, so a bad value fails before anything is uploaded.
        RedshiftLoads.s3("s3://" + bucket + "/" + prefix);
        RedshiftLoads.role(iamRole);
        if (region != null) RedshiftLoads.region(region);
    }

    /**
     * The staging of a server: custom properties {@code stagingLocation} ({@code s3://bucket/prefix}),
     * {@code iamRole} and {@code region} on the server entry, else the configuration keys
     * {@code mesh.redshift.stagingLocation}, {@code mesh.redshift.iamRole}, {@code mesh.redshift.region}.
     */
    public static RedshiftStaging of(Server server, AdapterContext context) {
        String location = setting(server, context, "stagingLocation");
        String role = setting(server, context, "iamRole");
        if (location == null || role == null) {
            throw new MeshException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "Cannot load into Redshift server '"
                            + server.server() + "': " + (location == null ? "no stagingLocation" : "no iamRole")
                            + " is set; add custom properties stagingLocation (s3://<team bucket>/<prefix>) and iamRole (the"
                            + " ARN of a role the cluster may assume to read it) to the server, or set"
                            + " mesh.redshift.stagingLocation and mesh.redshift.iamRole");
        }
        String checked = RedshiftLoads.s3(location);
        String rest = checked.substring("s3://".length());
        int slash = rest.indexOf('/');
        return new RedshiftStaging(
                slash < 0 ? rest : rest.substring(0, slash),
                slash < 0 ? "" : rest.substring(slash + 1),
                role,
                setting(server, context, "region"));
    }

    private static String setting(Server server, AdapterContext context, String key) {
        for (CustomProperty p : server.customProperties()) {
            if (key.equals(p.property()) && p.value() != null) return String.valueOf(p.value());
        }
        return context.setting("mesh.redshift." + key).orElse(null);
    }

    /** The folder of one load: {@code <prefix>/<table>/<loadId>/}. */
    String folder(String table, String loadId) {
        return (prefix.isEmpty() ? "" : prefix + "/") + table + "/" + loadId + "/";
    }
}
