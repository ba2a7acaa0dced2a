package dev.tollgate.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.http.core.Problem;
import dev.tollgate.http.core.ProblemAnswers;
import dev.tollgate.http.core.RequestLine;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.LogContext;
import org.junit.jupiter.api.Test;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The request log and the unexpected-failure line, read back from what the log handlers wrote
 * (target/http-common-test.log), with the edge running behind the Lambda HTTP handler as deployed.
 */
@QuarkusTest
class RequestLogIntegrationTest {

    static final Path LOG_FILE = Path.of("target/http-common-test.log");
    static final String BODY_KEY = "ZDMCP-7K3Q-9M2X-4P8R-1V5W-ABCD-EFGH-X2M9";
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRequestLeavesExactlyOneLineWithItsRouteTemplateStatusAndDuration() throws IOException {
        Response response = given().contentType("application/json").body("{\"message\":\"" + BODY_KEY + "\"}")
                .queryParam("trace", "agent@acme.example")
                .post("/test/echo/acme-7");
        response.then().statusCode(200).body("name", equalTo("acme-7"));
        String requestId = response.header(RequestLine.HEADER);
        assertNotNull(requestId, "the caller gets the request id");
        // Behind the Lambda handler without an API Gateway id: the Lambda invocation's id.
        UUID.fromString(requestId);

        JsonNode line = requestLine(requestId);
        assertEquals("POST", line.path("mdc").path("method").asText());
        assertEquals("/test/echo/{name}", line.path("mdc").path("route").asText());
        assertEquals("200", line.path("mdc").path("status").asText());
        assertTrue(line.path("mdc").path("durationMs").asText().matches("\\d+"), line.toString());
        assertEquals("INFO", line.path("level").asText());
        assertFalse(line.toString().contains("acme-7") || line.toString().contains("trace"),
                "neither the raw path nor the query: " + line);

        // Lines the request logs itself carry its id as well.
        assertTrue(linesOf(requestId).stream().anyMatch(l -> l.path("message").asText().equals("echo handled")),
                "the resource's own line carries the request id");
        assertNeverLogged(BODY_KEY, "7K3Q-9M2X", "agent@acme.example");
    }

    @Test
    void onLambdaTheApiGatewayRequestIdIsTheRequestId() throws IOException {
        String apiGatewayId = "Ck" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "=";
        String event;
        try (InputStream in = getClass().getResourceAsStream("/events/echo-apigw-v2.json")) {
            event = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${requestId}", apiGatewayId);
        }
        String raw = given().body(event).post("/_lambda_").then().statusCode(200).extract().asString();
        JsonNode answer = JSON.readTree(raw);
        assertEquals(200, answer.path("statusCode").asInt(), raw);
        String header = answer.path("headers").path(RequestLine.HEADER)
                .asText(answer.path("multiValueHeaders").path(RequestLine.HEADER).path(0).asText());
        assertEquals(apiGatewayId, header, raw);

        JsonNode line = requestLine(apiGatewayId);
        assertEquals("/test/echo/{name}", line.path("mdc").path("route").asText());
        assertEquals("200", line.path("mdc").path("status").asText());
        assertNeverLogged(BODY_KEY, "zd-oauth-example-token-1234", "agent@acme.example", "agent%40acme.example");
    }

    @Test
    void aRefusalIsOneLineWithItsStatusAndNoErrorLine() throws IOException {
        Response response = given().contentType("application/json").body("{}").post("/test/refuse");
        response.then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("code", equalTo("INVALID_REQUEST"))
                .body("errorId", equalTo(null));
        String requestId = response.header(RequestLine.HEADER);

        JsonNode line = requestLine(requestId);
        assertEquals("/test/refuse", line.path("mdc").path("route").asText());
        assertEquals("400", line.path("mdc").path("status").asText());
        assertEquals(1, linesOf(requestId).size(), "an answer, not a failure: nothing else is logged");
    }

    @Test
    void anUnexpectedFailureIsLoggedOnceWithTypeRedactedMessageAndStackUnderTheErrorId() throws IOException {
        Response response = given().get("/test/fail/t_7k3q9m2x4p8r1v5w");
        response.then().statusCode(500).contentType(Problem.MEDIA_TYPE).body("code", equalTo("INTERNAL_ERROR"));
        String requestId = response.header(RequestLine.HEADER);
        String errorId = response.jsonPath().getString("errorId");
        assertEquals(requestId, errorId, "the errorId is the request id");
        String detail = response.jsonPath().getString("detail");
        assertTrue(detail.contains(errorId), detail);
        assertFalse(detail.contains("changed nothing"), "it may have changed something before failing: " + detail);
        assertFalse(response.asString().contains("IllegalStateException") || response.asString().contains("cannot summarise"),
                "the caller learns nothing of the failure: " + response.asString());

        JsonNode line = requestLine(requestId);
        assertEquals("/test/fail/{tenantId}", line.path("mdc").path("route").asText());
        assertEquals("500", line.path("mdc").path("status").asText());

        List<JsonNode> errors = linesOf(requestId).stream()
                .filter(l -> l.path("loggerName").asText().equals(ProblemAnswers.class.getName())).toList();
        assertEquals(1, errors.size(), "one failure line: " + errors);
        assertEquals(2, linesOf(requestId).size(), "the request line and the failure line, nothing else");
        JsonNode error = errors.get(0);
        assertEquals("ERROR", error.path("level").asText());
        assertEquals(errorId, error.path("mdc").path("errorId").asText());
        assertEquals(IllegalStateException.class.getName(), error.path("mdc").path("errorType").asText());
        assertEquals("unexpected failure: java.lang.IllegalStateException: cannot summarise ticket for [REDACTED:email] "
                + "with key [REDACTED:licence-key] and Authorization: Bearer [REDACTED:bearer]", error.path("message").asText());
        String stack = error.path("stackTrace").asText();
        assertTrue(stack.contains("java.lang.IllegalStateException: cannot summarise ticket for [REDACTED:email]"), stack);
        assertTrue(stack.contains("Caused by: java.lang.IllegalArgumentException: upstream said Bearer [REDACTED:bearer]"), stack);
        assertTrue(stack.contains("at dev.tollgate.http.EchoTestResource.fail("), stack);
        assertNeverLogged(EchoTestResource.FAILURE_KEY, EchoTestResource.FAILURE_EMAIL, "zd-oauth-failure-token-5678");
    }

    @Test
    void answersFromJaxRsItselfAreLoggedOnceWithoutTheRawPath() throws IOException {
        assertAnsweredAndLogged(given().get("/test/nowhere/acme-7"), 404, "unmatched");
        assertAnsweredAndLogged(given().get("/test/echo/acme-7"), 405, null);
        assertAnsweredAndLogged(given().contentType("text/plain").body("hello").post("/test/echo/acme-7"), 415, null);
    }

    @Test
    void everyLineIsOneJsonObject() throws IOException {
        given().get("/test/fail/t_x").then().statusCode(500);
        List<String> lines = Files.readAllLines(LOG_FILE, StandardCharsets.UTF_8);
        assertFalse(lines.isEmpty());
        for (String line : lines) {
            assertTrue(JSON.readTree(line).isObject(), line);
        }
    }

    private static void assertAnsweredAndLogged(Response response, int status, String route) throws IOException {
        response.then().statusCode(status).contentType(Problem.MEDIA_TYPE);
        String requestId = response.header(RequestLine.HEADER);
        assertNotNull(requestId, "problem answers carry the request id too");
        JsonNode line = requestLine(requestId);
        assertEquals(Integer.toString(status), line.path("mdc").path("status").asText());
        String logged = line.path("mdc").path("route").asText();
        if (route != null) {
            assertEquals(route, logged);
        }
        assertFalse(logged.contains("acme-7"), "a template or 'unmatched', never the raw path: " + logged);
    }

    /** The request's one request-log line. */
    static JsonNode requestLine(String requestId) throws IOException {
        List<JsonNode> lines = linesOf(requestId).stream()
                .filter(l -> l.path("loggerName").asText().equals(RequestLine.CATEGORY)).toList();
        assertEquals(1, lines.size(), "exactly one request line for " + requestId + ": " + lines);
        assertEquals(requestId, lines.get(0).path("mdc").path("requestId").asText());
        return lines.get(0);
    }

    static List<JsonNode> linesOf(String requestId) throws IOException {
        flush(LogContext.getLogContext().getLogger("").getHandlers());
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(LOG_FILE, StandardCharsets.UTF_8)) {
            JsonNode json = JSON.readTree(line);
            if (requestId.equals(json.path("mdc").path("requestId").asText())) {
                lines.add(json);
            }
        }
        return lines;
    }

    static void assertNeverLogged(String... secrets) throws IOException {
        String all = Files.readString(LOG_FILE, StandardCharsets.UTF_8);
        for (String secret : secrets) {
            assertFalse(all.contains(secret), secret + " reached the log");
        }
    }

    private static void flush(Handler[] handlers) {
        for (Handler handler : handlers) {
            handler.flush();
            if (handler instanceof ExtHandler ext) {
                flush(ext.getHandlers());
            }
        }
    }
}
