package dev.tollgate.function.admin;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tollgate.adapters.dynamodb.DynamoAuditTrail;
import dev.tollgate.adapters.dynamodb.TableBootstrap;
import dev.tollgate.embedded.DynamoDbLocalTestResource;
import dev.tollgate.license.Product;
import dev.tollgate.release.Release;
import dev.tollgate.release.ReleaseCatalog;
import dev.tollgate.release.SemVer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Nothing half-written: a licence change, a tenant rename, a yank and a credential delete commit in one TransactWriteItems with
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

    @Inject
    ReleaseCatalog catalog;

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

    @Test
    void aYankACredentialDeleteOrAKeyRotationWhoseAuditEntryCannotBeWrittenDoesNotStand() {
        String tenant = Staff.tenant("Atomic Deletes Ltd");
        Staff.admin().body(Map.of("provider", "anthropic", "model", "claude-sonnet-4-5", "apiKey",
                        "sk-ant-api03-" + "a".repeat(40)))
                .put("/v1/admin/tenants/" + tenant + "/credentials/model").then().statusCode(200);
        catalog.add(new Release(new Product("zendesk-mcp"), SemVer.parse("9.9.9"), Release.STABLE,
                "zendesk-mcp/9.9.9/a.tgz", "a.tgz", "0".repeat(64), 1, Instant.now(), false, Optional.empty()));

        int keys = Staff.admin().get("/v1/admin/signing-keys").then().statusCode(200).extract().path("size()");

        dynamo.deleteTable(r -> r.tableName(AUDIT));
        try {
            Staff.admin().post("/v1/admin/signing-keys/rotate").then().statusCode(500);
            Staff.admin().delete("/v1/admin/tenants/" + tenant + "/credentials/model").then().statusCode(500);
            Staff.admin().post("/v1/admin/releases/zendesk-mcp/9.9.9/yank").then().statusCode(500);
        } finally {
            TableBootstrap.createMissing(dynamo, List.of(
                    new TableBootstrap.Table(DynamoAuditTrail.tableDefinition(AUDIT), DynamoAuditTrail.TTL)));
        }
        Staff.support().get("/v1/admin/tenants/" + tenant + "/credentials").then().statusCode(200).body("size()", equalTo(1));
        Staff.admin().get("/v1/admin/signing-keys").then().statusCode(200).body("size()", equalTo(keys));
        assertFalse(catalog.find(new Product("zendesk-mcp"), SemVer.parse("9.9.9")).orElseThrow().yanked(),
                "the yank stood without its audit entry");

        Staff.admin().delete("/v1/admin/tenants/" + tenant + "/credentials/model").then().statusCode(204);
        Staff.admin().delete("/v1/admin/tenants/" + tenant + "/credentials/model").then().statusCode(404);
        Staff.admin().post("/v1/admin/releases/zendesk-mcp/9.9.9/yank").then().statusCode(200);
        Staff.admin().post("/v1/admin/releases/zendesk-mcp/9.9.9/yank").then().statusCode(409);
    }
}
