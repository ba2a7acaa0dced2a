package dev.tollgate.local;

import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.embedded.DynamoDbLocalTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's ticket walk-through on the local runtime, against the stand-ins it ships. */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalTestResource.class)
@QuarkusTestResource(LocalStandIns.class)
class LocalTicketFlowIntegrationTest {

    @Test
    void aTicketIsSummarisedTriagedAndAnsweredWithTheTenantsOwnModel() {
        String tenant = LocalAdmin.tenant("Acme Support");
        String key = LocalAdmin.admin().body(Map.of("product", "zendesk-mcp", "expiresOn",
                        LocalDate.now().plusYears(1).toString()))
                .post("/v1/admin/tenants/" + tenant + "/licenses").then().statusCode(201).extract().path("licenseKey");
        LocalAdmin.admin().body(Map.of("subdomain", "acme", "authType", "oauth", "token", "zd-oauth-example-token-1234"))
                .put("/v1/admin/tenants/" + tenant + "/credentials/zendesk").then().statusCode(200);
        LocalAdmin.admin().body(Map.of("provider", "openai-compatible", "baseUrl", LocalStandIns.baseUrl() + "/v1",
                        "model", "llama-3.1-8b-instruct", "apiKey", "local-model-key-5678", "redact", true))
                .put("/v1/admin/tenants/" + tenant + "/credentials/model").then().statusCode(200)
                .body("redact", equalTo("true"));

        given().header("Authorization", "Bearer " + key).header("Idempotency-Key", "local-1")
                .contentType("application/json").body(Map.of("writeBack", true))
                .post("/v1/tickets/42/summary").then().statusCode(200)
                .body("result.summary", containsString("E-502")).body("model.provider", equalTo("openai-compatible"))
                .body("usage.inputTokens", equalTo(412)).body("writtenBack", equalTo(true)).body("redacted", equalTo(true));
        given().header("Authorization", "Bearer " + key).header("Idempotency-Key", "local-1")
                .post("/v1/tickets/42/summary").then().statusCode(409).body("code", equalTo("ALREADY_PROCESSED"));
        given().header("Authorization", "Bearer " + key).post("/v1/tickets/42/reply-suggestion").then().statusCode(200)
                .body("result.language", equalTo("es")).body("usage.estimated", equalTo(true));
        given().header("Authorization", "Bearer " + key).post("/v1/tickets/42/triage").then().statusCode(200)
                .body("result.sentiment.value", equalTo("negative"));
        given().header("Authorization", "Bearer " + key).post("/v1/tickets/43/triage").then().statusCode(404)
                .body("code", equalTo("TICKET_NOT_FOUND"));
        assertEquals(1, LocalStandIns.server.findAll(putRequestedFor(urlPathEqualTo("/zendesk/acme/api/v2/tickets/42.json")))
                .size(), "one private note");

        LocalAdmin.admin().get("/v1/admin/tenants/" + tenant + "/usage").then().statusCode(200)
                .body("usage[0].provider", equalTo("openai-compatible")).body("usage[0].requests", equalTo(3));
    }
}
