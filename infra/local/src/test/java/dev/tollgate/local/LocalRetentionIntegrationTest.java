package dev.tollgate.local;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.embedded.DynamoDbLocalTestResource;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Retention on the local runtime: the purge is scheduled from configuration, staff run it or a dry
 * run through the admin API, and a terminated tenant's credentials leave the raw table.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalTestResource.class)
class LocalRetentionIntegrationTest {

    @Inject
    Scheduler scheduler;
    @Inject
    DynamoDbClient dynamo;

    @Test
    void thePurgeRunsOnTheConfiguredCron() {
        // The tests' cron (application.properties): midnight UTC on 29 February, so it never fires during a build.
        java.time.ZonedDateTime next = scheduler.getScheduledJob("retention-purge").getNextFireTime()
                .atZone(java.time.ZoneOffset.UTC);
        assertEquals(java.time.MonthDay.of(2, 29), java.time.MonthDay.from(next));
        assertEquals(java.time.LocalTime.MIDNIGHT, next.toLocalTime());
    }

    @Test
    void terminateThenPurgeLeavesNoCredentialInTheRawTable() {
        String tenant = LocalAdmin.tenant("Leaving Ltd");
        LocalAdmin.admin().body(Map.of("provider", "openai", "model", "gpt-4.1", "apiKey", "sk-proj-Hd3Jf5Gz0YaVb8Nq2Wm7Xr4T"))
                .put("/v1/admin/tenants/" + tenant + "/credentials/model").then().statusCode(200);
        LocalAdmin.admin().post("/v1/admin/tenants/" + tenant + "/terminate").then().statusCode(200);
        assertEquals(1, credentials(tenant));

        JsonPath dry = LocalAdmin.admin().post("/v1/admin/retention/purge?dryRun=true").then().statusCode(200)
                .body("dryRun", equalTo(true)).extract().jsonPath();
        int found = dry.getInt("categories.find { it.category == 'credentials' }.found");
        assertTrue(found >= 1);
        assertEquals(1, credentials(tenant), "a dry run deletes nothing");

        JsonPath real = LocalAdmin.admin().post("/v1/admin/retention/purge").then().statusCode(200)
                .body("dryRun", equalTo(false)).body("complete", equalTo(true)).extract().jsonPath();
        assertEquals(found, real.getInt("categories.find { it.category == 'credentials' }.deleted"),
                "the dry run counted what the run deleted");
        assertEquals(0, credentials(tenant), "gone from the raw table");
        LocalAdmin.admin().get("/v1/admin/tenants/" + tenant + "/credentials").then().statusCode(200)
                .body("size()", equalTo(0));
        LocalAdmin.admin().queryParam("limit", 200).get("/v1/admin/audit").then().statusCode(200)
                .body("entries.find { it.action == 'retention.purge' }.result", equalTo("ok"))
                .body("entries.find { it.action == 'retention.purge.dry-run' }.target", equalTo("retention"));
    }

    @Test
    void supportMayNotRunThePurge() {
        String token = io.restassured.RestAssured.given().post("/local/dev-token?role=support").then().statusCode(200)
                .extract().path("token");
        io.restassured.RestAssured.given().auth().oauth2(token).post("/v1/admin/retention/purge").then().statusCode(403);
    }

    long credentials(String tenant) {
        return dynamo.query(r -> r.tableName("tollgate-tenants").consistentRead(true)
                .keyConditionExpression("tenantId = :t AND begins_with(#r, :p)")
                .expressionAttributeNames(Map.of("#r", "record"))
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(tenant),
                        ":p", AttributeValue.fromS("credentials#")))).count();
    }
}
