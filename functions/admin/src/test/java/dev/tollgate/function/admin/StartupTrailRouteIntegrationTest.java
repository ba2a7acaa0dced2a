package dev.tollgate.function.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tollgate.embedded.DynamoDbLocalTestResource;
import dev.tollgate.license.IssueLicense;
import dev.tollgate.license.Product;
import dev.tollgate.license.VerdictCode;
import dev.tollgate.startup.StartupEvent;
import dev.tollgate.startup.StartupTrail;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The support read path over HTTP, on DynamoDB Local. */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalTestResource.class)
@QuarkusTestResource(StaffTokens.class)
class StartupTrailRouteIntegrationTest {

    static final Product ZENDESK = new Product("zendesk-mcp");

    @Inject
    IssueLicense issueLicense;

    @Inject
    StartupTrail trail;

    @Inject
    dev.tollgate.tenant.CreateTenant createTenant;

    @Inject
    DynamoDbClient dynamo;

    @Test
    void aLicencesStartupsAreListedNewestFirstByKeyOrDigest() {
        IssueLicense.IssuedLicense issued = issueLicense.issue(createTenant.create("Acme").id(), ZENDESK, LocalDate.now().plusYears(1));
        List<StartupEvent> written = startups(issued, 7);

        JsonPath byKey = query(Map.of("licenseKey", issued.key().display()));
        JsonPath byDigest = query(Map.of("keyDigest", issued.license().digest().hex()));
        assertEquals(byKey.getList("entries"), byDigest.getList("entries"));
        List<Map<String, Object>> entries = byKey.getList("entries");
        assertEquals(7, entries.size());
        assertEquals(Set.of("at", "keyDigest", "product", "verdict"), entries.get(0).keySet());
        assertEquals(written.get(6).at().toString(), entries.get(0).get("at"));
        assertEquals(written.get(0).verdict().name(), entries.get(6).get("verdict"));
        assertNull(byKey.get("nextCursor"));
        assertFalse(byKey.prettify().contains(issued.key().canonical()), "the answer never echoes the key");
    }

    @Test
    void pagesFollowTheCursorWithoutGapsOrRepeats() {
        IssueLicense.IssuedLicense issued = issueLicense.issue(createTenant.create("Acme").id(), ZENDESK, LocalDate.now().plusYears(1));
        startups(issued, 7);
        List<Object> seen = new ArrayList<>();
        Map<String, Object> body = new HashMap<>(Map.of("keyDigest", issued.license().digest().hex(), "limit", 3));
        int pages = 0;
        String cursor;
        do {
            JsonPath page = query(body);
            seen.addAll(page.getList("entries.at"));
            cursor = page.get("nextCursor");
            body.put("cursor", cursor);
            pages++;
        } while (cursor != null);
        assertEquals(7, Set.copyOf(seen).size());
        assertEquals(7, seen.size());
        assertEquals(3, pages);
    }

    @Test
    void anEntryPastItsTtlIsNeverReturned() {
        IssueLicense.IssuedLicense issued = issueLicense.issue(createTenant.create("Acme").id(), ZENDESK, LocalDate.now().plusYears(1));
        startups(issued, 2);
        // An item DynamoDB has not yet deleted: its time is in range, its TTL has passed.
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        dynamo.putItem(r -> r.tableName("tollgate-startup-log").item(Map.of(
                "keyDigest", AttributeValue.fromS(issued.license().digest().hex()),
                "entry", AttributeValue.fromS(at + "#" + "e".repeat(32)),
                "product", AttributeValue.fromS("zendesk-mcp"),
                "verdict", AttributeValue.fromS("VALID"),
                "ttl", AttributeValue.fromN(Long.toString(Instant.now().getEpochSecond() - 1)))));
        List<String> times = query(Map.of("keyDigest", issued.license().digest().hex())).getList("entries.at");
        assertEquals(2, times.size());
        assertFalse(times.contains(at.toString()));
    }

    @Test
    void badQueriesAre400ProblemsNamingTheRule() {
        String digest = "c".repeat(64);
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("{}", "exactly one");
        bad.put("{\"keyDigest\":\"" + digest + "\",\"licenseKey\":\"ZDMCP-0000-0000-0000-0000-0000-0000-0005\"}", "exactly one");
        bad.put("{\"licenseKey\":\"ZDMCP-nope\"}", "malformed");
        bad.put("{\"keyDigest\":\"xyz\"}", "64 lower-case hex");
        bad.put("{\"keyDigest\":\"" + digest + "\",\"from\":\"yesterday\"}", "ISO 8601");
        bad.put("{\"keyDigest\":\"" + digest + "\",\"from\":\"2026-11-23T00:00:00Z\",\"to\":\"2026-11-22T00:00:00Z\"}", "'from'");
        bad.put("{\"keyDigest\":\"" + digest + "\",\"limit\":0}", "'limit'");
        bad.put("{\"keyDigest\":\"" + digest + "\",\"limit\":\"ten\"}", "whole number");
        bad.put("{\"keyDigest\":\"" + digest + "\",\"cursor\":\"not-a-cursor\"}", "cursor");
        bad.put("{\"keyDigest\":\"" + digest + "\",\"ip\":\"203.0.113.9\"}", "unknown field");
        bad.put("[1]", "JSON object");
        bad.forEach((body, why) -> given().auth().oauth2(StaffTokens.token("sam", List.of(AdminRoles.SUPPORT))).contentType(ContentType.JSON).body(body)
                .post("/v1/admin/startup-trail/query").then()
                .statusCode(400).contentType("application/problem+json").body("detail", containsString(why)));
        given().auth().oauth2(StaffTokens.token("sam", List.of(AdminRoles.SUPPORT))).get("/v1/admin/startup-trail/query").then().statusCode(405);
    }

    private List<StartupEvent> startups(IssueLicense.IssuedLicense issued, int count) {
        List<StartupEvent> events = new ArrayList<>();
        Instant first = Instant.now().minus(count, ChronoUnit.HOURS);
        for (int i = 0; i < count; i++) {
            events.add(StartupEvent.of(first.plus(i, ChronoUnit.HOURS), issued.license().digest(), ZENDESK,
                    i % 2 == 0 ? VerdictCode.VALID : VerdictCode.SUSPENDED));
        }
        assertEquals(List.of(), trail.write(events));
        return events;
    }

    private static JsonPath query(Map<String, ?> body) {
        return given().auth().oauth2(StaffTokens.token("sam", List.of(AdminRoles.SUPPORT))).contentType(ContentType.JSON).body(body).post("/v1/admin/startup-trail/query").then()
                .statusCode(200).header("Cache-Control", "no-store").extract().jsonPath();
    }
}
