package dev.meshsdk.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP transport against a lineage server started in the test that follows Marquez's documented API:
 * {@code POST /api/v1/lineage} with one OpenLineage event as its JSON body, answered {@code 201 Created}.
 * This server is a stand-in, NOT a real Marquez: it stores the bodies it receives and checks nothing itself;
 * the test checks that every body is a valid OpenLineage event against the vendored official schemas. What
 * is verified is the HTTP contract (method, path, content type, bearer token, status handling, timeouts)
 * and the events' content, not how Marquez ingests them.
 */
class HttpLineageTransportIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "s3cr3t-t0ken-value";
    private HttpServer server;
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();

    record Received(String method, String path, String contentType, String authorization, JsonNode body) {}

    /** Starts the stand-in; {@code status} is what POST /api/v1/lineage answers, {@code body} its body. */
    private String serve(int status, String body, Duration delay) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try {
                byte[] in = exchange.getRequestBody().readAllBytes();
                received.add(new Received(
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        in.length == 0 ? null : JSON.readTree(in)));
                if (!delay.isZero()) Thread.sleep(delay.toMillis());
                boolean lineage = exchange.getRequestMethod().equals("POST")
                        && exchange.getRequestURI().getPath().equals("/api/v1/lineage");
                byte[] out = (lineage ? body : "{\"code\":404,\"message\":\"HTTP 404 Not Found\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                if (status / 100 == 3)
                    exchange.getResponseHeaders().add("Location", "https://lineage.example.com/api/v1/lineage");
                exchange.sendResponseHeaders(lineage ? status : 404, out.length == 0 ? -1 : out.length);
                if (out.length > 0) exchange.getResponseBody().write(out);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    private static List<ObjectNode> events() {
        return MeshFixture.events(OpenLineageExport.create());
    }

    private static LineageEndpoint withToken(String url) {
        return LineageEndpoint.of(url)
                .bearerTokenFromEnvironment("OPENLINEAGE_API_KEY", Map.of("OPENLINEAGE_API_KEY", TOKEN)::get);
    }

    @Test
    void theServerReceivesEveryEventAsMarquezDocumentsIt() throws Exception {
        String url = serve(201, "", Duration.ZERO);
        List<ObjectNode> events = events();
        LineageTransport.http(withToken(url)).send(events);

        assertThat(received).hasSize(6);
        assertThat(received).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/api/v1/lineage");
            assertThat(r.contentType()).isEqualTo("application/json");
            assertThat(r.authorization()).isEqualTo("Bearer " + TOKEN);
            assertThat(OpenLineageExportTest.SCHEMAS.problems(r.body()))
                    .as(r.body().toPrettyString())
                    .isEmpty();
        });
        List<JsonNode> bodies = received.stream().map(Received::body).toList();
        assertThat(bodies)
                .extracting(b -> b.at("/job/name").asText())
                .containsExactly(
                        "orders",
                        "orders",
                        "daily-revenue",
                        "orders.orders.publish",
                        "daily-revenue.daily_revenue.publish",
                        "orders");
        assertThat(bodies).isEqualTo(events);
        JsonNode revenue = bodies.get(2);
        assertThat(OpenLineageExportTest.names(revenue.get("inputs")))
                .containsExactly("postgres://db.internal:5432 shop.sales.orders");
        assertThat(OpenLineageExportTest.names(revenue.get("outputs")))
                .containsExactly("s3://finance-data products/daily-revenue/daily_revenue");
        assertThat(OpenLineageExportTest.names(bodies.get(3).get("outputs")))
                .containsExactly("postgres://db.internal:5432 shop.sales.orders");
    }

    @Test
    void withoutATokenNoAuthorizationIsSent() throws Exception {
        String url = serve(200, "", Duration.ZERO);
        LineageTransport.http(LineageEndpoint.of(url + "/")).send(events().subList(0, 1));
        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.authorization()).isNull();
            assertThat(r.path()).isEqualTo("/api/v1/lineage");
        });
    }

    @Test
    void aServerErrorNamesTheUrlAndStatusButNotTheToken() throws Exception {
        // a server that echoes the request back must not make the message leak the token
        String url = serve(
                500,
                "{\"error\":\"database down\",\"request\":{\"authorization\":\"Bearer " + TOKEN + "\"}}",
                Duration.ZERO);
        assertThatThrownBy(() -> LineageTransport.http(withToken(url)).send(events()))
                .isInstanceOf(MeshException.class)
                .satisfies(e -> assertThat(((MeshException) e).code()).isEqualTo(ErrorCode.STORAGE_FAILURE))
                .hasMessageStartingWith("Cannot send OpenLineage event 1 of 6 (job mesh://prod/orders, run ")
                .hasMessageContaining(" to " + url + "/api/v1/lineage: the server answered HTTP 500: ")
                .hasMessageContaining("database down")
                .hasMessageContaining("check the lineage server's log")
                .hasMessageNotContaining(TOKEN);
        // it stopped at the first failure
        assertThat(received).hasSize(1);
    }

    @Test
    void aRefusedTokenIsTheUsersToFixAndNamesWhereItCameFrom() throws Exception {
        String url = serve(401, "{\"message\":\"invalid token\"}", Duration.ZERO);
        assertThatThrownBy(() -> LineageTransport.http(withToken(url)).send(events()))
                .isInstanceOf(MeshException.class)
                .satisfies(e -> assertThat(((MeshException) e).code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
                .hasMessageContaining(url + "/api/v1/lineage: the server answered HTTP 401")
                .hasMessageContaining("check the bearer token from environment variable OPENLINEAGE_API_KEY")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void aWrongEndpointPathIsTheUsersToFix() throws Exception {
        String url = serve(201, "", Duration.ZERO);
        assertThatThrownBy(() -> LineageTransport.http(LineageEndpoint.of(url).endpoint("api/v2/lineage"))
                        .send(events()))
                .isInstanceOf(MeshException.class)
                .satisfies(e -> assertThat(((MeshException) e).code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
                .hasMessageContaining(url + "/api/v2/lineage: the server answered HTTP 404")
                .hasMessageContaining("Marquez takes POST <url>/api/v1/lineage");
    }

    @Test
    void aRedirectIsNotFollowedButNamed() throws Exception {
        String url = serve(308, "", Duration.ZERO);
        assertThatThrownBy(() -> LineageTransport.http(withToken(url)).send(events()))
                .isInstanceOf(MeshException.class)
                .satisfies(e -> assertThat(((MeshException) e).code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
                .hasMessageContaining(url + "/api/v1/lineage: the server answered HTTP 308, a redirect to "
                        + "https://lineage.example.com/api/v1/lineage; give the lineage server's own URL");
        assertThat(received).hasSize(1);
    }

    @Test
    void aServerThatIsDownIsNamed() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        assertThatThrownBy(() -> LineageTransport.http(withToken(url).timeout(Duration.ofSeconds(2)))
                        .send(events()))
                .isInstanceOf(MeshException.class)
                .satisfies(e -> assertThat(((MeshException) e).code()).isEqualTo(ErrorCode.STORAGE_FAILURE))
                .hasMessageContaining(" to " + url + "/api/v1/lineage: the server cannot be reached (")
                .hasMessageContaining("check that it runs and that the URL is right")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void aServerThatDoesNotAnswerInTimeIsNamed() throws Exception {
        String url = serve(201, "", Duration.ofSeconds(3));
        assertThatThrownBy(() -> LineageTransport.http(withToken(url).timeout(Duration.ofMillis(300)))
                        .send(events()))
                .isInstanceOf(MeshException.class)
                .satisfies(e -> assertThat(((MeshException) e).code()).isEqualTo(ErrorCode.STORAGE_FAILURE))
                .hasMessageContaining(" to " + url + "/api/v1/lineage: no answer within 300 ms")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void theEndpointNeverShowsItsToken() {
        LineageEndpoint e = withToken("http://lineage.example.com:5000");
        assertThat(e.toString()).doesNotContain(TOKEN).contains("**** from environment variable OPENLINEAGE_API_KEY");
        assertThat(e.lineageUri().toString()).isEqualTo("http://lineage.example.com:5000/api/v1/lineage");
        assertThatThrownBy(() -> LineageEndpoint.of("http://lineage.example.com")
                        .bearerTokenFromEnvironment("OPENLINEAGE_API_KEY", name -> null))
                .isInstanceOf(MeshException.class)
                .hasMessageContaining("environment variable OPENLINEAGE_API_KEY is not set");
        assertThatThrownBy(() -> LineageEndpoint.of("lineage.example.com:5000"))
                .isInstanceOf(MeshException.class)
                .hasMessageContaining("is not an http(s) URL");
        assertThatThrownBy(() -> LineageEndpoint.of("http://user:" + TOKEN + "@lineage.example.com"))
                .isInstanceOf(MeshException.class)
                .hasMessageContaining("holds credentials")
                .hasMessageNotContaining(TOKEN);
        assertThat(LineageEndpoint.of("https://l.example.com/base")
                        .bearerToken("t")
                        .toString())
                .contains("**** from settings");
    }
}
