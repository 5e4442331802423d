package dev.meshsdk.export;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * An OpenLineage HTTP endpoint: the server's base URL, the path events are posted to (default
 * {@code api/v1/lineage}, Marquez's), the timeout for connecting and for each answer (default 10 s), and an
 * optional bearer token. {@link #toString()} never shows the token, and no message of this module does.
 *
 * @param tokenSource where the token came from ({@code environment variable OPENLINEAGE_API_KEY}, {@code settings}),
 *                    named in errors instead of the token
 */
public record LineageEndpoint(URI url, String endpoint, Duration timeout, String bearerToken, String tokenSource) {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public LineageEndpoint {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new MeshException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "Cannot wait " + timeout + " for the lineage server; give a positive timeout");
        }
    }

    /**
     * The endpoint of a server, e.g. {@code http://localhost:5000} for Marquez.
     *
     * @throws MeshException {@code INVALID_CONFIGURATION} when {@code url} is not an http(s) URL
     */
    public static LineageEndpoint of(String url) {
        URI uri;
        try {
            uri = url == null ? null : new URI(url.trim());
        } catch (java.net.URISyntaxException e) {
            uri = null;
        }
        if (uri == null
                || uri.getHost() == null
                || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new MeshException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "Cannot send OpenLineage events to '" + url
                            + "': it is not an http(s) URL; give the lineage server's base URL, e.g. http://localhost:5000");
        }
        if (uri.getUserInfo() != null) {
            throw new MeshException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "Cannot send OpenLineage events to a URL that"
                            + " holds credentials (" + uri.getScheme() + "://****@" + uri.getHost()
                            + "); give the token as a"
                            + " bearer token instead");
        }
        return new LineageEndpoint(uri, "api/v1/lineage", DEFAULT_TIMEOUT, null, null);
    }

    /** This endpoint posting to {@code path} below the base URL instead of {@code api/v1/lineage}. */
    public LineageEndpoint endpoint(String path) {
        String p = path == null ? "" : path.trim();
        return new LineageEndpoint(url, p.startsWith("/") ? p.substring(1) : p, timeout, bearerToken, tokenSource);
    }

    /** This endpoint waiting at most {@code timeout} to connect and for each answer. */
    public LineageEndpoint timeout(Duration timeout) {
        return new LineageEndpoint(url, endpoint, timeout, bearerToken, tokenSource);
    }

    /** This endpoint sending {@code token} (from settings) as {@code Authorization: Bearer}. */
    public LineageEndpoint bearerToken(String token) {
        if (token == null || token.isBlank()) {
            throw new MeshException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "Cannot use a blank bearer token for the lineage" + " server at " + url
                            + "; leave the token out if the server needs none");
        }
        return new LineageEndpoint(url, endpoint, timeout, token.trim(), "settings");
    }

    /**
     * This endpoint sending the token held by an environment variable, conventionally
     * {@code OPENLINEAGE_API_KEY}.
     *
     * @throws MeshException {@code INVALID_CONFIGURATION} when the variable is not set
     */
    public LineageEndpoint bearerTokenFromEnvironment(String variable) {
        return bearerTokenFromEnvironment(variable, System::getenv);
    }

    /** As {@link #bearerTokenFromEnvironment(String)}, reading variables through {@code environment}. */
    LineageEndpoint bearerTokenFromEnvironment(String variable, UnaryOperator<String> environment) {
        String token = environment.apply(variable);
        if (token == null || token.isBlank()) {
            throw new MeshException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "Cannot read the bearer token for the lineage"
                            + " server at " + url + ": environment variable " + variable
                            + " is not set; set it, or leave"
                            + " the token out if the server needs none");
        }
        return new LineageEndpoint(url, endpoint, timeout, token.trim(), "environment variable " + variable);
    }

    /** The token, when one was given. */
    public Optional<String> token() {
        return Optional.ofNullable(bearerToken);
    }

    /** Where events are posted: the base URL and the endpoint path. */
    public URI lineageUri() {
        String base = url.toString().endsWith("/") ? url.toString() : url + "/";
        return URI.create(base + endpoint);
    }

    @Override
    public String toString() {
        return "LineageEndpoint[url=" + url + ", endpoint=" + endpoint + ", timeout=" + timeout + ", bearerToken="
                + (bearerToken == null ? "none" : "**** from " + tokenSource) + "]";
    }
}
