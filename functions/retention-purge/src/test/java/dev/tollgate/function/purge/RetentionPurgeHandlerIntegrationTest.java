package dev.tollgate.function.purge;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.embedded.DynamoDbLocalTestResource;
import dev.tollgate.license.KeyDigest;
import dev.tollgate.license.Product;
import dev.tollgate.license.VerdictCode;
import dev.tollgate.startup.StartupEvent;
import dev.tollgate.startup.StartupTrail;
import dev.tollgate.tenant.Tenant;
import dev.tollgate.tenant.TenantId;
import dev.tollgate.tenant.TenantStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The function fed scheduled events in the shapes AWS delivers (EventBridge Scheduler's default
 * notification with its string detail, an EventBridge rule's scheduled event, a manual dry run),
 * through the Lambda runtime's mock event server, on DynamoDB Local.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalTestResource.class)
class RetentionPurgeHandlerIntegrationTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DynamoDbClient dynamo;
    @Inject
    TenantStore tenants;
    @Inject
    StartupTrail trail;

    @Test
    void aDryRunReportsWhatTheScheduledRunThenDeletesAndATerminatedTenantsCredentialsLeaveTheRawTable() throws Exception {
        // A tenant whose subscription ended a week ago, with a credential record; a startup past its 90 days.
        Instant now = TestClock.CLOCK.instant();
        Tenant tenant = Tenant.create(TenantId.generate(), "Gone Co", now.minusSeconds(86_400 * 30));
        tenants.create(tenant);
        tenants.update(tenant.terminatedOn(LocalDate.parse("2031-05-25"), now.minusSeconds(86_400 * 7)), tenant.updatedAt());
        dynamo.putItem(r -> r.tableName("tollgate-tenants").item(Map.of(
                "tenantId", AttributeValue.fromS(tenant.id().value()), "record", AttributeValue.fromS("credentials#model"),
                "last4", AttributeValue.fromS("Vb8N"))));
        KeyDigest digest = new KeyDigest("f0".repeat(32));
        assertTrue(trail.write(List.of(new StartupEvent(UUID.randomUUID().toString().replace("-", ""),
                Instant.parse("2031-02-20T10:00:00Z"), digest, new Product("zendesk-mcp"), VerdictCode.VALID))).isEmpty());

        JsonNode dry = handle(event("manual-dry-run.json"));
        assertTrue(dry.path("dryRun").asBoolean());
        assertEquals(1, category(dry, "credentials").path("found").asInt());
        assertEquals(0, category(dry, "credentials").path("deleted").asInt());
        assertEquals(1, category(dry, "startup-log").path("found").asInt());
        assertEquals(1, credentials(tenant.id()), "a dry run deletes nothing");

        JsonNode real = handle(event("scheduler-default.json"));
        assertFalse(real.path("dryRun").asBoolean());
        assertTrue(real.path("complete").asBoolean());
        assertEquals(Set.of("credentials", "licenses", "startup-log", "admin-audit", "purge-reports"),
                Set.copyOf(StreamSupport.stream(real.path("categories").spliterator(), false)
                        .map(c -> c.path("category").asText()).toList()));
        assertEquals(1, category(real, "credentials").path("deleted").asInt());
        assertEquals(1, category(real, "startup-log").path("deleted").asInt());
        assertEquals("2031-06-01T03:30:00Z", category(real, "credentials").path("cutoff").asText(), "grace 0");
        assertEquals(0, credentials(tenant.id()), "gone from the raw table");
        assertTrue(tenants.find(tenant.id()).isPresent(), "the tenant record stays");

        // Both runs are stored, counts only; running again finds nothing new.
        long stored = dynamo.scan(r -> r.tableName("tollgate-purge-reports")).items().stream()
                .filter(i -> i.containsKey("kind") && i.get("kind").s().equals("purge")).count();
        assertEquals(2, stored);
        JsonNode again = handle(event("eventbridge-rule-scheduled.json"));
        assertEquals(0, category(again, "credentials").path("found").asInt());
        assertEquals(0, category(again, "startup-log").path("found").asInt());
    }

    static JsonNode category(JsonNode report, String name) {
        for (JsonNode c : report.path("categories")) {
            if (c.path("category").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no category " + name + " in " + report);
    }

    long credentials(TenantId tenant) {
        return dynamo.query(r -> r.tableName("tollgate-tenants").consistentRead(true)
                .keyConditionExpression("tenantId = :t AND begins_with(#r, :p)")
                .expressionAttributeNames(Map.of("#r", "record"))
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(tenant.value()),
                        ":p", AttributeValue.fromS("credentials#")))).count();
    }

    static JsonNode handle(String event) throws Exception {
        return JSON.readTree(given().body(event).post("/_lambda_").then().statusCode(200).extract().asString());
    }

    static String event(String name) throws Exception {
        try (InputStream in = RetentionPurgeHandlerIntegrationTest.class.getResourceAsStream("/events/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
