package dev.tollgate.stack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the client of an HTTP API gets from a function's payload 2.0 response: the status, the
 * headers (names lower-cased here for lookups) and the body, base64-decoded when the function says so.
 */
record HttpApiResponse(int statusCode, Map<String, String> headers, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static HttpApiResponse parse(String functionResponse) {
        try {
            JsonNode response = JSON.readTree(functionResponse);
            if (!response.isObject() || !response.has("statusCode")) {
                // API Gateway's rule for 2.0: any other JSON is a 200 whose body is that JSON.
                return new HttpApiResponse(200, Map.of("content-type", "application/json"), functionResponse);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            response.path("headers").properties().forEach(e -> headers.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText()));
            String body = response.path("body").asText("");
            if (response.path("isBase64Encoded").asBoolean(false)) {
                body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            }
            return new HttpApiResponse(response.get("statusCode").asInt(), Map.copyOf(headers), body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a function response: " + functionResponse, e);
        }
    }

    JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("body is not JSON: " + body, e);
        }
    }
}
