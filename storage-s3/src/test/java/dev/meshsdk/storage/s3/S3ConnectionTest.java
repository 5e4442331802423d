package dev.meshsdk.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshsdk.MeshException;
import dev.meshsdk.model.CustomProperty;
import dev.meshsdk.model.Server;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.Secrets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where credentials come from and how they reach S3A; no request is sent. */
class S3ConnectionTest {
    private static Server server(Map<String, Object> settings, List<CustomProperty> custom) {
        return new Server("team-s3", "s3", null, null, settings, custom, Map.of());
    }

    private static AdapterContext context(Map<String, String> config, Secrets secrets) {
        return new AdapterContext("dev", Path.of("."), config, secrets, null, null);
    }

    @Test
    void aSettingsXmlSecretUnderTheServersNameBecomesStaticCredentialsAndIsNeverDescribed() {
        Secrets secrets = id ->
                id.equals("team-s3") ? Optional.of(new Secrets.Credential("AKIDEXAMPLE", "s3cr3t")) : Optional.empty();
        try (S3Connection c = S3Connection.open(
                context(Map.of(), secrets),
                server(Map.of("endpointUrl", "http://127.0.0.1:9000", "region", "eu-west-1"), List.of()))) {
            assertThat(c.hadoopConf())
                    .containsEntry("fs.s3a.access.key", "AKIDEXAMPLE")
                    .containsEntry("fs.s3a.endpoint", "http://127.0.0.1:9000")
                    .containsEntry("fs.s3a.path.style.access", "true")
                    .containsEntry("fs.s3a.connection.ssl.enabled", "false")
                    .containsEntry("fs.s3a.endpoint.region", "eu-west-1");
            assertThat(c.describe()).contains("secret 'team-s3'").doesNotContain("s3cr3t");
        }
    }

    @Test
    void aNamedProfileOrTheDefaultChainIsUsedWithoutASecret() {
        try (S3Connection profile = S3Connection.open(
                        context(Map.of(), Secrets.none()),
                        server(
                                Map.of("region", "us-east-1"),
                                List.of(new CustomProperty("profile", "orders-team", null))));
                S3Connection chain = S3Connection.open(
                        context(Map.of(), Secrets.none()), server(Map.of("region", "us-east-1"), List.of()))) {
            assertThat(profile.hadoopConf())
                    .containsEntry("fs.s3a.auth.profile.name", "orders-team")
                    .doesNotContainKey("fs.s3a.access.key")
                    .containsEntry("fs.s3a.path.style.access", "false");
            assertThat(chain.describe()).contains("AWS default credential chain");
            assertThat(chain.hadoopConf().get("fs.s3a.aws.credentials.provider"))
                    .endsWith("DefaultCredentialsProvider");
        }
    }

    @Test
    void aBadEndpointIsADescriptorError() {
        assertThatThrownBy(() -> S3Connection.open(
                        context(Map.of(), Secrets.none()), server(Map.of("endpointUrl", "minio:9000"), List.of())))
                .isInstanceOf(MeshException.class)
                .hasMessageContaining("endpointUrl 'minio:9000' is not an http(s) URL");
    }
}
