package dev.tollgate.function.tickets;

import static dev.tollgate.function.tickets.TicketFixtures.modelCall;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tollgate.credentials.ModelCredentials;
import dev.tollgate.embedded.DynamoDbLocalTestResource;
import dev.tollgate.ticket.TokenCounter;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** A ticket far longer than the model's context budget goes through parts and combination within budget and deadline. */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalTestResource.class)
@QuarkusTestResource(Upstreams.class)
class LongTicketIntegrationTest {

    @Inject
    TestTenants tenants;

    @ConfigProperty(name = "tollgate.tickets.context-budget-tokens")
    int budget;

    @Test
    void aTwoThousandCommentTicketIsSummarisedInPartsThenCombined() throws Exception {
        TestTenants.Setup t = tenants.tenant(ModelCredentials.Provider.OPENAI, false);
        long ticket = 77_001;
        LongTickets.stub(t.subdomain(), ticket, 2_000, 0);
        TicketFixtures.stubModel(t.model(), TicketFixtures.SUMMARY);

        long started = System.nanoTime();
        JsonPath answer = given().header("Authorization", "Bearer " + t.licenseKey())
                .post("/v1/tickets/" + ticket + "/summary").then().statusCode(200).extract().jsonPath();
        long wallMs = (System.nanoTime() - started) / 1_000_000;

        int parts = answer.getInt("parts");
        List<LoggedRequest> calls = TicketFixtures.modelCalls((t.model()));
        assertTrue(parts > 10, "2,000 comments in parts of at most " + budget + " tokens: " + parts);
        assertEquals(parts + 1, calls.size(), "one call per part, then the summary of their notes");
        assertEquals(calls.size(), answer.getInt("usage.modelCalls"));
        for (LoggedRequest call : calls) {
            JsonNode messages = TicketFixtures.JSON.readTree(call.getBodyAsString()).path("messages");
            int tokens = TokenCounter.count(messages.get(1).path("content").asText());
            assertTrue(tokens <= budget, "a call over the budget: " + tokens);
        }
        String last = TicketRoutesIntegrationTest.userPrompt(t.model());
        assertTrue(last.contains("The thread has 2000 comments") && last.contains("--- Notes " + parts + " of " + parts), last);
        assertTrue(answer.getLong("durationMs") < 25_000, "within the deadline");
        assertEquals(TicketFixtures.SUMMARY, answer.getString("result.summary"));
        System.out.printf("2,000-comment ticket: %d parts, %d model calls, %d ms wall (WireMock answering at once)%n",
                parts, calls.size(), wallMs);
    }
}
