package dev.tollgate.function.admin;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tollgate.embedded.DynamoDbLocalTestResource;
import dev.tollgate.license.LicenseKey;
import dev.tollgate.license.LicenseKeyFormat;
import dev.tollgate.license.LicenseLookup;
import dev.tollgate.license.Product;
import dev.tollgate.license.VerdictCode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Tenants and licences through the admin routes on DynamoDB Local, and what validation says after each change. */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalTestResource.class)
@QuarkusTestResource(StaffTokens.class)
class LicenseLifecycleRoutesIntegrationTest {

    static final Product ZENDESK = new Product("zendesk-mcp");

    @Inject
    LicenseLookup lookup;
    @Inject
    LicenseKeyFormat format;

    @Inject
    DynamoDbClient dynamo;

    @Test
    void aTenantIsCreatedReadRenamedHeldAndTerminated() {
        String id = Staff.tenant("Acme Support");
        Staff.support().get("/v1/admin/tenants/" + id).then().statusCode(200)
                .body("name", equalTo("Acme Support")).body("legalHold", equalTo(false)).body("terminatedOn", nullValue());
        Staff.admin().body("{\"name\":\"Acme Support GmbH\"}").post("/v1/admin/tenants/" + id + "/rename").then()
                .statusCode(200).body("name", equalTo("Acme Support GmbH"));
        Staff.admin().body("{\"enabled\":true}").post("/v1/admin/tenants/" + id + "/legal-hold").then()
                .statusCode(200).body("legalHold", equalTo(true));
        Staff.admin().body("{\"terminatedOn\":\"2026-12-31\"}").post("/v1/admin/tenants/" + id + "/terminate").then()
                .statusCode(200).body("terminatedOn", equalTo("2026-12-31"));
        Staff.admin().post("/v1/admin/tenants/" + id + "/terminate").then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("ALREADY_TERMINATED"));
        Staff.admin().body("{\"product\":\"zendesk-mcp\",\"expiresOn\":\"2027-12-31\"}")
                .post("/v1/admin/tenants/" + id + "/licenses").then().statusCode(409).body("code", equalTo("TENANT_TERMINATED"));
        Staff.support().queryParam("limit", 200).get("/v1/admin/tenants").then().statusCode(200)
                .body("tenants.id", org.hamcrest.Matchers.hasItem(id));
    }

    @Test
    void theKeyIsShownOnceAndEachChangeIsWhatTheNextValidationSays() {
        String tenant = Staff.tenant("Globex");
        JsonPath issued = Staff.admin().body("{\"product\":\"zendesk-mcp\",\"expiresOn\":\"" + LocalDate.now().plusYears(1) + "\"}")
                .post("/v1/admin/tenants/" + tenant + "/licenses").then().statusCode(201)
                .header("Cache-Control", "no-store").body("license.status", equalTo("active"))
                .body("license.verdict", equalTo("VALID")).extract().jsonPath();
        String key = issued.getString("licenseKey");
        String digest = issued.getString("license.keyDigest");
        assertEquals(key.substring(key.length() - 4), issued.getString("license.keySuffix"));

        // Afterwards the key is nowhere: not in reads, not in the table.
        String read = Staff.support().get("/v1/admin/licenses/" + digest).then().statusCode(200)
                .body("tenantName", equalTo("Globex")).extract().asString();
        String canonical = key.replace("-", "");
        assertFalse(read.replace("-", "").contains(canonical));
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName("tollgate-licenses")
                .key(Map.of("keyDigest", AttributeValue.fromS(digest)))).item();
        assertFalse(item.toString().contains(canonical.substring(5, 25)));
        Staff.support().body(Map.of("licenseKey", key)).post("/v1/admin/licenses/lookup").then().statusCode(200)
                .body("keyDigest", equalTo(digest));
        Staff.support().get("/v1/admin/tenants/" + tenant + "/licenses").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].keyDigest", equalTo(digest));

        assertEquals(VerdictCode.VALID, verdict(key));
        change(digest, "suspend").body("status", equalTo("suspended")).body("verdict", equalTo("SUSPENDED"));
        assertEquals(VerdictCode.SUSPENDED, verdict(key));
        change(digest, "reinstate").body("status", equalTo("active"));
        assertEquals(VerdictCode.VALID, verdict(key));
        String later = LocalDate.now().plusYears(2).toString();
        Staff.admin().body("{\"expiresOn\":\"" + later + "\"}").post("/v1/admin/licenses/" + digest + "/renew").then()
                .statusCode(200).body("expiresOn", equalTo(later));
        change(digest, "cancel").body("status", equalTo("cancelled"));
        assertEquals(VerdictCode.CANCELLED, verdict(key));
    }

    @Test
    void illegalTransitionsAre409WithTheReason() {
        String tenant = Staff.tenant("Initech");
        String digest = Staff.admin().body("{\"product\":\"zendesk-mcp\",\"expiresOn\":\"" + LocalDate.now().plusYears(1) + "\"}")
                .post("/v1/admin/tenants/" + tenant + "/licenses").then().statusCode(201).extract().path("license.keyDigest");
        Staff.admin().post("/v1/admin/licenses/" + digest + "/reinstate").then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("ILLEGAL_TRANSITION"))
                .body("detail", containsString("only a suspended licence"));
        change(digest, "cancel");
        Staff.admin().post("/v1/admin/licenses/" + digest + "/reinstate").then().statusCode(409)
                .body("detail", containsString("a cancelled licence cannot be reinstated"));
        Staff.admin().body("{\"expiresOn\":\"2040-01-01\"}").post("/v1/admin/licenses/" + digest + "/renew").then()
                .statusCode(409).body("detail", containsString("cannot be renewed"));
        Staff.support().get("/v1/admin/licenses/" + digest).then().body("status", equalTo("cancelled"));
    }

    @Test
    void badRequestsAre4xxProblemsThatChangeNothing() {
        String tenant = Staff.tenant("Umbrella");
        Staff.admin().body("{\"name\":\"\"}").post("/v1/admin/tenants").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("tenant name"));
        Staff.admin().body("{\"name\":\"x\",\"plan\":\"gold\"}").post("/v1/admin/tenants").then().statusCode(400)
                .body("detail", containsString("unknown field"));
        Staff.admin().body("{\"product\":\"nope\",\"expiresOn\":\"2030-01-01\"}").post("/v1/admin/tenants/" + tenant + "/licenses")
                .then().statusCode(400).body("detail", containsString("no key prefix"));
        Staff.admin().body("{\"product\":\"zendesk-mcp\",\"expiresOn\":\"soon\"}").post("/v1/admin/tenants/" + tenant + "/licenses")
                .then().statusCode(400).body("detail", containsString("ISO 8601"));
        Staff.admin().body("{\"product\":\"zendesk-mcp\",\"expiresOn\":\"2030-01-01\"}")
                .post("/v1/admin/tenants/t_0000000000000000/licenses").then().statusCode(404).body("code", equalTo("TENANT_NOT_FOUND"));
        Staff.support().get("/v1/admin/licenses/" + "0".repeat(64)).then().statusCode(404).body("code", equalTo("LICENSE_NOT_FOUND"));
        Staff.support().get("/v1/admin/licenses/XYZ").then().statusCode(404);
        Staff.support().body("{\"licenseKey\":\"ZDMCP-nope\"}").post("/v1/admin/licenses/lookup").then().statusCode(400)
                .body("detail", containsString("licence key"));
        Staff.admin().body("{\"enabled\":\"yes\"}").post("/v1/admin/tenants/" + tenant + "/legal-hold").then().statusCode(400);
        Staff.support().queryParam("limit", 0).get("/v1/admin/tenants").then().statusCode(400);
        Staff.support().get("/v1/admin/tenants/" + tenant + "/licenses").then().statusCode(200).body("$", hasSize(0));
        Staff.support().get("/v1/admin/tenants/" + tenant).then().body("name", equalTo("Umbrella")).body("legalHold", equalTo(false));
    }

    private static io.restassured.response.ValidatableResponse change(String digest, String action) {
        return Staff.admin().post("/v1/admin/licenses/" + digest + "/" + action).then().statusCode(200);
    }

    /** What validation would answer now: the admin function reads licences as validation does, but signs no lease. */
    private VerdictCode verdict(String key) {
        return lookup.find((LicenseKey) format.parse(key), ZENDESK, Instant.now()).code();
    }
}
