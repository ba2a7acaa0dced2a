package dev.tollgate.function.validation;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.embedded.DynamoDbLocalTestResource;
import dev.tollgate.startup.InMemoryStartupEvents;
import dev.tollgate.startup.StartupEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests that cannot be served: each gets 400 problem+json naming the problem, and none of them
 * reaches DynamoDB (counted by an SDK interceptor) or leaves a startup event.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalTestResource.class)
class BadRequestsIntegrationTest {

    static final String KEY = "ZDMCP-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA";

    @Inject
    StartupEvents startups;

    static Stream<Arguments> badRequests() {
        return Stream.of(
                bad("empty body", "", "INVALID_REQUEST", "empty"),
                bad("whitespace only", "   ", "INVALID_REQUEST", "empty"),
                bad("not JSON", "licenseKey=x&product=y", "INVALID_REQUEST", "not valid JSON"),
                bad("truncated JSON", "{\"licenseKey\":\"" + KEY + "\"", "INVALID_REQUEST", "not valid JSON"),
                bad("array", "[]", "INVALID_REQUEST", "must be a JSON object"),
                bad("string", "\"hello\"", "INVALID_REQUEST", "must be a JSON object"),
                bad("number", "42", "INVALID_REQUEST", "must be a JSON object"),
                bad("null", "null", "INVALID_REQUEST", "must be a JSON object"),
                bad("empty object", "{}", "INVALID_REQUEST", "missing field"),
                bad("missing product", "{\"licenseKey\":\"" + KEY + "\"}", "INVALID_REQUEST", "missing field 'product'"),
                bad("missing key", "{\"product\":\"zendesk-mcp\"}", "INVALID_REQUEST", "missing field 'licenseKey'"),
                bad("unknown field", body(KEY, "zendesk-mcp", ",\"instanceId\":\"i-1\""), "INVALID_REQUEST", "unknown field 'instanceId'"),
                bad("misspelt field", "{\"licencekey\":\"" + KEY + "\",\"product\":\"zendesk-mcp\"}", "INVALID_REQUEST", "unknown field"),
                bad("null key", "{\"licenseKey\":null,\"product\":\"zendesk-mcp\"}", "INVALID_REQUEST", "must not be null"),
                bad("null product", "{\"licenseKey\":\"" + KEY + "\",\"product\":null}", "INVALID_REQUEST", "must not be null"),
                bad("numeric key", "{\"licenseKey\":12345,\"product\":\"zendesk-mcp\"}", "INVALID_REQUEST", "must be a string"),
                bad("boolean product", "{\"licenseKey\":\"" + KEY + "\",\"product\":true}", "INVALID_REQUEST", "must be a string"),
                bad("object key", "{\"licenseKey\":{\"k\":1},\"product\":\"zendesk-mcp\"}", "INVALID_REQUEST", "must be a string"),
                bad("array product", "{\"licenseKey\":\"" + KEY + "\",\"product\":[\"zendesk-mcp\"]}", "INVALID_REQUEST", "must be a string"),
                bad("duplicate field", "{\"licenseKey\":\"" + KEY + "\",\"licenseKey\":\"x\",\"product\":\"zendesk-mcp\"}", "INVALID_REQUEST", "twice"),
                bad("trailing content", body(KEY, "zendesk-mcp", "") + "{}", "INVALID_REQUEST", "after the JSON object"),
                bad("oversized body", body(KEY, "zendesk-mcp", ",\"pad\":\"" + "x".repeat(5000) + "\""), "INVALID_REQUEST", "at most 4096"),
                bad("empty product", body(KEY, "", ""), "INVALID_REQUEST", "'product'"),
                bad("upper-case product", body(KEY, "ZENDESK-MCP", ""), "INVALID_REQUEST", "'product'"),
                bad("product with spaces", body(KEY, "zendesk mcp", ""), "INVALID_REQUEST", "'product'"),
                bad("product too long", body(KEY, "p" + "x".repeat(60), ""), "INVALID_REQUEST", "'product'"),
                bad("empty key", body("", "zendesk-mcp", ""), "MALFORMED_KEY", "empty"),
                bad("short key", body("ZDMCP-1234", "zendesk-mcp", ""), "MALFORMED_KEY", "expected"),
                bad("long key", body(KEY + "-AAAA", "zendesk-mcp", ""), "MALFORMED_KEY", "expected"),
                bad("huge key", body("A".repeat(1000), "zendesk-mcp", ""), "MALFORMED_KEY", "longer than"),
                bad("bad characters", body("ZDMCP-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AA!A", "zendesk-mcp", ""), "MALFORMED_KEY", "outside Crockford"),
                bad("letter U", body("ZDMCP-UUUU-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA", "zendesk-mcp", ""), "MALFORMED_KEY", "outside Crockford"),
                bad("unknown prefix", body("ACME-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA", "zendesk-mcp", ""), "MALFORMED_KEY", "prefix"),
                bad("wrong check character", body("ZDMCP-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAC", "zendesk-mcp", ""), "MALFORMED_KEY", "check character"),
                bad("script in key", body("<script>alert(1)</script>", "zendesk-mcp", ""), "MALFORMED_KEY", "outside Crockford"),
                bad("newline in key", body("ZDMCP\\n-AAAA", "zendesk-mcp", ""), "MALFORMED_KEY", "outside Crockford"));
    }

    static String body(String key, String product, String extra) {
        return "{\"licenseKey\":\"" + key + "\",\"product\":\"" + product + "\"" + extra + "}";
    }

    static Arguments bad(String name, String body, String code, String detailPart) {
        return Arguments.of(name, body, code, detailPart);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void isRefusedWith400ProblemJsonAndTouchesNothing(String name, String body, String code, String detailPart) {
        int callsBefore = CountingDynamoDbInterceptor.CALLS.get();
        int eventsBefore = ((InMemoryStartupEvents) startups).recorded().size();

        HttpApiEvents.post("/v1/licenses/validate", body).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("code", equalTo(code))
                .body("detail", containsString(detailPart))
                .body("detail", not(containsString("Exception")))
                .body("detail", not(containsString("at dev.tollgate")));

        assertEquals(callsBefore, CountingDynamoDbInterceptor.CALLS.get(), "DynamoDB was called for: " + name);
        assertEquals(eventsBefore, ((InMemoryStartupEvents) startups).recorded().size(), "startup recorded for: " + name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongMethodsAndPaths")
    void wrongMethodsAndPathsAreProblemJsonToo(String method, String path, int status) {
        HttpApiEvents.send(method, path, "{}").then()
                .statusCode(status).contentType("application/problem+json").body("status", equalTo(status));
    }

    static Stream<Arguments> wrongMethodsAndPaths() {
        return Stream.of(
                Arguments.of("GET", "/v1/licenses/validate", 405),
                Arguments.of("PUT", "/v1/licenses/validate", 405),
                Arguments.of("DELETE", "/v1/licenses/validate", 405),
                Arguments.of("POST", "/v1/licenses/validat", 404),
                Arguments.of("POST", "/v1/licenses/validate/extra", 404));
    }
}
