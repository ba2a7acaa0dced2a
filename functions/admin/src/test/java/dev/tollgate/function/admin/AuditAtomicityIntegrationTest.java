package dev.tollgate.function.admin;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tollgate.adapters.dynamodb.DynamoAuditTrail;
import dev.tollgate.adapters.dynamodb.TableBootstrap;
import dev.tollgate.embedded.DynamoDbLocalTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Nothing half-written: a licence change and a tenant rename commit in one TransactWriteItems with
 * their audit entry. With the audit table gone, the command fails, and the change did not stand.
 * The 500 does not claim the request changed nothing.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalTestResource.class)
@QuarkusTestResource(StaffTokens.class)
class AuditAtomicityIntegrationTest {

    static final String AUDIT = "tollgate-admin-audit";

    @Inject
    DynamoDbClient dynamo;

    @Test
    void aChangeWhoseAuditEntryCannotBeWrittenDoesNotStand() {
        String tenant = Staff.tenant("Atomic Ltd");
        String digest = Staff.admin().body("{\"product\":\"zendesk-mcp\",\"expiresOn\":\"" + LocalDate.now().plusYears(1) + "\"}")
                .post("/v1/admin/tenants/" + tenant + "/licenses").then().statusCode(201).extract().path("license.keyDigest");

        dynamo.deleteTable(r -> r.tableName(AUDIT));
        try {
            ExtractableResponse<Response> suspend = Staff.admin().post("/v1/admin/licenses/" + digest + "/suspend")
                    .then().extract();
            assertEquals(500, suspend.statusCode(), suspend.asString());
            assertFalse(suspend.asString().toLowerCase().contains("changed nothing"), suspend.asString());
            Staff.admin().body("{\"name\":\"Half Written Ltd\"}").post("/v1/admin/tenants/" + tenant + "/rename")
                    .then().statusCode(500);
        } finally {
            TableBootstrap.createMissing(dynamo, List.of(
                    new TableBootstrap.Table(DynamoAuditTrail.tableDefinition(AUDIT), DynamoAuditTrail.TTL)));
        }

        Map<String, AttributeValue> licence = dynamo.getItem(r -> r.tableName("tollgate-licenses")
                .key(Map.of("keyDigest", AttributeValue.fromS(digest)))).item();
        assertEquals("active", licence.get("status").s(), "the suspension stood without its audit entry");
        Staff.admin().get("/v1/admin/tenants/" + tenant).then().statusCode(200).body("name", equalTo("Atomic Ltd"));

        // With the trail back, the same command goes through, and its entry with it.
        Staff.admin().post("/v1/admin/licenses/" + digest + "/suspend").then().statusCode(200);
        assertEquals("suspended", dynamo.getItem(r -> r.tableName("tollgate-licenses")
                .key(Map.of("keyDigest", AttributeValue.fromS(digest)))).item().get("status").s());
    }
}
