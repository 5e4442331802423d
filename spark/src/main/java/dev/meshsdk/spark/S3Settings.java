package dev.meshsdk.spark;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.Server;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.Secrets;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How Spark reaches an S3 (or S3-compatible) store through Hadoop's S3A file system: endpoint, region,
 * credentials and path-style access. {@link #toString()} never shows the secret key.
 *
 * @param endpoint  the endpoint URL ({@code http://127.0.0.1:9000}), or null for AWS's regional endpoint
 * @param region    the signing region, or null for {@code us-east-1}
 * @param accessKey the access key id, or null to use the AWS default credential chain
 * @param secretKey the secret key; null exactly when {@code accessKey} is
 * @param pathStyle whether buckets are addressed as {@code endpoint/bucket} (MinIO, Ceph, S3Proxy)
 */
public record S3Settings(String endpoint, String region, String accessKey, String secretKey, boolean pathStyle) {
    public S3Settings {
        if ((accessKey == null) != (secretKey == null)) {
            throw new MeshException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "Cannot configure S3 access: an access key"
                            + " needs a secret key and the other way round; give both, or neither to use the AWS credential chain");
        }
        if (endpoint != null) {
            URI uri = URI.create(endpoint);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new MeshException(
                        ErrorCode.INVALID_CONFIGURATION,
                        "Cannot configure S3 access: endpoint '" + endpoint
                                + "' is not a URL; write it as http(s)://host:port");
            }
        }
    }

    /**
     * The settings from {@code mesh.spark.s3.*} configuration keys ({@code endpoint}, {@code region},
     * {@code pathStyle}, {@code credentialsId}), or empty when no key is set. The credential is looked up
     * in the context's secrets under {@code credentialsId} (user name = access key id, secret = secret key).
     */
    public static Optional<S3Settings> fromConfig(AdapterContext context) {
        Optional<String> endpoint = context.setting("mesh.spark.s3.endpoint");
        Optional<String> region = context.setting("mesh.spark.s3.region");
        Optional<String> pathStyle = context.setting("mesh.spark.s3.pathStyle");
        Optional<String> credentialsId = context.setting("mesh.spark.s3.credentialsId");
        if (endpoint.isEmpty() && region.isEmpty() && pathStyle.isEmpty() && credentialsId.isEmpty()) {
            return Optional.empty();
        }
        Secrets.Credential c = credentialsId
                .map(id -> context.secrets()
                        .credential(id)
                        .orElseThrow(() -> new MeshException(
                                ErrorCode.INVALID_CONFIGURATION,
                                "Cannot configure S3 access for Spark: no"
                                        + " credential '" + id
                                        + "' (mesh.spark.s3.credentialsId); add a server with that id to"
                                        + " settings.xml (username = access key id, password = secret key)")))
                .orElse(null);
        return Optional.of(new S3Settings(
                endpoint.orElse(null),
                region.orElse(null),
                c == null ? null : c.username(),
                c == null ? null : c.secret(),
                pathStyle.map(Boolean::parseBoolean).orElse(endpoint.isPresent())));
    }

    /**
     * The settings for an ODCS {@code s3} server: its {@code endpointUrl}, custom property {@code region}
     * and {@code pathStyle}, and the credential under its custom property {@code credentialsId} or its name;
     * anything the server does not say comes from {@code defaults} ({@link #fromConfig}). Without a
     * credential S3A uses the AWS default credential chain.
     */
    static S3Settings forServer(Server server, AdapterContext context, Optional<S3Settings> defaults) {
        String endpoint = server.setting("endpointUrl")
                .orElse(defaults.map(S3Settings::endpoint).orElse(null));
        String region = server.customProperty("region")
                .map(String::valueOf)
                .or(() -> server.setting("region"))
                .orElse(defaults.map(S3Settings::region).orElse(null));
        String id = server.customProperty("credentialsId").map(String::valueOf).orElse(server.server());
        Optional<Secrets.Credential> c =
                id == null ? Optional.empty() : context.secrets().credential(id);
        String access = c.map(Secrets.Credential::username)
                .orElse(defaults.map(S3Settings::accessKey).orElse(null));
        String secret = c.map(Secrets.Credential::secret)
                .orElse(defaults.map(S3Settings::secretKey).orElse(null));
        boolean pathStyle = server.customProperty("pathStyle")
                .map(v -> Boolean.parseBoolean(String.valueOf(v)))
                .orElse(defaults.map(S3Settings::pathStyle).orElse(endpoint != null));
        return new S3Settings(endpoint, region, access, secret, pathStyle);
    }

    /** The S3A settings for every bucket ({@code fs.s3a.*}). */
    public Map<String, String> hadoopConf() {
        return conf("fs.s3a.");
    }

    /**
     * The S3A settings for one bucket only ({@code fs.s3a.bucket.<bucket>.*}), so that one Spark session can
     * read several teams' buckets with each team's endpoint and credentials.
     */
    public Map<String, String> hadoopConf(String bucket) {
        return conf("fs.s3a.bucket." + bucket + ".");
    }

    private Map<String, String> conf(String prefix) {
        Map<String, String> m = new LinkedHashMap<>();
        if (endpoint != null) {
            m.put(prefix + "endpoint", endpoint);
            m.put(
                    prefix + "connection.ssl.enabled",
                    String.valueOf(URI.create(endpoint)
                            .getScheme()
                            .toLowerCase(Locale.ROOT)
                            .equals("https")));
        }
        m.put(prefix + "endpoint.region", region == null ? "us-east-1" : region);
        m.put(prefix + "path.style.access", String.valueOf(pathStyle));
        if (accessKey != null) {
            m.put(prefix + "aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
            m.put(prefix + "access.key", accessKey);
            m.put(prefix + "secret.key", secretKey);
        }
        return m;
    }

    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint + ", region=" + region + ", accessKey=" + accessKey + ", secretKey="
                + (secretKey == null ? null : "****") + ", pathStyle=" + pathStyle + "]";
    }
}
