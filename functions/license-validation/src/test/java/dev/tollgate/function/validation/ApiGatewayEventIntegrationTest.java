package dev.tollgate.function.validation;

import dev.tollgate.license.Licenses;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.embedded.DynamoDbLocalTestResource;
import dev.tollgate.license.LicenseStatus;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The function fed an API Gateway HTTP API (payload 2.0) event in AWS's own shape, through the
 * Lambda runtime's mock event server: the path a real invocation takes.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalTestResource.class)
class ApiGatewayEventIntegrationTest {

    @Inject
    Licenses licenses;

    @Test
    void anApiGatewayV2EventGetsAnApiGatewayV2ResponseWithTheVerdict() throws Exception {
        String key = licenses.stored(LicenseStatus.ACTIVE, LocalDate.now().plusYears(1)).display();
        String event;
        try (InputStream in = getClass().getResourceAsStream("/events/validate-apigw-v2.json")) {
            event = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${licenseKey}", key);
        }
        String raw = given().body(event).post("/_lambda_").then().statusCode(200).extract().asString();

        JsonNode response = new ObjectMapper().readTree(raw);
        assertEquals(200, response.path("statusCode").asInt(), raw);
        JsonNode body = new ObjectMapper().readTree(response.path("body").asText());
        assertEquals("VALID", body.path("verdict").asText());
        assertTrue(body.path("lease").path("token").asText().split("\\.").length == 3);
        assertEquals("no-store", response.path("headers").path("Cache-Control").asText(
                response.path("multiValueHeaders").path("Cache-Control").path(0).asText()));
    }
}
