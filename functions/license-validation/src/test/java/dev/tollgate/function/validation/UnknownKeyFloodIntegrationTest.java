package dev.tollgate.function.validation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.embedded.DynamoDbLocalTestResource;
import dev.tollgate.license.LicenseKeyFormat;
import dev.tollgate.license.LicenseStatus;
import dev.tollgate.license.Licenses;
import dev.tollgate.license.Product;
import dev.tollgate.license.UnknownKeyThrottle;
import dev.tollgate.startup.InMemoryStartupEvents;
import dev.tollgate.startup.StartupEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * A random-key flood through the path a Lambda invocation takes (API Gateway v2 events, each with
 * its {@code requestContext.http.sourceIp}): one address gets its burst of NOT_FOUND answers and then
 * 429 problem+json with Retry-After and RateLimit-*, its refused keys leave no startup event, and a
 * real key from the same address, and unknown keys from another, are answered as before.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalTestResource.class)
class UnknownKeyFloodIntegrationTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final int BURST = 10; // tollgate.unknown-keys.burst's default

    @Inject
    Licenses licenses;
    @Inject
    LicenseKeyFormat format;
    @Inject
    StartupEvents startups;
    @Inject
    UnknownKeyThrottle throttle;

    @Test
    void aFloodFromOneAddressIsCutOffAfterItsBurstAndLeavesNoMoreStartups() throws Exception {
        String flooder = "198.51.100.23";
        int before = recorded();
        for (int i = 0; i < BURST; i++) {
            JsonNode answer = send(flooder, randomKey());
            assertEquals(200, answer.path("statusCode").asInt(), answer.toString());
            assertEquals("NOT_FOUND", body(answer).path("verdict").asText());
            assertEquals(String.valueOf(BURST), header(answer, "RateLimit-Limit"));
            assertEquals(String.valueOf(BURST - 1 - i), header(answer, "RateLimit-Remaining"));
        }
        for (int i = 0; i < 3 * BURST; i++) {
            JsonNode refused = send(flooder, randomKey());
            assertEquals(429, refused.path("statusCode").asInt(), refused.toString());
            assertEquals("application/problem+json", header(refused, "Content-Type"));
            JsonNode problem = body(refused);
            assertEquals(429, problem.path("status").asInt());
            assertEquals("TOO_MANY_UNKNOWN_KEYS", problem.path("code").asText());
            assertTrue(Long.parseLong(header(refused, "Retry-After")) >= 1);
            assertEquals("0", header(refused, "RateLimit-Remaining"));
            assertTrue(Long.parseLong(header(refused, "RateLimit-Reset")) >= Long.parseLong(header(refused, "Retry-After")));
            assertFalse(refused.toString().contains("Exception"));
        }
        assertEquals(before + BURST, recorded(), "only the keys answered NOT_FOUND were handed to the trail");

        String real = licenses.stored(LicenseStatus.ACTIVE, LocalDate.now().plusYears(1)).display();
        JsonNode valid = send(flooder, real);
        assertEquals(200, valid.path("statusCode").asInt(), valid.toString());
        assertEquals("VALID", body(valid).path("verdict").asText());
        assertEquals("", header(valid, "RateLimit-Limit"), "no limit applies to a known key");

        JsonNode other = send("203.0.113.99", randomKey());
        assertEquals("NOT_FOUND", body(other).path("verdict").asText());
        assertTrue(throttle.refused() >= 3 * BURST);
    }

    private int recorded() {
        return ((InMemoryStartupEvents) startups).recorded().size();
    }

    private String randomKey() {
        return format.generate(new Product("zendesk-mcp")).display();
    }

    static JsonNode send(String sourceIp, String key) throws Exception {
        String event;
        try (InputStream in = UnknownKeyFloodIntegrationTest.class.getResourceAsStream("/events/validate-apigw-v2.json")) {
            event = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    // Only API Gateway's sourceIp: the X-Forwarded-For a caller writes stays the same for every request.
                    .replace("${licenseKey}", key).replace("\"sourceIp\": \"203.0.113.10\"", "\"sourceIp\": \"" + sourceIp + "\"");
        }
        return JSON.readTree(given().body(event).post("/_lambda_").then().statusCode(200).extract().asString());
    }

    static JsonNode body(JsonNode response) throws Exception {
        return JSON.readTree(response.path("body").asText());
    }

    static String header(JsonNode response, String name) {
        for (var field : (Iterable<java.util.Map.Entry<String, JsonNode>>) response.path("headers")::fields) {
            if (field.getKey().equalsIgnoreCase(name)) {
                return field.getValue().asText();
            }
        }
        for (var field : (Iterable<java.util.Map.Entry<String, JsonNode>>) response.path("multiValueHeaders")::fields) {
            if (field.getKey().equalsIgnoreCase(name)) {
                return field.getValue().path(0).asText();
            }
        }
        return "";
    }
}
