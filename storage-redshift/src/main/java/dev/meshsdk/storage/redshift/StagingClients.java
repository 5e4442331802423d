package dev.meshsdk.storage.redshift;

import dev.meshsdk.model.CustomProperty;
import dev.meshsdk.model.Server;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.Secrets;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 clients the data module stages files with, one per Redshift server, closed with the module. From the
 * server entry, else the configuration: {@code stagingEndpoint} (an S3-compatible endpoint; path-style then),
 * {@code region} (the staging's, else {@code us-east-1}) and {@code stagingCredentialsId} (the id of a secret:
 * user = access key id, password = secret key); without a credential the AWS default chain is used (environment,
 * profile, instance role). No key reaches a message or the SQL: Redshift reads the files with the server's
 * {@code iamRole}.
 */
final class StagingClients implements AutoCloseable {
    private final AdapterContext context;
    private final Map<String, S3Client> clients = new LinkedHashMap<>();

    StagingClients(AdapterContext context) {
        this.context = context;
    }

    synchronized S3Client forServer(Server server, RedshiftStaging staging) {
        return clients.computeIfAbsent(server.server(), k -> build(server, staging));
    }

    private S3Client build(Server server, RedshiftStaging staging) {
        var b = S3Client.builder()
                .region(Region.of(
                        staging.region() != null
                                ? staging.region()
                                : setting(server, "region").orElse("us-east-1")));
        setting(server, "stagingEndpoint")
                .ifPresent(e -> b.endpointOverride(URI.create(e)).forcePathStyle(true));
        b.credentialsProvider(credentials(server));
        return b.build();
    }

    private AwsCredentialsProvider credentials(Server server) {
        Optional<Secrets.Credential> found = setting(server, "stagingCredentialsId")
                .flatMap(id -> context.secrets().credential(id));
        if (found.isEmpty()) return DefaultCredentialsProvider.builder().build();
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(found.get().username(), found.get().secret()));
    }

    private Optional<String> setting(Server server, String key) {
        for (CustomProperty p : server.customProperties()) {
            if (key.equals(p.property()) && p.value() != null) return Optional.of(String.valueOf(p.value()));
        }
        return context.setting("mesh.redshift." + key);
    }

    @Override
    public synchronized void close() {
        clients.values().forEach(S3Client::close);
        clients.clear();
    }
}
