package dev.meshsdk.policy;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.Secrets;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach an OPA server, from configuration: {@code mesh.policy.opa.url} (required),
 * {@code .path} (default {@code mesh/governance}), {@code .timeoutMillis} (default 5000),
 * {@code .retries} (default 2), {@code .failOpen} (default false), and the bearer token from the
 * secret {@code mesh.policy.opa.credentialsId} (default {@code opa}). The token never appears in messages.
 */
record OpaSettings(
        URI baseUri, String path, Duration timeout, int retries, boolean failOpen, Optional<String> bearerToken) {
    OpaSettings {
        Objects.requireNonNull(baseUri, "baseUri");
        if (!path.matches("[A-Za-z0-9_]+(/[A-Za-z0-9_]+)*")) {
            throw new MeshException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "Cannot use OPA path '" + path
                            + "': write package names separated by '/', for example mesh/governance");
        }
    }

    @Override
    public String toString() {
        return "OpaSettings[baseUri=" + baseUri + ", path=" + path + ", timeout=" + timeout + ", retries=" + retries
                + ", failOpen=" + failOpen + ", bearerToken=" + (bearerToken.isPresent() ? "****" : "none") + "]";
    }

    URI dataUri() {
        String base = baseUri.toString().endsWith("/") ? baseUri.toString() : baseUri + "/";
        return URI.create(base + "v1/data/" + path);
    }

    static OpaSettings from(AdapterContext context) {
        String url = context.setting("mesh.policy.opa.url")
                .orElseThrow(() -> new MeshException(
                        ErrorCode.INVALID_CONFIGURATION,
                        "Cannot use the OPA server policy engine: mesh.policy.opa.url is"
                                + " not set; set it to the server's address, for example http://localhost:8181"));
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new MeshException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "Cannot use mesh.policy.opa.url '" + url + "': it is not a URL",
                    e);
        }
        String credentials = context.setting("mesh.policy.opa.credentialsId").orElse("opa");
        Optional<String> token = context.secrets().credential(credentials).map(Secrets.Credential::secret);
        return new OpaSettings(
                uri,
                context.setting("mesh.policy.opa.path").orElse("mesh/governance"),
                Duration.ofMillis(number(context, "mesh.policy.opa.timeoutMillis", 5000)),
                (int) number(context, "mesh.policy.opa.retries", 2),
                Boolean.parseBoolean(context.setting("mesh.policy.opa.failOpen").orElse("false")),
                token);
    }

    private static long number(AdapterContext context, String key, long fallback) {
        String v = context.setting(key).orElse(null);
        if (v == null) return fallback;
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new MeshException(
                    ErrorCode.INVALID_CONFIGURATION, "Cannot use " + key + " '" + v + "': it is not a whole number", e);
        }
    }
}
