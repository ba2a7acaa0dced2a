package dev.tollgate.function.tickets;

import static io.restassured.RestAssured.given;

import dev.tollgate.credentials.ModelCredentials;
import dev.tollgate.embedded.DynamoDbLocalTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What Tollgate adds beyond its upstreams: WireMock answers every Zendesk and model call after a fixed
 * delay, and the overhead is the wall time minus those delays (licence read, credentials opened,
 * marker written and completed, usage added, prompt built, JSON parsed). Printed, not asserted.
 * Then the wall time of a 2,000-comment ticket with the same delays. {@code mvn -Pbenchmark}.
 */
@Tag("benchmark")
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalTestResource.class)
@QuarkusTestResource(Upstreams.class)
class TicketOverheadBenchmark {

    static final int DELAY_MS = Integer.getInteger("benchmark.upstream-delay-ms", 50);
    static final int REQUESTS = Integer.getInteger("benchmark.requests", 200);

    @Inject
    TestTenants tenants;

    @Test
    void overheadBeyondUpstreamLatency() {
        TestTenants.Setup t = tenants.tenant(ModelCredentials.Provider.ANTHROPIC, false);
        long ticket = 99_001;
        TicketFixtures.stubTicket(t.subdomain(), ticket, "", DELAY_MS);
        Upstreams.wiremock().stubFor(TicketFixtures.modelCall(t.model()).willReturn(TicketFixtures.json(200,
                TicketFixtures.modelAnswer(t.model(), TicketFixtures.SUMMARY)).withFixedDelay(DELAY_MS)));
        int upstreamCalls = 4; // the ticket, two comment pages, the model
        for (int i = 0; i < 20; i++) {
            call(t, ticket, "warm-" + i);
        }
        List<Double> overhead = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            long started = System.nanoTime();
            call(t, ticket, "run-" + i);
            overhead.add((System.nanoTime() - started) / 1e6 - upstreamCalls * DELAY_MS);
        }
        Collections.sort(overhead);
        // For scale: the same route refused before any read (malformed key), i.e. the HTTP path through the
        // Lambda event server and the JSON problem alone, with no DynamoDB, KMS stand-in or upstream.
        List<Double> path = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            long started = System.nanoTime();
            given().header("Authorization", "Bearer ZDMCP-1234").post("/v1/tickets/" + ticket + "/summary").then()
                    .statusCode(400);
            path.add((System.nanoTime() - started) / 1e6);
        }
        Collections.sort(path);
        System.out.printf("of which the HTTP path alone (a malformed key, refused before any read): p50 %.1f ms, p99 %.1f ms%n",
                percentile(path, 50), percentile(path, 99));
        System.out.printf("Tollgate overhead beyond upstream latency (%d requests, %d upstream calls of %d ms each): "
                        + "p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", REQUESTS, upstreamCalls, DELAY_MS,
                percentile(overhead, 50), percentile(overhead, 99), overhead.get(overhead.size() - 1));

        TestTenants.Setup big = tenants.tenant(ModelCredentials.Provider.OPENAI, false);
        LongTickets.stub(big.subdomain(), 99_002, 2_000, DELAY_MS);
        Upstreams.wiremock().stubFor(TicketFixtures.modelCall(big.model()).willReturn(TicketFixtures.json(200,
                TicketFixtures.modelAnswer(big.model(), TicketFixtures.SUMMARY)).withFixedDelay(DELAY_MS * 20)));
        long started = System.nanoTime();
        int parts = given().header("Authorization", "Bearer " + big.licenseKey()).post("/v1/tickets/99002/summary")
                .then().statusCode(200).extract().path("parts");
        System.out.printf("2,000-comment ticket: %d parts, wall %d ms (21 Zendesk calls at %d ms, each model call %d ms)%n",
                parts, (System.nanoTime() - started) / 1_000_000, DELAY_MS, DELAY_MS * 20);
    }

    private static void call(TestTenants.Setup t, long ticket, String key) {
        given().header("Authorization", "Bearer " + t.licenseKey()).header("Idempotency-Key", key)
                .post("/v1/tickets/" + ticket + "/summary").then().statusCode(200);
    }

    static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
