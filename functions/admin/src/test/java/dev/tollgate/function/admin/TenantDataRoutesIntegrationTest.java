package dev.tollgate.function.admin;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.embedded.DynamoDbLocalTestResource;
import dev.tollgate.license.KeyDigest;
import dev.tollgate.license.Product;
import dev.tollgate.license.VerdictCode;
import dev.tollgate.startup.StartupEvent;
import dev.tollgate.startup.StartupTrail;
import dev.tollgate.tenant.TenantId;
import dev.tollgate.usage.UsageLedger;
import dev.tollgate.usage.UsageRecord;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A tenant's export and erasure through the admin routes, checked on the raw tables of DynamoDB Local. */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalTestResource.class)
@QuarkusTestResource(StaffTokens.class)
class TenantDataRoutesIntegrationTest {

    static final String API_KEY = "sk-ant-api03-Xr4Ts9Lp1Kc6Hd3Jf5Gz0YaVb8Nq2Wm7";

    @Inject
    StartupTrail trail;
    @Inject
    UsageLedger usage;
    @Inject
    DynamoDbClient dynamo;

    @Test
    void exportThenEraseThenExportLeavesOnlyTheReceiptAndTheAuditTrail() {
        String tenant = Staff.tenant("Departing GmbH");
        List<String> digests = List.of(issue(tenant), issue(tenant));
        for (String digest : digests) {
            trail.write(List.of(startup(digest), startup(digest), startup(digest)));
        }
        YearMonth month = YearMonth.now(ZoneOffset.UTC);
        usage.add(new UsageRecord(new TenantId(tenant), month, "anthropic", "claude-sonnet-4-5", 3, 1200, 300));
        usage.add(new UsageRecord(new TenantId(tenant), month, "openai", "gpt-4.1", 1, 500, 100));
        Staff.admin().body(Map.of("provider", "anthropic", "model", "claude-sonnet-4-5", "apiKey", API_KEY))
                .put("/v1/admin/tenants/" + tenant + "/credentials/model").then().statusCode(200);

        JsonPath first = Staff.admin().get("/v1/admin/tenants/" + tenant + "/export").then().statusCode(200)
                .body("tenant.name", equalTo("Departing GmbH")).extract().jsonPath();
        assertEquals(2, first.getList("licenses").size());
        assertEquals(6, first.getList("startupTrail").size());
        assertEquals(2, first.getList("usage").size());
        assertEquals(1, first.getList("credentials").size());
        assertEquals("2Wm7", first.getString("credentials[0].last4"));
        // tenant.create, two license.issue (about the licences), credentials.model.put
        assertEquals(4, first.getList("auditEntries").size());
        assertTrue(first.getList("erasures").isEmpty());
        String exported = first.prettify();
        assertFalse(exported.contains(API_KEY.substring(0, 16)), "no secret in an export");

        JsonPath receipt = Staff.admin().post("/v1/admin/tenants/" + tenant + "/erase").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(Map.of("tenant", 1, "licenses", 2, "startupEntries", 6, "credentials", 1,
                "usageRecordsDetached", 2, "auditEntriesKept", 4), receipt.getMap("counts"));
        assertEquals(tenant, receipt.getString("tenantId"));
        assertEquals(Staff.ADMIN_SUBJECT, receipt.getString("erasedBy"));
        assertEquals(List.copyOf(digests).stream().sorted().toList(),
                receipt.getList("licenses", String.class).stream().sorted().toList());
        assertFalse(receipt.prettify().contains("Departing"), "ids and counts only");

        JsonPath second = Staff.admin().get("/v1/admin/tenants/" + tenant + "/export").then().statusCode(200)
                .extract().jsonPath();
        assertTrue(second.get("tenant") == null, "no tenant left");
        for (String part : List.of("licenses", "startupTrail", "usage", "credentials")) {
            assertTrue(second.getList(part).isEmpty(), part + " after erasure");
        }
        assertEquals(List.of(receipt.getString("id")), second.getList("erasures.id"));
        // The audit trail keeps its entries (ids only), the erasure's own among them.
        assertEquals(5, second.getList("auditEntries").size());
        assertTrue(second.getList("auditEntries.action").contains("tenant.erase"));
        assertFalse(second.prettify().contains("Departing"), "no name left anywhere");

        // The raw tables agree: nothing of the tenant, and its usage counted under no tenant.
        assertTrue(rawItems("tollgate-tenants", "tenantId", tenant).isEmpty());
        assertTrue(rawItems("tollgate-usage", "tenantId", tenant).isEmpty());
        for (String digest : digests) {
            assertTrue(rawItems("tollgate-licenses", "keyDigest", digest).isEmpty());
            assertTrue(rawItems("tollgate-startup-log", "keyDigest", digest).isEmpty());
        }
        Map<String, AttributeValue> kept = dynamo.getItem(r -> r.tableName("tollgate-usage").key(Map.of(
                "tenantId", AttributeValue.fromS("erased-tenants"),
                "bucket", AttributeValue.fromS(month + "#anthropic#claude-sonnet-4-5")))).item();
        assertTrue(Long.parseLong(kept.get("inputTokens").n()) >= 1200, "usage kept, detached");

        Staff.admin().post("/v1/admin/tenants/" + tenant + "/erase").then().statusCode(404)
                .body("code", equalTo("TENANT_NOT_FOUND"));
    }

    @Test
    void aTenantUnderLegalHoldCannotBeErased() {
        String tenant = Staff.tenant("Held Ltd");
        String digest = issue(tenant);
        Staff.admin().body("{\"enabled\":true}").post("/v1/admin/tenants/" + tenant + "/legal-hold").then().statusCode(200);
        assertTrue(rawItems("tollgate-licenses", "keyDigest", digest).stream().noneMatch(i -> i.containsKey("ttl")),
                "held: off DynamoDB's TTL");
        Staff.admin().post("/v1/admin/tenants/" + tenant + "/erase").then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("LEGAL_HOLD"));
        Staff.support().get("/v1/admin/licenses/" + digest).then().statusCode(200);
        Staff.admin().get("/v1/admin/tenants/" + tenant + "/export").then().statusCode(200)
                .body("tenant.legalHold", equalTo(true)).body("licenses.size()", equalTo(1));
        Staff.admin().queryParam("limit", 5).get("/v1/admin/audit").then().statusCode(200) // newest first: the refusal is on top
                .body("entries.find { it.action == 'tenant.erase' && it.target == 'tenant/" + tenant + "' }.result",
                        equalTo("refused LEGAL_HOLD"));
    }

    @Test
    void onlyAdminsExportAndAnUnknownTenantIs404() {
        String tenant = Staff.tenant("Curious Co");
        Staff.support().get("/v1/admin/tenants/" + tenant + "/export").then().statusCode(403);
        Staff.support().post("/v1/admin/tenants/" + tenant + "/erase").then().statusCode(403);
        Staff.admin().get("/v1/admin/tenants/t_0000000000000000/export").then().statusCode(404)
                .body("code", equalTo("TENANT_NOT_FOUND"));
    }

    static String issue(String tenant) {
        return Staff.admin().body(Map.of("product", "zendesk-mcp", "expiresOn", LocalDate.now(ZoneOffset.UTC).plusYears(1).toString()))
                .post("/v1/admin/tenants/" + tenant + "/licenses").then().statusCode(201).extract().path("license.keyDigest");
    }

    static StartupEvent startup(String digest) {
        return StartupEvent.of(Instant.now(), new KeyDigest(digest), new Product("zendesk-mcp"), VerdictCode.VALID);
    }

    List<Map<String, AttributeValue>> rawItems(String table, String key, String value) {
        return dynamo.query(r -> r.tableName(table).consistentRead(true).keyConditionExpression("#k = :v")
                .expressionAttributeNames(Map.of("#k", key))
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS(value)))).items();
    }
}
