package dev.tollgate.local;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.embedded.DynamoDbLocalTestResource;
import dev.tollgate.keys.KeyDigester;
import dev.tollgate.license.LicenseKey;
import dev.tollgate.license.LicenseKeyFormat;
import dev.tollgate.license.Product;
import dev.tollgate.startup.UnknownKeyTally;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The local runtime records startups as AWS would: validations over HTTP, the in-process queue,
 * the startup-log handler, DynamoDB Local. Every validation leaves exactly one entry.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalTestResource.class)
class LocalStartupTrailIntegrationTest {

    static final Set<String> DECLARED = Set.of("keyDigest", "entry", "product", "verdict", "ttl", "retentionDay", "retentionStart");

    @TestHTTPResource("/v1/licenses/validate")
    URL validate;

    @Inject
    LocalStartupQueue queue;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    LicenseKeyFormat format;

    @Inject
    UnknownKeyTally tally;

    @Inject
    KeyDigester digester;

    @Test
    void aThousandValidationsLeaveExactlyAThousandEntries() throws Exception {
        String valid = LocalRuntimeIntegrationTest.issue(LocalDate.now(ZoneOffset.UTC).plusYears(1));
        String expired = LocalRuntimeIntegrationTest.issue(LocalDate.now(ZoneOffset.UTC).minusDays(1));
        String neverIssued = format.generate(new Product("zendesk-mcp")).display();
        Map<String, String> verdictOf = Map.of(valid, "VALID", expired, "EXPIRED", neverIssued, "NOT_FOUND");
        List<String> sent = new ArrayList<>();
        Map<String, Integer> expected = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            String key = i % 10 == 9 ? neverIssued : i % 3 == 0 ? expired : valid;
            sent.add(key);
            expected.merge(verdictOf.get(key), 1, Integer::sum);
        }
        long recordedBefore = queue.recorded();
        long unknownBefore = unknownKeysCounted();

        HttpClient http = HttpClient.newHttpClient();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<Integer>> answers = new ArrayList<>();
        for (String key : sent) {
            answers.add(clients.submit(() -> http.send(HttpRequest.newBuilder(validate.toURI())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"licenseKey\":\"" + key + "\",\"product\":\"zendesk-mcp\"}"))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode()));
        }
        Map<Integer, Integer> statuses = new HashMap<>();
        for (Future<Integer> answer : answers) {
            statuses.merge(answer.get(), 1, Integer::sum);
        }
        clients.shutdown();
        assertEquals(Map.of(200, 1000), statuses);

        assertTrue(queue.awaitIdle(Duration.ofSeconds(60)));
        assertEquals(1000, queue.recorded() - recordedBefore);
        Map<String, Integer> byVerdict = new HashMap<>();
        int entries = 0;
        for (String key : Set.of(valid, expired)) {
            for (Map<String, AttributeValue> item : itemsOf(digestOf(key))) {
                assertEquals(DECLARED, item.keySet());
                byVerdict.merge(item.get("verdict").s(), 1, Integer::sum);
                entries++;
            }
        }
        // The never-issued key's startups are counted in the unknown-key tally, not kept per key.
        assertEquals(List.of(), itemsOf(digester.digest((LicenseKey) format.parse(neverIssued)).hex()));
        assertEquals(expected.remove("NOT_FOUND"), (int) (unknownKeysCounted() - unknownBefore));
        assertEquals(900, entries);
        assertEquals(expected, byVerdict);
        assertTrue(queue.deadLetters().isEmpty());
    }

    private long unknownKeysCounted() {
        Instant now = Instant.now();
        return tally.hours(new Product("zendesk-mcp"), now.minus(Duration.ofDays(7)), now.plus(Duration.ofHours(1)))
                .stream().mapToLong(UnknownKeyTally.Hour::count).sum();
    }

    private List<Map<String, AttributeValue>> itemsOf(String digest) {
        return dynamo.queryPaginator(r -> r.tableName("tollgate-startup-log").keyConditionExpression("keyDigest = :d")
                .expressionAttributeValues(Map.of(":d", AttributeValue.fromS(digest)))).items().stream().toList();
    }

    static String devToken(String role) {
        return given().queryParam("role", role).post("/local/dev-token").then().statusCode(200)
                .header("Cache-Control", "no-store").extract().path("token");
    }

    @Test
    void theAdminRoutesTakeTheLocalDevTokenAndNothingLess() {
        String query = "{\"keyDigest\":\"" + "a".repeat(64) + "\"}";
        given().contentType(ContentType.JSON).body(query).post("/v1/admin/startup-trail/query").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(devToken("admin")).contentType(ContentType.JSON).body(query)
                .post("/v1/admin/startup-trail/query").then().statusCode(200);
        given().queryParam("role", "root").post("/local/dev-token").then().statusCode(400);
    }

    /** The read route answers with the digest of the licence it was asked about. */
    private static String digestOf(String key) {
        return given().auth().oauth2(devToken("support")).contentType(ContentType.JSON)
                .body(Map.of("licenseKey", key, "limit", 1))
                .post("/v1/admin/startup-trail/query").then().statusCode(200)
                .extract().path("entries[0].keyDigest");
    }
}
