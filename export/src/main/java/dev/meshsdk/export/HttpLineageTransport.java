package dev.meshsdk.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.List;

/**
 * Posts each event as one JSON body to the endpoint ({@code POST <url>/api/v1/lineage}, answered with
 * {@code 201 Created} by Marquez; any 2xx is taken as delivered). Re-sending is safe: run ids are stable,
 * so a server replaces the runs it already holds.
 */
final class HttpLineageTransport implements LineageTransport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BODY_EXCERPT = 300;
    private final LineageEndpoint endpoint;
    private final HttpClient http;

    HttpLineageTransport(LineageEndpoint endpoint, HttpClient http) {
        this.endpoint = endpoint;
        this.http = http;
    }

    @Override
    public void send(List<? extends JsonNode> events) {
        URI target = endpoint.lineageUri();
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            String which = "OpenLineage event " + (i + 1) + " of " + events.size() + " (job "
                    + event.path("job").path("namespace").asText() + "/"
                    + event.path("job").path("name").asText()
                    + ", run " + event.path("run").path("runId").asText() + ")";
            HttpRequest.Builder request = HttpRequest.newBuilder(target)
                    .timeout(endpoint.timeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body(event)));
            endpoint.token().ifPresent(t -> request.header("Authorization", "Bearer " + t));
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (HttpTimeoutException e) {
                throw new MeshException(
                        ErrorCode.STORAGE_FAILURE,
                        "Cannot send " + which + " to " + target
                                + ": no answer within " + endpoint.timeout().toMillis()
                                + " ms; check that the lineage server"
                                + " runs, or give it a longer timeout",
                        e);
            } catch (IOException e) {
                throw new MeshException(
                        ErrorCode.STORAGE_FAILURE,
                        "Cannot send " + which + " to " + target
                                + ": the server cannot be reached ("
                                + e.getClass().getSimpleName()
                                + (e.getMessage() == null ? "" : ": " + e.getMessage())
                                + "); check that it runs and that"
                                + " the URL is right",
                        e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MeshException(
                        ErrorCode.STORAGE_FAILURE, "Cannot send " + which + " to " + target + ": interrupted", e);
            }
            int status = response.statusCode();
            if (status >= 300 && status < 400) {
                throw new MeshException(
                        ErrorCode.INVALID_CONFIGURATION,
                        "Cannot send " + which + " to " + target
                                + ": the server answered HTTP " + status + ", a redirect to "
                                + response.headers().firstValue("Location").orElse("an address it does not name")
                                + "; give the lineage server's own URL (events are not re-posted to a redirect)");
            }
            if (status < 200 || status > 299) throw refused(which, target, status, response.body());
        }
    }

    private MeshException refused(String which, URI target, int status, String body) {
        String prefix =
                "Cannot send " + which + " to " + target + ": the server answered HTTP " + status + excerpt(body);
        if (status == 401 || status == 403) {
            return new MeshException(
                    ErrorCode.INVALID_CONFIGURATION,
                    prefix + "; "
                            + (endpoint.tokenSource() == null
                                    ? "it needs a bearer token: give one"
                                    : "check the bearer token from " + endpoint.tokenSource()));
        }
        if (status == 404 || status == 405) {
            return new MeshException(
                    ErrorCode.INVALID_CONFIGURATION,
                    prefix + "; check the URL and the endpoint" + " path (Marquez takes POST <url>/api/v1/lineage)");
        }
        if (status >= 400 && status < 500) {
            return new MeshException(
                    ErrorCode.INTERNAL,
                    prefix + "; the server rejected the event, which is a bug"
                            + " in the export: report it with the server's answer");
        }
        return new MeshException(
                ErrorCode.STORAGE_FAILURE,
                prefix + "; check the lineage server's log, then export"
                        + " again (runs already sent are replaced, not duplicated)");
    }

    /** The start of the server's answer, without the token should a server echo the request's headers. */
    private String excerpt(String body) {
        if (body == null || body.isBlank()) return "";
        String text = body.strip().replaceAll("\\s+", " ");
        if (endpoint.bearerToken() != null) text = text.replace(endpoint.bearerToken(), "****");
        return ": " + (text.length() > BODY_EXCERPT ? text.substring(0, BODY_EXCERPT) + "..." : text);
    }

    private static String body(JsonNode event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new MeshException(ErrorCode.INTERNAL, "Cannot write an OpenLineage event as JSON", e);
        }
    }
}
