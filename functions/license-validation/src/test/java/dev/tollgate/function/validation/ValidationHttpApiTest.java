package dev.tollgate.function.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.http.core.ProblemAnswers;
import dev.tollgate.http.core.RequestLine;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Lambda edge itself, with its two routes stubbed: what it makes of API Gateway's event (path,
 * method, body, source address, ids) and what it answers and logs for it. The routes are tested
 * through this edge on DynamoDB Local by the integration tests, and the packaged function by the
 * stack tests.
 */
class ValidationHttpApiTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String KEY = "ZDMCP-7K3Q-9M2X-4P8R-1V5W-2D6F-8H3J-5N7T";
    static final String API_GATEWAY_ID = "Ck2bHhK6joEEMyQ=";

    /** The validate route as a stub: records what it was handed, answers what it is told. */
    static final class StubRoute extends ValidateLicenseRoute {
        byte[] body;
        String source;
        Throwable failure;

        StubRoute() {
            super(null, null);
        }

        @Override
        public RouteAnswer answer(byte[] body, String sourceAddress) {
            this.body = body;
            this.source = sourceAddress;
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            return new RouteAnswer(200, Map.of("Cache-Control", "no-store"), Map.of("verdict", "NOT_FOUND"));
        }
    }

    final StubRoute route = new StubRoute();
    final List<String> answered = new ArrayList<>();
    final ValidationHttpApi edge = new ValidationHttpApi(route, new JwksRoute(null) {
        @Override
        public RouteAnswer answer() {
            return new RouteAnswer(200, Map.of(), Map.of("keys", List.of()));
        }
    }, JSON, List.of(), answered::add);
    final List<LogRecord> lines = new ArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger(RequestLine.CATEGORY).addHandler(capture);
        Logger.getLogger(ProblemAnswers.class.getName()).addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger(RequestLine.CATEGORY).removeHandler(capture);
        Logger.getLogger(ProblemAnswers.class.getName()).removeHandler(capture);
    }

    static APIGatewayV2HTTPEvent event(String method, String path, String requestId, String body, boolean base64) {
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(method);
        http.setPath(path);
        http.setSourceIp("203.0.113.10");
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setRequestId(requestId);
        context.setHttp(http);
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRawPath(path);
        event.setRequestContext(context);
        event.setBody(body);
        event.setIsBase64Encoded(base64);
        return event;
    }

    static Context invocation(String awsRequestId) {
        return (Context) Proxy.newProxyInstance(ValidationHttpApiTest.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> method.getName().equals("getAwsRequestId") ? awsRequestId : null);
    }

    static String mdc(LogRecord record, String field) {
        return ((ExtLogRecord) record).getMdc(field);
    }

    @Test
    void aValidationIsHandedItsBodyAndSourceAndLeavesOneLineUnderApiGatewaysId() throws Exception {
        String body = "{\"licenseKey\":\"" + KEY + "\",\"product\":\"zendesk-mcp\"}";
        APIGatewayV2HTTPResponse response = edge.handleRequest(
                event("POST", ValidateLicenseRoute.PATH, API_GATEWAY_ID, body, false), invocation("5f3c0a1e-0d9b-4c1e-9a47-0c4f6b1d2e3a"));

        assertEquals(200, response.getStatusCode());
        assertEquals("NOT_FOUND", JSON.readTree(response.getBody()).path("verdict").asText());
        assertEquals("application/json", response.getHeaders().get("Content-Type"));
        assertEquals("no-store", response.getHeaders().get("Cache-Control"));
        assertEquals(API_GATEWAY_ID, response.getHeaders().get(RequestLine.HEADER));
        assertEquals(body, new String(route.body, StandardCharsets.UTF_8));
        assertEquals("203.0.113.10", route.source);

        assertEquals(1, lines.size(), "one line per request");
        LogRecord line = lines.get(0);
        assertEquals(RequestLine.CATEGORY, line.getLoggerName());
        assertEquals(API_GATEWAY_ID, mdc(line, "requestId"));
        assertEquals("POST", mdc(line, "method"));
        assertEquals(ValidateLicenseRoute.PATH, mdc(line, "route"));
        assertEquals("200", mdc(line, "status"));
        assertTrue(Long.parseLong(mdc(line, "durationMs")) >= 0);
        assertFalse(line.getMessage().contains(KEY) || line.getMessage().contains("zendesk-mcp"), line.getMessage());
    }

    @Test
    void withoutApiGatewaysIdTheInvocationsIdIsTheRequestId() {
        APIGatewayV2HTTPResponse response = edge.handleRequest(
                event("GET", JwksRoute.PATH, null, null, false), invocation("5f3c0a1e-0d9b-4c1e-9a47-0c4f6b1d2e3a"));
        assertEquals(200, response.getStatusCode());
        assertEquals("5f3c0a1e-0d9b-4c1e-9a47-0c4f6b1d2e3a", response.getHeaders().get(RequestLine.HEADER));
        assertEquals(JwksRoute.PATH, mdc(lines.get(0), "route"));
    }

    @Test
    void aBase64BodyIsDecodedAndABrokenOneIsA400ThatReachesNoRoute() throws Exception {
        String body = "{\"licenseKey\":\"" + KEY + "\",\"product\":\"zendesk-mcp\"}";
        edge.handleRequest(event("POST", ValidateLicenseRoute.PATH, API_GATEWAY_ID,
                Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)), true), invocation(null));
        assertEquals(body, new String(route.body, StandardCharsets.UTF_8));

        route.body = null;
        APIGatewayV2HTTPResponse broken = edge.handleRequest(
                event("POST", ValidateLicenseRoute.PATH, API_GATEWAY_ID, "not*base64!", true), invocation(null));
        assertEquals(400, broken.getStatusCode());
        assertEquals("application/problem+json", broken.getHeaders().get("Content-Type"));
        assertEquals("INVALID_REQUEST", JSON.readTree(broken.getBody()).path("code").asText());
        assertNull(route.body, "the route was not called");
    }

    @Test
    void unknownPathsAndMethodsAreProblemsAndLoggedAsSuch() throws Exception {
        APIGatewayV2HTTPResponse unknown = edge.handleRequest(event("POST", "/v1/licenses/other", API_GATEWAY_ID, "{}", false), invocation(null));
        assertEquals(404, unknown.getStatusCode());
        assertEquals("NOT_FOUND", JSON.readTree(unknown.getBody()).path("code").asText());
        assertEquals(RequestLine.UNMATCHED, mdc(lines.get(0), "route"), "a raw path is never logged");

        APIGatewayV2HTTPResponse wrongMethod = edge.handleRequest(event("GET", ValidateLicenseRoute.PATH, API_GATEWAY_ID, null, false), invocation(null));
        assertEquals(405, wrongMethod.getStatusCode());
        assertEquals("METHOD_NOT_ALLOWED", JSON.readTree(wrongMethod.getBody()).path("code").asText());
        assertEquals("application/problem+json", wrongMethod.getHeaders().get("Content-Type"));
        assertNull(route.body, "the route was not called");
        assertEquals(ValidateLicenseRoute.PATH, mdc(lines.get(1), "route"));
        assertEquals("405", mdc(lines.get(1), "status"));
    }

    @Test
    void anAcceptHeaderThatRulesOutJsonIs406AndJsonOrAnythingIsServed() {
        APIGatewayV2HTTPEvent html = event("GET", JwksRoute.PATH, API_GATEWAY_ID, null, false);
        html.setHeaders(Map.of("accept", "text/html"));
        assertEquals(406, edge.handleRequest(html, invocation(null)).getStatusCode());
        for (String accept : List.of("application/json", "text/html, application/json;q=0.9", "*/*", "application/*")) {
            APIGatewayV2HTTPEvent ok = event("GET", JwksRoute.PATH, API_GATEWAY_ID, null, false);
            ok.setHeaders(Map.of("accept", accept));
            assertEquals(200, edge.handleRequest(ok, invocation(null)).getStatusCode(), accept);
        }
    }

    @Test
    void theRouteApiGatewayMatchedWinsOverAPathAStageOrDomainPrefixed() {
        APIGatewayV2HTTPEvent staged = event("GET", "/prod" + JwksRoute.PATH, API_GATEWAY_ID, null, false);
        staged.setRouteKey("GET " + JwksRoute.PATH);
        assertEquals(200, edge.handleRequest(staged, invocation(null)).getStatusCode());
        assertEquals(JwksRoute.PATH, mdc(lines.get(0), "route"));
    }

    @Test
    void everyInvocationIsMarkedAnsweredOnceWhateverTheAnswer() {
        String id = "5f3c0a1e-0d9b-4c1e-9a47-0c4f6b1d2e3a";
        edge.handleRequest(event("POST", ValidateLicenseRoute.PATH, API_GATEWAY_ID, "{}", false), invocation(id));
        edge.handleRequest(event("POST", "/nowhere", API_GATEWAY_ID, "{}", false), invocation(id));
        route.failure = new IllegalStateException("boom");
        edge.handleRequest(event("POST", ValidateLicenseRoute.PATH, API_GATEWAY_ID, "{}", false), invocation(id));
        route.failure = new StackOverflowError();
        edge.handleRequest(event("POST", ValidateLicenseRoute.PATH, API_GATEWAY_ID, "{}", false), invocation(id));
        assertEquals(List.of(id, id, id, id), answered);
    }

    @Test
    void anErrorOrAnEventWithNothingInItIsStillAnAnswerNeverAThrow() throws Exception {
        route.failure = new StackOverflowError();
        APIGatewayV2HTTPResponse error = edge.handleRequest(
                event("POST", ValidateLicenseRoute.PATH, API_GATEWAY_ID, "{}", false), invocation(null));
        assertEquals(500, error.getStatusCode());
        assertEquals(API_GATEWAY_ID, JSON.readTree(error.getBody()).path("errorId").asText());

        APIGatewayV2HTTPResponse empty = edge.handleRequest(null, null);
        assertEquals(404, empty.getStatusCode());
        assertEquals(JSON.readTree(empty.getBody()).path("status").asInt(), 404);
    }

    @Test
    void anUnexpectedFailureIsA500WhoseErrorIdIsTheRequestIdLoggedOnceRedacted() throws Exception {
        route.failure = new IllegalStateException("could not read licence " + KEY);
        APIGatewayV2HTTPResponse response = edge.handleRequest(
                event("POST", ValidateLicenseRoute.PATH, API_GATEWAY_ID, "{}", false), invocation(null));

        assertEquals(500, response.getStatusCode());
        JsonNode problem = JSON.readTree(response.getBody());
        assertEquals("INTERNAL_ERROR", problem.path("code").asText());
        assertEquals(API_GATEWAY_ID, problem.path("errorId").asText());
        assertFalse(response.getBody().contains(KEY) || response.getBody().contains("IllegalStateException"), response.getBody());

        List<LogRecord> errors = lines.stream().filter(l -> l.getLoggerName().equals(ProblemAnswers.class.getName())).toList();
        assertEquals(1, errors.size(), "one failure line");
        assertEquals(API_GATEWAY_ID, mdc(errors.get(0), "errorId"));
        assertFalse(errors.get(0).getMessage().contains(KEY), errors.get(0).getMessage());
        assertEquals("500", mdc(lines.get(lines.size() - 1), "status"), "the request line comes last, with the status");
    }
}
