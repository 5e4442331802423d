package dev.meshsdk.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.diag.Severity;
import dev.meshsdk.spi.policy.AllowedColumnDrop;
import dev.meshsdk.spi.policy.PolicyDecision;
import dev.meshsdk.spi.policy.PolicyEngine;
import dev.meshsdk.spi.policy.PolicyFinding;
import dev.meshsdk.spi.policy.PolicyInput;
import dev.meshsdk.spi.policy.WithheldAccess;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluates governance on an OPA server through its data API: {@code POST /v1/data/<path>} with
 * {@code {"input": ...}}. The result at the path is a package (or a tree of packages) whose
 * {@code deny}, {@code violation} and {@code warn} rules hold messages or {@code {msg, details}} objects, and
 * whose {@code withhold_access} rules hold {@code {port, principal, msg}} objects naming access the contract's
 * roles grant but the policies withhold ({@code port} left out: every port), as with the embedded engine.
 * An absent {@code result} means nothing is defined at the path, which is an error, never an allow.
 * Evaluation has no side effects, so failed requests are retried. When the server cannot be reached
 * the deploy is blocked, unless {@code failOpen} was chosen, in which case the decision carries a
 * warning saying that policies were not evaluated.
 */
final class OpaServerPolicyEngine implements PolicyEngine {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WITHHOLD = "withhold_access";

    private final HttpClient http;
    private final OpaSettings settings;

    OpaServerPolicyEngine(HttpClient http, OpaSettings settings) {
        this.http = http;
        this.settings = settings;
    }

    @Override
    public PolicyDecision evaluate(PolicyInput input) {
        ObjectNode body = JSON.createObjectNode();
        body.set("input", JSON.valueToTree(input.document()));
        HttpResponse<String> response;
        try {
            response = send(HttpRequest.newBuilder(settings.dataUri())
                    .timeout(settings.timeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        } catch (Unreachable e) {
            if (!settings.failOpen()) {
                throw new MeshException(
                        ErrorCode.POLICY_UNAVAILABLE,
                        "Cannot evaluate policies: the OPA server at "
                                + settings.baseUri() + " cannot be reached (" + e.getMessage() + "); start it, fix "
                                + "mesh.policy.opa.url, or set mesh.policy.opa.failOpen=true to deploy without policies",
                        e.getCause());
            }
            return new PolicyDecision(
                    List.of(new PolicyFinding(
                            Severity.WARNING,
                            "opa",
                            "policies were not"
                                    + " evaluated: the OPA server at " + settings.baseUri() + " cannot be reached and"
                                    + " mesh.policy.opa.failOpen is true",
                            Map.of(),
                            null)),
                    null);
        }
        JsonNode reply = parse(response);
        if (response.statusCode() != 200) throw serverError(response.statusCode(), reply);
        if (!reply.has("result")) {
            throw new MeshException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "Cannot evaluate policies: the OPA server"
                            + " defines nothing at data." + settings.path().replace('/', '.') + " (its answer has no"
                            + " result); load the governance policies into OPA or fix mesh.policy.opa.path");
        }
        List<PolicyFinding> findings = new ArrayList<>();
        List<WithheldAccess> withheld = new ArrayList<>();
        List<AllowedColumnDrop> drops = new ArrayList<>();
        collect(reply.get("result"), settings.path().replace('/', '.'), findings, withheld, drops);
        return new PolicyDecision(
                findings,
                reply.path("decision_id").isTextual() ? reply.get("decision_id").asText() : null,
                withheld,
                drops);
    }

    /** Whether the server answers {@code GET /health} with 200. */
    boolean healthy() {
        try {
            return send(HttpRequest.newBuilder(settings.baseUri().resolve("/health"))
                                    .timeout(settings.timeout())
                                    .GET())
                            .statusCode()
                    == 200;
        } catch (Unreachable e) {
            return false;
        }
    }

    @Override
    public void close() {
        // java.net.http.HttpClient needs no closing on Java 17
    }

    /** Sends with retries on connection failures and 5xx answers; evaluation is side-effect free. */
    private HttpResponse<String> send(HttpRequest.Builder request) throws Unreachable {
        settings.bearerToken().ifPresent(t -> request.header("Authorization", "Bearer " + t));
        HttpRequest built = request.build();
        IOException last = null;
        for (int attempt = 0; attempt <= settings.retries(); attempt++) {
            if (attempt > 0) pause(attempt);
            try {
                HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() < 500 || attempt == settings.retries()) return response;
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unreachable("interrupted", e);
            }
        }
        throw new Unreachable(last == null ? "no answer" : describe(last), last);
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(50L << Math.min(attempt, 5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static JsonNode parse(HttpResponse<String> response) {
        try {
            return response.body() == null || response.body().isBlank()
                    ? JSON.createObjectNode()
                    : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new MeshException(
                    ErrorCode.INTERNAL,
                    "Cannot read the OPA server's answer (HTTP " + response.statusCode() + "): it is not JSON",
                    e);
        }
    }

    /** OPA's error body: {@code {"code": "...", "message": "...", "errors": [{"message", "location"}]}}. */
    private static MeshException serverError(int status, JsonNode reply) {
        StringBuilder b = new StringBuilder("Cannot evaluate policies: the OPA server answered HTTP ").append(status);
        if (reply.hasNonNull("code")) b.append(" ").append(reply.get("code").asText());
        if (reply.hasNonNull("message"))
            b.append(": ").append(reply.get("message").asText());
        for (JsonNode e : reply.path("errors")) {
            b.append(System.lineSeparator()).append("  ");
            JsonNode loc = e.path("location");
            if (loc.has("file"))
                b.append(loc.get("file").asText())
                        .append(':')
                        .append(loc.path("row").asInt())
                        .append(": ");
            b.append(e.path("message").asText());
        }
        return new MeshException(serverErrorCode(status), b.toString());
    }

    /**
     * A bad request or path is the configuration's fault; a gateway or an unavailable server (still so after the
     * retries) decided nothing; any other failure (OPA answers 500 when a policy fails to evaluate) blocks the
     * deploy as a denial does.
     */
    static ErrorCode serverErrorCode(int status) {
        if (status == 400 || status == 404) return ErrorCode.INVALID_CONFIGURATION;
        if (status == 502 || status == 503 || status == 504) return ErrorCode.POLICY_UNAVAILABLE;
        return ErrorCode.POLICY_DENIED;
    }

    /**
     * Gathers deny/violation/warn, withhold_access and allow_column_drop of the package at {@code result} and of every
     * package below it.
     */
    private static void collect(
            JsonNode result,
            String pkg,
            List<PolicyFinding> out,
            List<WithheldAccess> withheld,
            List<AllowedColumnDrop> drops) {
        if (!result.isObject()) return;
        result.fields().forEachRemaining(field -> {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if ((name.equals("deny") || name.equals("violation") || name.equals("warn")) && value.isArray()) {
                Severity severity = name.equals("warn") ? Severity.WARNING : Severity.ERROR;
                for (JsonNode item : value) out.add(finding(severity, pkg + "." + name, item));
            } else if (name.equals(WITHHOLD) && value.isArray()) {
                for (JsonNode item : value) withheld.add(withheld(pkg + "." + name, item));
            } else if (name.equals(AllowedDrops.RULE) && value.isArray()) {
                for (JsonNode item : value)
                    drops.add(AllowedDrops.of(pkg, "from the OPA server", JSON.convertValue(item, Object.class)));
            } else if (value.isObject()) {
                collect(value, pkg + "." + name, out, withheld, drops);
            }
        });
    }

    private static WithheldAccess withheld(String rule, JsonNode item) {
        if (item.isObject() && item.path("principal").isTextual()) {
            String port = item.path("port").isTextual() ? item.get("port").asText() : "*";
            String msg = item.path("msg").isTextual() ? item.get("msg").asText() : "";
            return new WithheldAccess(port, item.get("principal").asText(), msg);
        }
        throw new MeshException(
                ErrorCode.POLICY_DENIED,
                "Cannot read data." + rule + " from the OPA server: its"
                        + " items must be objects {port, principal, msg}, found " + item
                        + "; the deploy is blocked until the policy is fixed");
    }

    private static PolicyFinding finding(Severity severity, String rule, JsonNode item) {
        if (item.isTextual()) return new PolicyFinding(severity, rule, item.asText(), Map.of(), null);
        String msg = item.path("msg").isTextual() ? item.get("msg").asText() : item.toString();
        @SuppressWarnings("unchecked")
        Map<String, Object> details =
                item.has("details") ? JSON.convertValue(item.get("details"), Map.class) : Map.of();
        return new PolicyFinding(severity, rule, msg, details, null);
    }

    private static final class Unreachable extends Exception {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
