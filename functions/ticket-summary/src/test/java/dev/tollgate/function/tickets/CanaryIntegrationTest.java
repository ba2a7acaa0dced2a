package dev.tollgate.function.tickets;

import dev.tollgate.credentials.ModelCredentials;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.embedded.DynamoDbLocalTestResource;
import dev.tollgate.embedded.RawItems;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The privacy promise, proved: a ticket carrying a unique marker in its subject and comments goes
 * through every operation, a write-back, an idempotent retry and a failure; afterwards the marker is
 * in no item of any table and in no log line of the run.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalTestResource.class)
@QuarkusTestResource(Upstreams.class)
class CanaryIntegrationTest {

    @Inject
    TestTenants tenants;
    @Inject
    DynamoDbClient dynamo;

    @Test
    void theCanaryIsNowhereAfterwards() {
        String marker = "CANARY-" + UUID.randomUUID();
        try (CapturedLogs logs = CapturedLogs.install()) {
            for (ModelCredentials.Provider provider : ModelCredentials.Provider.values()) {
                TestTenants.Setup t = tenants.tenant(provider, provider == ModelCredentials.Provider.ANTHROPIC);
                long ticket = 88_000 + provider.ordinal();
                TicketFixtures.stubTicket(t.subdomain(), ticket, marker);
                for (String operation : List.of("summary", "reply-suggestion", "triage")) {
                    String answer = switch (operation) {
                        case "summary" -> "About " + marker + ": " + TicketFixtures.SUMMARY;
                        case "reply-suggestion" -> "{\"reply\": \"Re " + marker + "\", \"language\": \"en\", \"needsHuman\": true}";
                        default -> TicketFixtures.TRIAGE.replace("known_bug", marker.toLowerCase().substring(0, 20));
                    };
                    TicketFixtures.stubModel(t.model(), answer);
                    given().header("Authorization", "Bearer " + t.licenseKey()).header("Idempotency-Key", operation + ticket)
                            .contentType("application/json").body(Map.of("writeBack", true, "locale", "de"))
                            .post("/v1/tickets/" + ticket + "/" + operation).then().statusCode(200);
                    given().header("Authorization", "Bearer " + t.licenseKey()).header("Idempotency-Key", operation + ticket)
                            .post("/v1/tickets/" + ticket + "/" + operation).then().statusCode(409);
                }
                // A failure with the ticket in memory: the model's triage quotes the ticket and breaks the schema.
                TicketFixtures.stubModel(t.model(), "{\"intent\": \"" + marker + "\"}");
                given().header("Authorization", "Bearer " + t.licenseKey())
                        .post("/v1/tickets/" + ticket + "/triage").then().statusCode(502);
            }

            StringBuilder everything = new StringBuilder();
            int items = 0;
            for (String table : dynamo.listTablesPaginator().tableNames()) {
                for (Map<String, AttributeValue> item : dynamo.scanPaginator(r -> r.tableName(table)).items()) {
                    everything.append(table).append(": ").append(RawItems.dump(item)).append('\n');
                    items++;
                }
            }
            assertTrue(items > 20, "the tables were scanned: " + items + " items");
            assertTrue(everything.indexOf("tollgate-usage") >= 0 && everything.indexOf("tollgate-idempotency") >= 0);
            assertFalse(everything.toString().contains(marker), "the canary is stored:\n" + everything);
            assertFalse(everything.toString().toLowerCase().contains(marker.toLowerCase().substring(0, 20)));

            List<String> lines = logs.lines();
            assertTrue(lines.stream().anyMatch(l -> l.contains("ticket summary done")), "logs were captured: " + lines);
            assertTrue(lines.stream().anyMatch(l -> l.contains("reason=MODEL_OUTPUT_INVALID")));
            for (String line : lines) {
                assertFalse(line.contains(marker) || line.toLowerCase().contains(marker.toLowerCase().substring(0, 20)),
                        "the canary is in a log line: " + line);
            }
        }
    }
}
