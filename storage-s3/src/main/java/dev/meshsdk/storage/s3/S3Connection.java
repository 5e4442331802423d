package dev.meshsdk.storage.s3;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.Server;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.Secrets;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * How to reach one server's bucket: endpoint, region and the team's credentials, as an AWS SDK client and
 * as the matching S3A settings for Delta Kernel and the Spark eraser.
 *
 * <p>Credentials, in order: a secret from {@link AdapterContext#secrets()} under the server's
 * {@code credentialsId} custom property or its name (a Maven {@code settings.xml} server: user name = access
 * key id, password = secret key); the AWS profile named by custom property {@code profile} or
 * {@code mesh.s3.profile}; else the AWS default credential chain (environment, system properties, the
 * default profile, container and instance roles). Secrets never appear in a message.
 */
final class S3Connection implements AutoCloseable {
    private final S3Client client;
    private final Map<String, String> hadoopConf;
    private final String description;

    private S3Connection(S3Client client, Map<String, String> hadoopConf, String description) {
        this.client = client;
        this.hadoopConf = Map.copyOf(hadoopConf);
        this.description = description;
    }

    /** Opens a client for {@code server}; no request is sent yet. */
    static S3Connection open(AdapterContext context, Server server) {
        Optional<URI> endpoint = server.setting("endpointUrl").map(u -> endpoint(server, u));
        Region region = region(context, server);
        Map<String, String> s3a = new LinkedHashMap<>();
        AwsCredentialsProvider credentials;
        String id = server.customProperty("credentialsId").map(String::valueOf).orElse(server.server());
        Optional<Secrets.Credential> secret =
                id == null ? Optional.empty() : context.secrets().credential(id);
        Optional<String> profile =
                server.customProperty("profile").map(String::valueOf).or(() -> context.setting("mesh.s3.profile"));
        String how;
        if (secret.isPresent()) {
            Secrets.Credential c = secret.get();
            if (c.username() == null || c.secret() == null) {
                throw new MeshException(
                        ErrorCode.INVALID_CONFIGURATION,
                        "Cannot connect to S3 server '"
                                + server.server() + "': the secret '" + id + "' lacks a user name (access key id) or a"
                                + " password (secret key); fill both in the settings.xml server");
            }
            credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(c.username(), c.secret()));
            s3a.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
            s3a.put("fs.s3a.access.key", c.username());
            s3a.put("fs.s3a.secret.key", c.secret());
            how = "secret '" + id + "'";
        } else if (profile.isPresent()) {
            credentials = ProfileCredentialsProvider.builder()
                    .profileName(profile.get())
                    .build();
            s3a.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.auth.ProfileAWSCredentialsProvider");
            s3a.put("fs.s3a.auth.profile.name", profile.get());
            how = "AWS profile '" + profile.get() + "'";
        } else {
            credentials = DefaultCredentialsProvider.builder().build();
            s3a.put(
                    "fs.s3a.aws.credentials.provider",
                    "software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider");
            how = "the AWS default credential chain";
        }
        boolean pathStyle = Boolean.parseBoolean(
                context.setting("mesh.s3.pathStyleAccess").orElse(String.valueOf(endpoint.isPresent())));
        var builder = S3Client.builder()
                .region(region)
                .credentialsProvider(credentials)
                .forcePathStyle(pathStyle)
                // S3-compatible stores (Ceph RGW, S3Proxy) do not all take the SDK's default trailing checksums.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                // Ceph RGW answers "Expect: 100-continue" on bucket sub-resources (tagging, policy) only after the
                // client's 3 s wait; the bodies sent here are small, so send them at once.
                .httpClientBuilder(ApacheHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .expectContinueEnabled(false))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(RetryMode.STANDARD)
                        .apiCallTimeout(Duration.ofSeconds(60))
                        .build());
        endpoint.ifPresent(builder::endpointOverride);
        s3a.put("fs.s3a.endpoint.region", region.id());
        endpoint.ifPresent(e -> {
            s3a.put("fs.s3a.endpoint", e.toString());
            s3a.put("fs.s3a.connection.ssl.enabled", String.valueOf("https".equals(e.getScheme())));
        });
        s3a.put("fs.s3a.path.style.access", String.valueOf(pathStyle));
        s3a.put("fs.s3a.attempts.maximum", "3");
        s3a.put("fs.s3a.retry.limit", "3");
        String where = endpoint.map(URI::toString).orElse("AWS S3 " + region.id());
        return new S3Connection(builder.build(), s3a, where + " with " + how);
    }

    private static URI endpoint(Server server, String url) {
        try {
            URI uri = URI.create(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) return uri;
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new MeshException(
                ErrorCode.INVALID_DESCRIPTOR,
                "Cannot use S3 server '" + server.server() + "': endpointUrl '" + url
                        + "' is not an http(s) URL; write it as https://host[:port]");
    }

    private static Region region(AdapterContext context, Server server) {
        Optional<String> configured = server.setting("region").or(() -> context.setting("mesh.s3.region"));
        if (configured.isPresent()) return Region.of(configured.get());
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (RuntimeException e) {
            return Region.US_EAST_1;
        }
    }

    S3Client client() {
        return client;
    }

    /** S3A settings for the same endpoint and credentials; holds secrets, so never log it. */
    Map<String, String> hadoopConf() {
        return hadoopConf;
    }

    /** Endpoint and where the credentials came from, without any secret. */
    String describe() {
        return description;
    }

    @Override
    public void close() {
        client.close();
    }
}
