package dev.tollgate.function.tickets;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.tollgate.function.tickets.TicketFixtures.json;
import static dev.tollgate.function.tickets.TicketFixtures.modelCall;
import static dev.tollgate.function.tickets.TicketFixtures.stubModel;
import static dev.tollgate.function.tickets.TicketFixtures.stubTicket;
import static dev.tollgate.function.tickets.TicketFixtures.zendeskPath;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tollgate.credentials.ModelCredentials;
import dev.tollgate.embedded.DynamoDbLocalTestResource;
import dev.tollgate.license.LicenseStatus;
import dev.tollgate.ticket.DedupMarkers;
import dev.tollgate.usage.UsageLedger;
import dev.tollgate.usage.UsageRecord;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The three routes over HTTP (the Lambda runtime's event server) on DynamoDB Local, with WireMock
 * answering as Zendesk, Anthropic, OpenAI and an OpenAI-compatible server in their published shapes.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalTestResource.class)
@QuarkusTestResource(Upstreams.class)
class TicketRoutesIntegrationTest {

    static final AtomicLong TICKETS = new AtomicLong(40_000);

    @Inject
    TestTenants tenants;
    @Inject
    UsageLedger usage;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    DedupMarkers markers;

    static ValidatableResponse post(String licenseKey, long ticketId, String operation, Object body) {
        var request = given().header("Authorization", "Bearer " + licenseKey).contentType("application/json");
        if (body != null) {
            request = request.body(body);
        }
        return request.post("/v1/tickets/" + ticketId + "/" + operation).then();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "ANTHROPIC, summary", "ANTHROPIC, reply-suggestion", "ANTHROPIC, triage",
            "OPENAI, summary", "OPENAI, reply-suggestion", "OPENAI, triage",
            "OPENAI_COMPATIBLE, summary", "OPENAI_COMPATIBLE, reply-suggestion", "OPENAI_COMPATIBLE, triage"})
    void eachProviderAnswersEachOperation(ModelCredentials.Provider provider, String operation) {
        TestTenants.Setup t = tenants.tenant(provider, false);
        long ticket = TICKETS.incrementAndGet();
        stubTicket(t.subdomain(), ticket, "");
        stubModel(t.model(), switch (operation) {
            case "summary" -> TicketFixtures.SUMMARY;
            case "reply-suggestion" -> TicketFixtures.REPLY;
            default -> TicketFixtures.TRIAGE;
        });

        JsonPath answer = post(t.licenseKey(), ticket, operation, Map.of("locale", "en-GB")).statusCode(200)
                .header("Cache-Control", "no-store").extract().jsonPath();

        assertEquals(operation, answer.getString("operation"));
        assertEquals(ticket, answer.getLong("ticketId"));
        assertEquals(provider.wire(), answer.getString("model.provider"));
        assertEquals(t.model().model(), answer.getString("model.name"));
        assertEquals(1, answer.getInt("parts"));
        assertEquals(1, answer.getInt("usage.modelCalls"));
        switch (operation) {
            case "summary" -> assertEquals(TicketFixtures.SUMMARY, answer.getString("result.summary"));
            case "reply-suggestion" -> {
                assertTrue(answer.getString("result.reply").startsWith("Hola Maria"));
                assertEquals("es", answer.getString("result.language"));
                assertFalse(answer.getBoolean("result.needsHuman"));
            }
            default -> {
                assertEquals("bug_report", answer.getString("result.intent.value"));
                assertEquals("negative", answer.getString("result.sentiment.value"));
                assertEquals(0.97, answer.getDouble("result.language.confidence"), 1e-9);
                assertEquals("high", answer.getString("result.suggestedPriority"));
                assertEquals(List.of("billing", "export", "known_bug"), answer.getList("result.suggestedTags"));
            }
        }
        switch (provider) {
            case ANTHROPIC -> {
                assertEquals(2095, answer.getLong("usage.inputTokens"));
                assertEquals(503, answer.getLong("usage.outputTokens"));
                // 2095 * $3 + 503 * $15 per million tokens
                assertEquals(0.013830, answer.getDouble("estimatedCostUsd"), 1e-9);
            }
            case OPENAI -> {
                assertEquals(1890, answer.getLong("usage.inputTokens"));
                assertEquals(412, answer.getLong("usage.outputTokens"));
                assertFalse(answer.getBoolean("usage.estimated"));
                assertEquals(0.007076, answer.getDouble("estimatedCostUsd"), 1e-9);
            }
            case OPENAI_COMPATIBLE -> {
                assertTrue(answer.getBoolean("usage.estimated"), "the server reported no usage");
                assertTrue(answer.getLong("usage.inputTokens") > 300);
                assertTrue(answer.getLong("usage.outputTokens") > 10);
                org.junit.jupiter.api.Assertions.assertNull(answer.get("estimatedCostUsd"), "no price for this model");
            }
        }
        List<UsageRecord> counted = usage.list(t.tenant().id(), YearMonth.now(java.time.ZoneOffset.UTC),
                YearMonth.now(java.time.ZoneOffset.UTC));
        assertEquals(1, counted.size());
        assertEquals(1, counted.get(0).requests());
        assertEquals(answer.getLong("usage.inputTokens"), counted.get(0).inputTokens());
    }

    @Test
    void commentsComeFromEveryPageLabelledByRoleWithoutTheirMetadata() throws Exception {
        TestTenants.Setup t = tenants.tenant(ModelCredentials.Provider.OPENAI, false);
        long ticket = TICKETS.incrementAndGet();
        stubTicket(t.subdomain(), ticket, "");
        stubModel(t.model(), TicketFixtures.SUMMARY);

        post(t.licenseKey(), ticket, "summary", null).statusCode(200);

        List<LoggedRequest> pages = Upstreams.wiremock().findAll(getRequestedFor(
                urlPathEqualTo(zendeskPath(t.subdomain(), ticket, "/comments.json"))));
        assertEquals(2, pages.size());
        assertEquals("xyz1", pages.get(1).queryParameter("page[after]").firstValue(),
                "the cursor from links.next, asked of the operator's base URL");
        assertTrue(pages.stream().allMatch(p -> p.getHeader("Authorization").startsWith("Bearer zd-oauth-token-")));
        String prompt = userPrompt(t.model());
        assertTrue(prompt.contains("Subject: Invoice export broken"), prompt);
        assertTrue(prompt.contains("Priority: high") && prompt.contains("Tags: billing, export"), prompt);
        assertTrue(prompt.contains("(end user, 2026-11-20T09:12:44Z)\nHello, the invoice export fails with error E-502"), prompt);
        assertTrue(prompt.contains("(agent, 2026-11-20T10:01:00Z)\nThanks Maria, we are looking into it.\nKind regards"), prompt);
        assertTrue(prompt.contains("(internal note, 2026-11-21T08:30:00Z)\nEngineering says"), prompt);
        assertTrue(prompt.contains("Requester's language setting: es-ES"), prompt);
        for (String metadata : List.of("203.0.113.77", "Zwickau", "LeakyBrowser", "198.51.100.23", "Dublin, Ireland",
                "<p>", "screenshot.png", "Maria Lopez")) {
            assertFalse(prompt.contains(metadata), "comment metadata reached the model: " + metadata);
        }
    }

    @Test
    void redactionIsTheTenantsChoiceAndHappensBeforeTheModel() throws Exception {
        TestTenants.Setup t = tenants.tenant(ModelCredentials.Provider.ANTHROPIC, true);
        long ticket = TICKETS.incrementAndGet();
        stubTicket(t.subdomain(), ticket, "");
        stubModel(t.model(), TicketFixtures.SUMMARY);

        post(t.licenseKey(), ticket, "summary", null).statusCode(200).body("redacted", equalTo(true));

        String prompt = userPrompt(t.model());
        assertFalse(prompt.contains("maria.lopez@example.com") || prompt.contains("415 555 0132"), prompt);
        assertTrue(prompt.contains("[redacted e-mail]") && prompt.contains("[redacted phone number]"), prompt);
    }

    @Test
    void zendeskRateLimitsAreWaitedOutWithAndWithoutRetryAfter() {
        TestTenants.Setup t = tenants.tenant(ModelCredentials.Provider.OPENAI, false);
        long withHeader = TICKETS.incrementAndGet();
        stubTicket(t.subdomain(), withHeader, "");
        rateLimitedOnce(t.subdomain(), withHeader, "1");
        long withoutHeader = TICKETS.incrementAndGet();
        stubTicket(t.subdomain(), withoutHeader, "");
        rateLimitedOnce(t.subdomain(), withoutHeader, null);
        stubModel(t.model(), TicketFixtures.SUMMARY);

        long started = System.nanoTime();
        post(t.licenseKey(), withHeader, "summary", null).statusCode(200);
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() >= 1000, "waited Retry-After: 1");
        post(t.licenseKey(), withoutHeader, "summary", null).statusCode(200);
        for (long ticket : List.of(withHeader, withoutHeader)) {
            assertEquals(2, Upstreams.wiremock().findAll(getRequestedFor(urlPathEqualTo(zendeskPath(t.subdomain(),
                    ticket, ".json")))).size());
        }

        long alwaysBusy = TICKETS.incrementAndGet();
        Upstreams.wiremock().stubFor(get(urlPathEqualTo(zendeskPath(t.subdomain(), alwaysBusy, ".json")))
                .willReturn(json(429, TicketFixtures.file("zendesk/error-429.json", Map.of()))));
        post(t.licenseKey(), alwaysBusy, "summary", null).statusCode(503).contentType("application/problem+json")
                .body("code", equalTo("UPSTREAM_BUSY")).header("Retry-After", notNullValue());
        assertEquals(4, Upstreams.wiremock().findAll(getRequestedFor(urlPathEqualTo(zendeskPath(t.subdomain(),
                alwaysBusy, ".json")))).size(), "bounded: tollgate.zendesk.max-attempts");
    }

    private static void rateLimitedOnce(String subdomain, long ticket, String retryAfter) {
        var limited = json(429, TicketFixtures.file("zendesk/error-429.json", Map.of()));
        if (retryAfter != null) {
            limited = limited.withHeader("Retry-After", retryAfter);
        }
        String scenario = "limited-" + ticket;
        Upstreams.wiremock().stubFor(get(urlPathEqualTo(zendeskPath(subdomain, ticket, ".json")))
                .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED).willReturn(limited).willSetStateTo("ok"));
        Upstreams.wiremock().stubFor(get(urlPathEqualTo(zendeskPath(subdomain, ticket, ".json")))
                .inScenario(scenario).whenScenarioStateIs("ok")
                .willReturn(json(200, TicketFixtures.file("zendesk/ticket.json", Map.of("ticketId", Long.toString(ticket),
                        "subject", "Invoice export broken")))));
    }

    @Test
    void writeBackPostsThePrivateNote() throws Exception {
        TestTenants.Setup t = tenants.tenant(ModelCredentials.Provider.ANTHROPIC, false);
        long ticket = TICKETS.incrementAndGet();
        stubTicket(t.subdomain(), ticket, "");
        stubModel(t.model(), TicketFixtures.SUMMARY);

        post(t.licenseKey(), ticket, "summary", Map.of("writeBack", true)).statusCode(200)
                .body("writtenBack", equalTo(true));

        List<LoggedRequest> puts = Upstreams.wiremock().findAll(putRequestedFor(
                urlPathEqualTo(zendeskPath(t.subdomain(), ticket, ".json"))));
        assertEquals(1, puts.size());
        JsonNode note = TicketFixtures.JSON.readTree(puts.get(0).getBodyAsString());
        assertFalse(note.path("ticket").path("comment").path("public").asBoolean(true), "a private internal note");
        assertTrue(note.path("ticket").path("comment").path("body").asText().endsWith(TicketFixtures.SUMMARY));
        assertEquals(1, note.path("ticket").size(), "only the comment is changed");
    }

    @Test
    void zendeskRefusalsAndMissingTicketsHaveTheirOwnCodes() {
        TestTenants.Setup t = tenants.tenant(ModelCredentials.Provider.OPENAI, false);
        long refused = TICKETS.incrementAndGet();
        Upstreams.wiremock().stubFor(get(urlPathEqualTo(zendeskPath(t.subdomain(), refused, ".json")))
                .willReturn(json(401, TicketFixtures.file("zendesk/error-401.json", Map.of()))));
        long missing = TICKETS.incrementAndGet();
        Upstreams.wiremock().stubFor(get(urlPathEqualTo(zendeskPath(t.subdomain(), missing, ".json")))
                .willReturn(json(404, TicketFixtures.file("zendesk/error-404.json", Map.of()))));

        post(t.licenseKey(), refused, "summary", null).statusCode(502).contentType("application/problem+json")
                .body("code", equalTo("INTEGRATION_AUTH_FAILED"));
        post(t.licenseKey(), missing, "triage", null).statusCode(404).body("code", equalTo("TICKET_NOT_FOUND"));
        assertTrue(TicketFixtures.modelCalls((t.model())).isEmpty(), "no model call without a ticket");
    }

    @Test
    void anOverloadedModelIsRetriedThenReportedAsBusy() {
        TestTenants.Setup t = tenants.tenant(ModelCredentials.Provider.ANTHROPIC, false);
        long ticket = TICKETS.incrementAndGet();
        stubTicket(t.subdomain(), ticket, "");
        String overloaded = TicketFixtures.file("anthropic/overloaded.json", Map.of());
        Upstreams.wiremock().stubFor(modelCall(t.model()).inScenario("529").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(529, overloaded)).willSetStateTo("better"));
        Upstreams.wiremock().stubFor(modelCall(t.model()).inScenario("529").whenScenarioStateIs("better")
                .willReturn(json(200, TicketFixtures.modelAnswer(t.model(), TicketFixtures.SUMMARY))));
        post(t.licenseKey(), ticket, "summary", null).statusCode(200);
        assertEquals(2, TicketFixtures.modelCalls((t.model())).size());

        TestTenants.Setup busy = tenants.tenant(ModelCredentials.Provider.ANTHROPIC, false);
        stubTicket(busy.subdomain(), ticket, "");
        Upstreams.wiremock().stubFor(modelCall(busy.model()).willReturn(json(529, overloaded).withHeader("retry-after", "1")));
        post(busy.licenseKey(), ticket, "summary", null).statusCode(503).contentType("application/problem+json")
                .body("code", equalTo("UPSTREAM_BUSY")).header("Retry-After", "1");
        assertEquals(3, TicketFixtures.modelCalls((busy.model())).size(), "bounded: tollgate.models.max-attempts");

        TestTenants.Setup broken = tenants.tenant(ModelCredentials.Provider.OPENAI, false);
        stubTicket(broken.subdomain(), ticket, "");
        Upstreams.wiremock().stubFor(modelCall(broken.model()).willReturn(json(500, "{\"error\":{\"message\":\"boom\"}}")));
        post(broken.licenseKey(), ticket, "summary", null).statusCode(502).body("code", equalTo("UPSTREAM_FAILED"));

        TestTenants.Setup limited = tenants.tenant(ModelCredentials.Provider.OPENAI, false);
        stubTicket(limited.subdomain(), ticket, "");
        Upstreams.wiremock().stubFor(modelCall(limited.model()).willReturn(json(429,
                TicketFixtures.file("openai/rate-limited.json", Map.of())).withHeader("retry-after-ms", "120")));
        post(limited.licenseKey(), ticket, "summary", null).statusCode(503).header("Retry-After", "1");

        TestTenants.Setup badJson = tenants.tenant(ModelCredentials.Provider.OPENAI, false);
        stubTicket(badJson.subdomain(), ticket, "");
        stubModel(badJson.model(), "{\"intent\": \"not what the schema says\"}");
        post(badJson.licenseKey(), ticket, "triage", null).statusCode(502).body("code", equalTo("MODEL_OUTPUT_INVALID"));
    }

    @Test
    void callersAreRefusedWithValidationsCodes() {
        TestTenants.Setup t = tenants.tenant(ModelCredentials.Provider.OPENAI, false);
        long ticket = TICKETS.incrementAndGet();
        given().post("/v1/tickets/" + ticket + "/summary").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
        given().header("Authorization", "Basic " + t.licenseKey()).post("/v1/tickets/" + ticket + "/summary").then()
                .statusCode(401);
        post("ZDMCP-1234", ticket, "summary", null).statusCode(400).body("code", equalTo("MALFORMED_KEY"));
        post(tenants.licence(t.tenant(), LicenseStatus.SUSPENDED, LocalDate.now().plusYears(1)).display(), ticket,
                "summary", null).statusCode(403).body("code", equalTo("SUSPENDED"));
        post(tenants.licence(t.tenant(), LicenseStatus.CANCELLED, LocalDate.now().plusYears(1)).display(), ticket,
                "summary", null).statusCode(403).body("code", equalTo("CANCELLED"));
        post(tenants.licence(t.tenant(), LicenseStatus.ACTIVE, LocalDate.now().minusDays(2)).display(), ticket,
                "summary", null).statusCode(403).body("code", equalTo("EXPIRED"));
        String unknown = tenants.licence(t.tenant(), LicenseStatus.ACTIVE, LocalDate.now().plusYears(1)).display();
        // A well-formed key no licence has: one character of a real key's body changed, check character fixed up.
        post(unknownKey(), ticket, "summary", null).statusCode(404).body("code", equalTo("NOT_FOUND"));
        post(unknown, ticket, "summary", Map.of("colour", "blue")).statusCode(400).body("code", equalTo("INVALID_REQUEST"));
        post(unknown, ticket, "summary", Map.of("locale", "not a locale!")).statusCode(400);
        post(unknown, ticket, "summary", Map.of("writeBack", "yes")).statusCode(400);
        post(unknown, 0, "summary", null).statusCode(400);
        post(unknown, ticket, "translate", null).statusCode(404);

        String bare = tenants.licence(tenants.bareTenant(), LicenseStatus.ACTIVE, LocalDate.now().plusYears(1)).display();
        post(bare, ticket, "summary", null).statusCode(409).body("code", equalTo("INTEGRATION_NOT_CONFIGURED"));
    }

    @Inject
    dev.tollgate.license.LicenseKeyFormat format;

    private String unknownKey() {
        return format.generate(new dev.tollgate.license.Product("zendesk-mcp")).display();
    }

    @Test
    void aCompletedDuplicateIsRefusedWithoutASecondModelCallOrNote() {
        TestTenants.Setup t = tenants.tenant(ModelCredentials.Provider.ANTHROPIC, false);
        long ticket = TICKETS.incrementAndGet();
        stubTicket(t.subdomain(), ticket, "");
        stubModel(t.model(), TicketFixtures.SUMMARY);
        String key = "idem-" + ticket;

        given().header("Authorization", "Bearer " + t.licenseKey()).header("Idempotency-Key", key)
                .contentType("application/json").body(Map.of("writeBack", true))
                .post("/v1/tickets/" + ticket + "/summary").then().statusCode(200);
        String completedAt = given().header("Authorization", "Bearer " + t.licenseKey()).header("Idempotency-Key", key)
                .contentType("application/json").body(Map.of("writeBack", true))
                .post("/v1/tickets/" + ticket + "/summary").then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("ALREADY_PROCESSED"))
                .extract().path("completedAt");
        assertTrue(Instant.parse(completedAt).isBefore(Instant.now().plusSeconds(1)));

        assertEquals(1, TicketFixtures.modelCalls((t.model())).size(), "one model call");
        assertEquals(1, Upstreams.wiremock().findAll(putRequestedFor(urlPathEqualTo(zendeskPath(t.subdomain(), ticket,
                ".json")))).size(), "one note");
        List<UsageRecord> counted = usage.list(t.tenant().id(), YearMonth.now(java.time.ZoneOffset.UTC),
                YearMonth.now(java.time.ZoneOffset.UTC));
        assertEquals(1, counted.get(0).requests(), "usage counted once");
        assertEquals(2095, counted.get(0).inputTokens());

        // The marker holds a hash, the tenant, the state and the time, with a TTL of a day; never the key.
        List<Map<String, AttributeValue>> markers = dynamo.scanPaginator(r -> r.tableName("tollgate-idempotency"))
                .items().stream().filter(i -> i.get("tenantId").s().equals(t.tenant().id().value())).toList();
        assertEquals(1, markers.size());
        Map<String, AttributeValue> marker = markers.get(0);
        assertEquals(java.util.Set.of("markerId", "tenantId", "state", "at", "ttl"), marker.keySet());
        assertEquals("COMPLETED", marker.get("state").s());
        assertFalse(marker.toString().contains(key));
        long ttl = Long.parseLong(marker.get("ttl").n()) - Instant.now().getEpochSecond();
        assertTrue(ttl > 86_000 && ttl <= 86_400, "a day: " + ttl);
        // Another tenant's identical key is its own.
        TestTenants.Setup other = tenants.tenant(ModelCredentials.Provider.ANTHROPIC, false);
        stubTicket(other.subdomain(), ticket, "");
        stubModel(other.model(), TicketFixtures.SUMMARY);
        given().header("Authorization", "Bearer " + other.licenseKey()).header("Idempotency-Key", key)
                .post("/v1/tickets/" + ticket + "/summary").then().statusCode(200);
    }

    /**
     * On AWS a duplicate sent while the first is still running reaches another container; here the
     * Lambda event server handles one request at a time, so the other container's claim is made
     * through the same port it would use, and then the duplicate arrives.
     */
    @Test
    void aDuplicateInFlightIsRefusedAndAFailedRunFreesItsKey() throws Exception {
        TestTenants.Setup t = tenants.tenant(ModelCredentials.Provider.OPENAI, false);
        long ticket = TICKETS.incrementAndGet();
        stubTicket(t.subdomain(), ticket, "");
        stubModel(t.model(), TicketFixtures.SUMMARY);
        String key = "flight-" + ticket;
        DedupMarkers.Claim.Started elsewhere = (DedupMarkers.Claim.Started) markers.begin(t.tenant().id(), key,
                Instant.now(), Duration.ofSeconds(30));

        given().header("Authorization", "Bearer " + t.licenseKey()).header("Idempotency-Key", key)
                .post("/v1/tickets/" + ticket + "/summary").then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("DUPLICATE_IN_FLIGHT"));
        assertTrue(TicketFixtures.modelCalls(t.model()).isEmpty(), "nothing done for the duplicate");
        markers.complete(elsewhere, Instant.now());
        given().header("Authorization", "Bearer " + t.licenseKey()).header("Idempotency-Key", key)
                .post("/v1/tickets/" + ticket + "/summary").then().statusCode(409)
                .body("code", equalTo("ALREADY_PROCESSED"));

        long failing = TICKETS.incrementAndGet();
        Upstreams.wiremock().stubFor(get(urlPathEqualTo(zendeskPath(t.subdomain(), failing, ".json")))
                .willReturn(json(404, "{}")));
        String retried = "retry-" + failing;
        given().header("Authorization", "Bearer " + t.licenseKey()).header("Idempotency-Key", retried)
                .post("/v1/tickets/" + failing + "/summary").then().statusCode(404);
        stubTicket(t.subdomain(), failing, "");
        Upstreams.wiremock().stubFor(modelCall(t.model()).willReturn(json(200,
                TicketFixtures.modelAnswer(t.model(), TicketFixtures.SUMMARY))));
        given().header("Authorization", "Bearer " + t.licenseKey()).header("Idempotency-Key", retried)
                .post("/v1/tickets/" + failing + "/summary").then().statusCode(200);
    }

    @Test
    void credentialsWhoseFactsWereEditedInTheTableDoNotOpen() {
        TestTenants.Setup t = tenants.tenant(ModelCredentials.Provider.OPENAI_COMPATIBLE, true);
        long ticket = TICKETS.incrementAndGet();
        stubTicket(t.subdomain(), ticket, "");
        stubModel(t.model(), TicketFixtures.SUMMARY);
        post(t.licenseKey(), ticket, "summary", null).statusCode(200);

        // Someone with write access to the table points the tenant's key at their own server and turns redaction off.
        Map<String, AttributeValue> key = Map.of("tenantId", AttributeValue.fromS(t.tenant().id().value()),
                "record", AttributeValue.fromS("credentials#model"));
        dynamo.updateItem(r -> r.tableName("tollgate-tenants").key(key)
                .updateExpression("SET facts.baseUrl = :evil REMOVE facts.redact")
                .expressionAttributeValues(Map.of(":evil", AttributeValue.fromS("https://attacker.example/v1"))));
        int calls = TicketFixtures.modelCalls((t.model())).size();

        post(t.licenseKey(), ticket, "summary", null).statusCode(409).body("code", equalTo("INTEGRATION_NOT_CONFIGURED"))
                .body("detail", org.hamcrest.Matchers.containsString("store it again"));
        assertEquals(calls, TicketFixtures.modelCalls((t.model())).size());
    }

    /** The user message the tenant's model received last. */
    static String userPrompt(ModelCredentials model) throws Exception {
        List<LoggedRequest> calls = TicketFixtures.modelCalls((model));
        JsonNode body = TicketFixtures.JSON.readTree(calls.get(calls.size() - 1).getBodyAsString());
        JsonNode messages = body.path("messages");
        return messages.get(messages.size() - 1).path("content").asText();
    }
}
