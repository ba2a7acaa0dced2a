package dev.tollgate.function.validation;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.builder.ResponseBuilder;
import io.restassured.http.Header;
import io.restassured.http.Headers;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Requests as API Gateway hands them to the function: each becomes an HTTP API (payload 2.0) event,
 * invoked through Quarkus's mock Lambda event server, and the function's response event becomes a
 * RestAssured {@link Response}, so a test asserts on the status, headers and body a client would get.
 */
final class HttpApiEvents {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SOURCE_IP = "203.0.113.10";

    private HttpApiEvents() {
    }

    static Response post(String path, Object body) {
        try {
            return send("POST", path, body instanceof String text ? text : JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Response get(String path) {
        return send("GET", path, null);
    }

    static Response send(String method, String path, String body) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", method + " " + path);
        event.put("rawPath", path);
        event.put("rawQueryString", "");
        ObjectNode headers = event.putObject("headers");
        headers.put("accept", "application/json");
        if (body != null) {
            headers.put("content-type", "application/json");
        }
        // Another address than the source: a caller writes X-Forwarded-For, and the edge must not trust it.
        headers.put("x-forwarded-for", "192.0.2.99");
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "123456789012");
        context.put("apiId", "abc123def4");
        context.put("requestId", UUID.randomUUID().toString().substring(0, 16));
        context.put("routeKey", method + " " + path);
        context.put("stage", "$default");
        ObjectNode http = context.putObject("http");
        http.put("method", method);
        http.put("path", path);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", SOURCE_IP);
        http.put("userAgent", "zendesk-mcp/1.4.2");
        if (body != null) {
            event.put("body", body);
        }
        event.put("isBase64Encoded", false);
        return invoke(event.toString());
    }

    /** Invokes the function with a raw event and reads its HTTP API response event. */
    static Response invoke(String event) {
        // As bytes in UTF-8: RestAssured would send a bare string as ISO-8859-1.
        String raw = given().contentType("application/json").body(event.getBytes(StandardCharsets.UTF_8))
                .post("/_lambda_").then().statusCode(200).extract().asString();
        try {
            JsonNode answer = JSON.readTree(raw);
            List<Header> headers = new ArrayList<>();
            answer.path("headers").fields().forEachRemaining(h -> headers.add(new Header(h.getKey(), h.getValue().asText())));
            String contentType = answer.path("headers").path("Content-Type").asText("");
            return new ResponseBuilder().setStatusCode(answer.path("statusCode").asInt())
                    .setHeaders(new Headers(headers)).setContentType(contentType)
                    .setBody(answer.path("body").asText("")).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the function's answer is not an HTTP API response: " + raw, e);
        }
    }
}
