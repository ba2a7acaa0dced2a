package dev.tollgate.function.tickets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.credentials.ModelCredentials;
import dev.tollgate.embedded.DynamoDbLocalTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The function works to its deadline (here 2 s instead of 25): a model, a Zendesk or the parts of a long
 * ticket that would take longer end in 504 problem+json, soon after the deadline, never a hang; and the
 * Idempotency-Key of the request that ran out is free again.
 */
@QuarkusTest
@TestProfile(DeadlineIntegrationTest.ShortDeadline.class)
@QuarkusTestResource(DynamoDbLocalTestResource.class)
@QuarkusTestResource(Upstreams.class)
class DeadlineIntegrationTest {

    public static class ShortDeadline implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tollgate.tickets.deadline", "PT2S");
        }
    }

    @Inject
    TestTenants tenants;

    /** The first request of a fresh process loads classes and opens connections; the deadline is measured after it. */
    @org.junit.jupiter.api.BeforeEach
    void warmUp() {
        TestTenants.Setup t = tenants.tenant(ModelCredentials.Provider.OPENAI, false);
        TicketFixtures.stubTicket(t.subdomain(), 5000, "");
        TicketFixtures.stubModel(t.model(), TicketFixtures.SUMMARY);
        given().header("Authorization", "Bearer " + t.licenseKey()).post("/v1/tickets/5000/summary").then().statusCode(200);
    }

    @Test
    void aSlowModelEndsIn504AtTheDeadline() {
        TestTenants.Setup t = tenants.tenant(ModelCredentials.Provider.ANTHROPIC, false);
        TicketFixtures.stubTicket(t.subdomain(), 5001, "");
        Upstreams.wiremock().stubFor(TicketFixtures.modelCall(t.model()).willReturn(TicketFixtures.json(200,
                TicketFixtures.modelAnswer(t.model(), TicketFixtures.SUMMARY)).withFixedDelay(8_000)));
        timed(t, 5001, "slow-model");
        // The run that ran out freed its key: once the model is quick again the same key goes through.
        TicketFixtures.stubModel(t.model(), TicketFixtures.SUMMARY);
        given().header("Authorization", "Bearer " + t.licenseKey()).header("Idempotency-Key", "slow-model")
                .post("/v1/tickets/5001/summary").then().statusCode(200);
    }

    @Test
    void aSlowZendeskEndsIn504AtTheDeadline() {
        TestTenants.Setup t = tenants.tenant(ModelCredentials.Provider.OPENAI, false);
        TicketFixtures.stubTicket(t.subdomain(), 5002, "", 8_000);
        timed(t, 5002, "slow-zendesk");
    }

    @Test
    void slowPartsOfALongTicketEndIn504AtTheDeadline() {
        TestTenants.Setup t = tenants.tenant(ModelCredentials.Provider.OPENAI, false);
        LongTickets.stub(t.subdomain(), 5003, 600, 0);
        Upstreams.wiremock().stubFor(TicketFixtures.modelCall(t.model()).willReturn(TicketFixtures.json(200,
                TicketFixtures.modelAnswer(t.model(), TicketFixtures.SUMMARY)).withFixedDelay(1_500)));
        timed(t, 5003, "slow-parts");
    }

    private static void timed(TestTenants.Setup t, long ticket, String key) {
        long started = System.nanoTime();
        given().header("Authorization", "Bearer " + t.licenseKey()).header("Idempotency-Key", key)
                .post("/v1/tickets/" + ticket + "/summary").then().statusCode(504)
                .contentType("application/problem+json").body("code", equalTo("DEADLINE_EXCEEDED"));
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertTrue(ms >= 1_500 && ms < 5_000, "answered at the deadline, not before and not long after: " + ms + " ms");
    }
}
