package dev.meshsdk.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.diag.Severity;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.Secrets;
import dev.meshsdk.spi.policy.PolicyDecision;
import dev.meshsdk.spi.policy.PolicyInput;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The OPA server client against an HTTP server started in the test that answers as OPA's documented
 * REST data API does ({@code POST /v1/data/<path>}, {@code {"result": ..., "decision_id": ...}}, an
 * absent result for an undefined document, OPA's error body, {@code GET /health}). This stand-in is
 * NOT a real OPA: no Rego is evaluated by it, so what is verified is the HTTP contract, retries,
 * timeouts, token handling and fail-closed behaviour, not OPA's own evaluation.
 */
class OpaServerPolicyEngineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;
    private final ConcurrentLinkedQueue<JsonNode> bodies = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> tokens = new ConcurrentLinkedQueue<>();

    private URI serve(Function<Integer, Reply> answer) throws IOException {
        AtomicInteger calls = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            tokens.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] in = exchange.getRequestBody().readAllBytes();
            if (in.length > 0) bodies.add(JSON.readTree(in));
            Reply reply = exchange.getRequestURI().getPath().equals("/health")
                    ? new Reply(200, "{}")
                    : answer.apply(calls.incrementAndGet());
            byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    record Reply(int status, String body) {}

    private OpaServerPolicyEngine engine(URI uri, boolean failOpen, String token) {
        return new OpaServerPolicyEngine(
                HttpClient.newHttpClient(),
                new OpaSettings(
                        uri, "mesh/governance", Duration.ofSeconds(2), 2, failOpen, Optional.ofNullable(token)));
    }

    private static PolicyInput input() {
        return new PolicyInput(Map.of("event", "deploy", "product", Map.of("id", "orders")));
    }

    @Test
    void postsTheInputAndReadsFindingsFromEveryPackage() throws Exception {
        URI uri = serve(n -> new Reply(200, """
                {"decision_id": "d-42", "result": {
                  "ownership": {"deny": ["product 'orders' has no owning team"], "warn": []},
                  "pii": {"violation": [{"msg": "email is personal", "details": {"column": "email"}}],
                          "warn": ["consider a retention"], "helper": true}}}"""));
        PolicyDecision decision = engine(uri, false, "s3cr3t").evaluate(input());
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.decisionId()).isEqualTo("d-42");
        assertThat(decision.findings())
                .extracting(f -> f.severity() + " " + f.rule() + " " + f.message())
                .containsExactlyInAnyOrder(
                        "ERROR mesh.governance.ownership.deny product 'orders' has no owning team",
                        "ERROR mesh.governance.pii.violation email is personal",
                        "WARNING mesh.governance.pii.warn consider a retention");
        assertThat(decision.findings())
                .filteredOn(f -> f.rule().endsWith("violation"))
                .singleElement()
                .satisfies(f -> assertThat(f.details()).containsEntry("column", "email"));
        assertThat(bodies.peek().path("input").path("product").path("id").asText())
                .isEqualTo("orders");
        assertThat(tokens).containsOnly("Bearer s3cr3t");
    }

    @Test
    void withheldAccessIsReadFromEveryPackage() throws Exception {
        URI uri = serve(n -> new Reply(200, """
                {"result": {"access": {"withhold_access": [
                    {"port": "orders", "principal": "analysts", "msg": "pii needs a purpose"},
                    {"principal": "interns", "msg": "no access to confidential products"}]},
                  "other": {"deny": []}}}"""));
        PolicyDecision decision = engine(uri, false, null).evaluate(input());
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.withheld())
                .containsExactly(
                        new dev.meshsdk.spi.policy.WithheldAccess("orders", "analysts", "pii needs a purpose"),
                        new dev.meshsdk.spi.policy.WithheldAccess(
                                "*", "interns", "no access to confidential products"));
    }

    @Test
    void allowedColumnDropsAreReadFromEveryPackage() throws Exception {
        URI uri = serve(n -> new Reply(200, """
                {"result": {"breaking": {"allow_column_drop": [
                    {"port": "orders", "table": "orders", "column": "coupon", "msg": "nobody read it in 90 days"},
                    {"port": "crm", "column": "fax"}]}}}"""));
        assertThat(engine(uri, false, null).evaluate(input()).allowedDrops())
                .containsExactly(
                        new dev.meshsdk.spi.policy.AllowedColumnDrop(
                                "orders", "orders", "coupon", "nobody read it in 90 days"),
                        new dev.meshsdk.spi.policy.AllowedColumnDrop("crm", null, "fax", "the policies allow it"));
    }

    @Test
    void aMalformedColumnDropItemBlocksWithAClearMessage() throws Exception {
        URI bad = serve(n -> new Reply(200, "{\"result\": {\"breaking\": {\"allow_column_drop\": [\"coupon\"]}}}"));
        assertThatThrownBy(() -> engine(bad, false, null).evaluate(input()))
                .isInstanceOf(MeshException.class)
                .hasMessageContaining("mesh.governance.breaking.allow_column_drop")
                .hasMessageContaining("must be objects {port, table, column, msg}");
    }

    @Test
    void aMalformedWithholdItemBlocksWithAClearMessage() throws Exception {
        URI uri = serve(n -> new Reply(200, "{\"result\": {\"access\": {\"withhold_access\": [\"analysts\"]}}}"));
        assertThatThrownBy(() -> engine(uri, false, null).evaluate(input()))
                .isInstanceOf(MeshException.class)
                .hasMessageContaining("mesh.governance.access.withhold_access")
                .hasMessageContaining("must be objects {port, principal, msg}");
    }

    @Test
    void anEmptyDecisionAllows() throws Exception {
        URI uri = serve(n -> new Reply(200, "{\"result\": {\"ownership\": {\"deny\": []}}}"));
        assertThat(engine(uri, false, null).evaluate(input()).allowed()).isTrue();
        assertThat(tokens).containsOnly("null");
    }

    @Test
    void anAbsentResultIsUndefinedNotAnAllow() throws Exception {
        URI uri = serve(n -> new Reply(200, "{}"));
        assertThatThrownBy(() -> engine(uri, false, null).evaluate(input()))
                .isInstanceOfSatisfying(
                        MeshException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
                .hasMessageContaining("defines nothing at data.mesh.governance");
    }

    @Test
    void opasErrorBodyBecomesAClearMessage() throws Exception {
        URI uri = serve(n -> new Reply(400, """
                {"code": "invalid_parameter", "message": "error(s) occurred while compiling module(s)",
                 "errors": [{"code": "rego_parse_error", "message": "unexpected eof token",
                             "location": {"file": "governance.rego", "row": 12, "col": 3}}]}"""));
        assertThatThrownBy(() -> engine(uri, false, null).evaluate(input()))
                .isInstanceOf(MeshException.class)
                .hasMessageContaining("HTTP 400 invalid_parameter: error(s) occurred while compiling module(s)")
                .hasMessageContaining("governance.rego:12: unexpected eof token");
    }

    @Test
    void retriesAServerErrorThenSucceeds() throws Exception {
        URI uri =
                serve(n -> n < 3 ? new Reply(503, "{\"code\": \"unavailable\"}") : new Reply(200, "{\"result\": {}}"));
        assertThat(engine(uri, false, null).evaluate(input()).allowed()).isTrue();
        assertThat(bodies).hasSize(3);
    }

    @Test
    void aServerStillUnavailableAfterRetriesIsUnavailableNotADenial() throws Exception {
        URI uri = serve(n -> new Reply(503, "{\"code\": \"unavailable\", \"message\": \"starting\"}"));
        assertThatThrownBy(() -> engine(uri, false, null).evaluate(input()))
                .isInstanceOfSatisfying(MeshException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.POLICY_UNAVAILABLE);
                    assertThat(e.code().userError()).isFalse();
                })
                .hasMessageContaining("HTTP 503 unavailable: starting");
    }

    @Test
    void aPolicyThatFailsOnTheServerBlocksAsADenial() throws Exception {
        URI uri = serve(n -> new Reply(500, """
                {"code": "internal_error", "message": "eval_conflict_error: complete rules must not produce multiple outputs"}"""));
        assertThatThrownBy(() -> engine(uri, false, null).evaluate(input()))
                .isInstanceOfSatisfying(
                        MeshException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.POLICY_DENIED))
                .hasMessageContaining("HTTP 500 internal_error");
    }

    @Test
    void anUnreachableServerBlocksUnlessFailOpenIsChosen() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + port);
        assertThatThrownBy(() -> engine(nowhere, false, "tok3n").evaluate(input()))
                .isInstanceOfSatisfying(MeshException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.POLICY_UNAVAILABLE);
                    assertThat(e.code().userError()).isFalse();
                })
                .hasMessageContaining("cannot be reached")
                .hasMessageContaining("mesh.policy.opa.failOpen=true")
                .hasMessageNotContaining("tok3n");
        PolicyDecision open = engine(nowhere, true, null).evaluate(input());
        assertThat(open.allowed()).isTrue();
        assertThat(open.findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains("policies were not evaluated");
        });
    }

    @Test
    void healthAndSettingsFromConfiguration() throws Exception {
        URI uri = serve(n -> new Reply(200, "{\"result\": {}}"));
        assertThat(engine(uri, false, null).healthy()).isTrue();
        AdapterContext context = new AdapterContext(
                "dev",
                Path.of("."),
                Map.of("mesh.policy.opa.url", uri.toString(), "mesh.policy.opa.path", "acme/rules"),
                id -> id.equals("opa") ? Optional.of(new Secrets.Credential("opa", "t0ken")) : Optional.empty(),
                null,
                null);
        OpaSettings settings = OpaSettings.from(context);
        assertThat(settings.dataUri()).isEqualTo(URI.create(uri + "/v1/data/acme/rules"));
        assertThat(settings.bearerToken()).contains("t0ken");
        assertThat(settings.toString()).doesNotContain("t0ken");
        assertThatThrownBy(() -> OpaSettings.from(new AdapterContext("dev", Path.of("."), Map.of(), null, null, null)))
                .hasMessageContaining("mesh.policy.opa.url is not set");
        assertThatThrownBy(() -> new OpaSettings(uri, "../x", Duration.ofSeconds(1), 0, false, Optional.empty()))
                .hasMessageContaining("Cannot use OPA path '../x'");
    }
}
