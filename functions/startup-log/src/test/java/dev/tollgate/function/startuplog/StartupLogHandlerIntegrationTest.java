package dev.tollgate.function.startuplog;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.embedded.DynamoDbLocalTestResource;
import dev.tollgate.license.KeyDigest;
import dev.tollgate.license.Product;
import dev.tollgate.license.VerdictCode;
import dev.tollgate.startup.StartupEvent;
import dev.tollgate.startup.StartupEventCodec;
import dev.tollgate.startup.UnknownKeyTally;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The function fed SQS events in AWS's published JSON shape, through the Lambda runtime's mock
 * event server (the path a real invocation takes), writing to DynamoDB Local.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalTestResource.class)
class StartupLogHandlerIntegrationTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final AtomicInteger DIGESTS = new AtomicInteger();

    @Inject
    DynamoDbClient dynamo;
    @Inject
    UnknownKeyTally tally;

    @Test
    void aBatchIsWrittenAndNothingIsReportedFailed() throws Exception {
        KeyDigest digest = freshDigest();
        List<StartupEvent> events = List.of(event(digest, VerdictCode.VALID), event(digest, VerdictCode.EXPIRED),
                event(digest, VerdictCode.SUSPENDED));
        JsonNode response = handle(batch(encode(events.get(0)), encode(events.get(1)), encode(events.get(2))));

        assertEquals(0, response.path("batchItemFailures").size(), response.toString());
        List<Map<String, AttributeValue>> items = StartupLogItems.of(dynamo, digest);
        assertEquals(3, items.size());
        for (Map<String, AttributeValue> item : items) {
            assertEquals(Set.of("keyDigest", "entry", "product", "verdict", "ttl", "retentionDay", "retentionStart"), item.keySet());
        }
        assertEquals(Set.of("VALID", "EXPIRED", "SUSPENDED"),
                Set.copyOf(items.stream().map(i -> i.get("verdict").s()).toList()));
    }

    @Test
    void aDuplicateDeliveryLeavesOneEntry() throws Exception {
        KeyDigest digest = freshDigest();
        StartupEvent once = event(digest, VerdictCode.VALID);
        StartupEvent other = event(digest, VerdictCode.EXPIRED);
        assertEquals(0, handle(batch(encode(once), encode(other), encode(once))).path("batchItemFailures").size());
        // ... and the same message delivered again in a later batch.
        assertEquals(0, handle(batch(encode(once), encode(once), encode(other))).path("batchItemFailures").size());
        assertEquals(2, StartupLogItems.of(dynamo, digest).size());
    }

    @Test
    void onlyThePoisonMessageIsReportedFailed() throws Exception {
        KeyDigest digest = freshDigest();
        JsonNode response = handle(batch(encode(event(digest, VerdictCode.VALID)),
                "{\"v\":1,\"id\":\"not-an-id\",\"ip\":\"203.0.113.9\"}", encode(event(digest, VerdictCode.CANCELLED))));

        JsonNode failures = response.path("batchItemFailures");
        assertEquals(1, failures.size(), response.toString());
        assertEquals("2e1424d4-f796-459a-8184-9c92662be6da", failures.get(0).path("itemIdentifier").asText());
        assertEquals(2, StartupLogItems.of(dynamo, digest).size());
    }

    @Test
    void unknownKeysAreCountedPerHourWithABoundedSampleAndLeaveNoTrailEntries() throws Exception {
        Product flooded = new Product("flood-probe");
        Instant started = Instant.now();
        List<KeyDigest> digests = new java.util.ArrayList<>();
        for (int batch = 0; batch < 10; batch++) {
            String[] bodies = new String[3];
            for (int i = 0; i < 3; i++) {
                KeyDigest digest = freshDigest();
                digests.add(digest);
                bodies[i] = encode(StartupEvent.of(Instant.now(), digest, flooded, VerdictCode.NOT_FOUND));
            }
            assertEquals(0, handle(batch(bodies[0], bodies[1], bodies[2])).path("batchItemFailures").size());
        }
        for (KeyDigest digest : digests) {
            assertEquals(0, StartupLogItems.of(dynamo, digest).size(), "no per-key entry for an unknown key");
        }
        List<UnknownKeyTally.Hour> hours = tally.hours(flooded, started.minusSeconds(3600), Instant.now());
        assertEquals(30, hours.stream().mapToLong(UnknownKeyTally.Hour::count).sum(), hours.toString());
        for (UnknownKeyTally.Hour hour : hours) {
            assertTrue(hour.sample().size() <= UnknownKeyTally.SAMPLE + 2, "bounded sample: " + hour.sample().size());
            assertTrue(digests.containsAll(hour.sample()));
        }
        assertTrue(hours.size() <= 2, "one item per hour");
    }

    static JsonNode handle(String event) throws Exception {
        String raw = given().body(event).post("/_lambda_").then().statusCode(200).extract().asString();
        return JSON.readTree(raw);
    }

    private static String batch(String first, String second, String third) throws Exception {
        try (InputStream in = StartupLogHandlerIntegrationTest.class.getResourceAsStream("/events/sqs-startup-batch.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${first}", JSON.writeValueAsString(first))
                    .replace("${second}", JSON.writeValueAsString(second))
                    .replace("${third}", JSON.writeValueAsString(third));
        }
    }

    private static String encode(StartupEvent event) {
        return StartupEventCodec.encode(event);
    }

    static StartupEvent event(KeyDigest digest, VerdictCode verdict) {
        return StartupEvent.of(Instant.now(), digest, new Product("zendesk-mcp"), verdict);
    }

    static KeyDigest freshDigest() {
        return new KeyDigest(String.format("%064x", 0xfeed0000L + DIGESTS.incrementAndGet()));
    }
}
