package dev.tollgate.function.admin;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tollgate.embedded.DynamoDbLocalTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every staff write leaves exactly one audit entry, refused ones included, naming the actor by the
 * token's subject; no entry holds a licence key, a secret or an e-mail. Support can write nothing.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalTestResource.class)
@QuarkusTestResource(StaffTokens.class)
class AdminAuditIntegrationTest {

    static final String ZENDESK_TOKEN = "zd-api-9Tq2Lm7Xv4Rt8Sw1Yb6Cn3Df5Gh0Jk";
    static final String EMAIL = "agent@acme.example";
    static final String MODEL_KEY = "sk-ant-api03-Wq8Nq2Wm7Xr4Ts9Lp1Kc6Hd3Jf5Gz0Yb";

    @Inject
    DynamoDbClient dynamo;

    @Test
    void everyAdminWriteLeavesExactlyOneEntryWithoutSecrets() {
        String actor = "auditor-" + UUID.randomUUID() + "@vendor.example";
        Supplier<RequestSpecification> as = () -> Staff.admin(actor);
        List<String[]> expected = new ArrayList<>();

        String tenant = as.get().body("{\"name\":\"Audited Ltd\"}").post("/v1/admin/tenants").then().statusCode(201)
                .extract().path("id");
        expected.add(new String[] {"tenant.create", "tenant/" + tenant, "ok"});
        as.get().body("{\"name\":\"\"}").post("/v1/admin/tenants").then().statusCode(400);
        expected.add(new String[] {"tenant.create", "tenant/new", "refused INVALID_REQUEST"});
        as.get().body("{\"name\":\"Audited Limited\"}").post("/v1/admin/tenants/" + tenant + "/rename").then().statusCode(200);
        expected.add(new String[] {"tenant.rename", "tenant/" + tenant, "ok"});
        as.get().body("{\"enabled\":true}").post("/v1/admin/tenants/" + tenant + "/legal-hold").then().statusCode(200);
        expected.add(new String[] {"tenant.legal-hold", "tenant/" + tenant, "ok"});

        JsonPath issued = as.get().body("{\"product\":\"zendesk-mcp\",\"expiresOn\":\"" + LocalDate.now().plusYears(1) + "\"}")
                .post("/v1/admin/tenants/" + tenant + "/licenses").then().statusCode(201).extract().jsonPath();
        String key = issued.getString("licenseKey");
        String digest = issued.getString("license.keyDigest");
        expected.add(new String[] {"license.issue", "license/" + digest, "ok"});
        as.get().post("/v1/admin/licenses/" + digest + "/suspend").then().statusCode(200);
        expected.add(new String[] {"license.suspend", "license/" + digest, "ok"});
        as.get().post("/v1/admin/licenses/" + digest + "/suspend").then().statusCode(409);
        expected.add(new String[] {"license.suspend", "license/" + digest, "refused ILLEGAL_TRANSITION"});
        as.get().post("/v1/admin/licenses/" + digest + "/reinstate").then().statusCode(200);
        expected.add(new String[] {"license.reinstate", "license/" + digest, "ok"});
        as.get().body("{\"expiresOn\":\"" + LocalDate.now().plusYears(2) + "\"}").post("/v1/admin/licenses/" + digest + "/renew")
                .then().statusCode(200);
        expected.add(new String[] {"license.renew", "license/" + digest, "ok"});

        as.get().body(Map.of("subdomain", "acme", "authType", "api_token", "email", EMAIL, "token", ZENDESK_TOKEN))
                .put("/v1/admin/tenants/" + tenant + "/credentials/zendesk").then().statusCode(200);
        expected.add(new String[] {"credentials.zendesk.put", "tenant/" + tenant, "ok"});
        as.get().body(Map.of("provider", "anthropic", "model", "claude-sonnet-4-5", "apiKey", MODEL_KEY))
                .put("/v1/admin/tenants/" + tenant + "/credentials/model").then().statusCode(200);
        expected.add(new String[] {"credentials.model.put", "tenant/" + tenant, "ok"});
        as.get().body(Map.of("provider", "bard", "model", "x", "apiKey", MODEL_KEY))
                .put("/v1/admin/tenants/" + tenant + "/credentials/model").then().statusCode(400);
        expected.add(new String[] {"credentials.model.put", "tenant/" + tenant, "refused INVALID_REQUEST"});
        as.get().delete("/v1/admin/tenants/" + tenant + "/credentials/model").then().statusCode(204);
        expected.add(new String[] {"credentials.model.delete", "tenant/" + tenant, "ok"});

        String release = "{\"product\":\"zendesk-mcp\",\"version\":\"9.8.7\",\"fileName\":\"zendesk-mcp-9.8.7.tar.gz\"}";
        as.get().body(release).post("/v1/admin/releases/uploads").then().statusCode(200);
        expected.add(new String[] {"release.upload-url", "releases", "ok"});
        as.get().body(release).post("/v1/admin/releases").then().statusCode(409);
        expected.add(new String[] {"release.register", "releases", "refused NOTHING_UPLOADED"});
        as.get().post("/v1/admin/releases/zendesk-mcp/9.8.7/yank").then().statusCode(404);
        expected.add(new String[] {"release.yank", "release/zendesk-mcp/9.8.7", "refused VERSION_NOT_FOUND"});

        as.get().post("/v1/admin/licenses/" + digest + "/cancel").then().statusCode(200);
        expected.add(new String[] {"license.cancel", "license/" + digest, "ok"});
        as.get().post("/v1/admin/tenants/" + tenant + "/terminate").then().statusCode(200);
        expected.add(new String[] {"tenant.terminate", "tenant/" + tenant, "ok"});

        List<Map<String, AttributeValue>> entries = entriesBy(actor);
        assertEquals(expected.size(), entries.size(), "one entry per write");
        for (int i = 0; i < expected.size(); i++) {
            Map<String, AttributeValue> entry = entries.get(i);
            assertEquals(String.join(" | ", expected.get(i)), entry.get("action").s() + " | " + entry.get("target").s()
                    + " | " + entry.get("result").s(), "entry " + i);
        }
        String everything = entries.toString();
        for (String secret : List.of(ZENDESK_TOKEN, MODEL_KEY, EMAIL, key, key.replace("-", ""))) {
            assertFalse(everything.contains(secret), "a secret in the audit trail");
        }

        // Support reads the trail through the API.
        Staff.support().get("/v1/admin/audit").then().statusCode(200)
                .body("entries.findAll { it.actor == '" + actor + "' }.size()", equalTo(expected.size()));
    }

    @Test
    void supportCanReadButEveryWriteIs403AndLeavesNothing() {
        String tenant = Staff.tenant("Read Only Inc");
        String digest = Staff.admin().body("{\"product\":\"zendesk-mcp\",\"expiresOn\":\"" + LocalDate.now().plusYears(1) + "\"}")
                .post("/v1/admin/tenants/" + tenant + "/licenses").then().statusCode(201).extract().path("license.keyDigest");
        String supporter = "support-" + UUID.randomUUID();
        String release = "{\"product\":\"zendesk-mcp\",\"version\":\"1.0.0\",\"fileName\":\"a.tar.gz\"}";
        Map<String, String[]> writes = new java.util.LinkedHashMap<>();
        writes.put("create tenant", new String[] {"POST", "/v1/admin/tenants", "{\"name\":\"x\"}"});
        writes.put("rename", new String[] {"POST", "/v1/admin/tenants/" + tenant + "/rename", "{\"name\":\"x\"}"});
        writes.put("terminate", new String[] {"POST", "/v1/admin/tenants/" + tenant + "/terminate", "{}"});
        writes.put("legal hold", new String[] {"POST", "/v1/admin/tenants/" + tenant + "/legal-hold", "{\"enabled\":true}"});
        writes.put("issue", new String[] {"POST", "/v1/admin/tenants/" + tenant + "/licenses",
                "{\"product\":\"zendesk-mcp\",\"expiresOn\":\"2030-01-01\"}"});
        for (String action : List.of("suspend", "reinstate", "cancel")) {
            writes.put(action, new String[] {"POST", "/v1/admin/licenses/" + digest + "/" + action, "{}"});
        }
        writes.put("renew", new String[] {"POST", "/v1/admin/licenses/" + digest + "/renew", "{\"expiresOn\":\"2040-01-01\"}"});
        writes.put("zendesk", new String[] {"PUT", "/v1/admin/tenants/" + tenant + "/credentials/zendesk",
                "{\"subdomain\":\"a\",\"authType\":\"oauth\",\"token\":\"" + ZENDESK_TOKEN + "\"}"});
        writes.put("model", new String[] {"PUT", "/v1/admin/tenants/" + tenant + "/credentials/model",
                "{\"provider\":\"openai\",\"model\":\"gpt-4.1\",\"apiKey\":\"" + MODEL_KEY + "\"}"});
        writes.put("delete credentials", new String[] {"DELETE", "/v1/admin/tenants/" + tenant + "/credentials/model", null});
        writes.put("upload url", new String[] {"POST", "/v1/admin/releases/uploads", release});
        writes.put("register", new String[] {"POST", "/v1/admin/releases", release});
        writes.put("yank", new String[] {"POST", "/v1/admin/releases/zendesk-mcp/1.0.0/yank", "{}"});

        writes.forEach((what, w) -> {
            RequestSpecification request = Staff.support(supporter);
            if (w[2] != null) {
                request = request.body(w[2]);
            }
            request.request(w[0], w[1]).then().statusCode(403).contentType("application/problem+json")
                    .body("code", equalTo("FORBIDDEN"));
        });

        assertEquals(0, entriesBy(supporter).size(), "a refused token changed nothing, so there is nothing to audit");
        Staff.support(supporter).get("/v1/admin/tenants/" + tenant).then().statusCode(200)
                .body("name", equalTo("Read Only Inc")).body("legalHold", equalTo(false)).body("terminatedOn", org.hamcrest.Matchers.nullValue());
        Staff.support(supporter).get("/v1/admin/licenses/" + digest).then().statusCode(200).body("status", equalTo("active"));
        Staff.support(supporter).get("/v1/admin/tenants/" + tenant + "/credentials").then().statusCode(200)
                .body("size()", equalTo(0));
        Staff.support(supporter).queryParam("product", "zendesk-mcp").get("/v1/admin/releases").then().statusCode(200);
    }

    private List<Map<String, AttributeValue>> entriesBy(String actor) {
        return dynamo.scanPaginator(r -> r.tableName("tollgate-admin-audit")).items().stream()
                .filter(item -> item.get("actor").s().equals(actor))
                .sorted(Comparator.comparing(item -> item.get("entry").s()))
                .toList();
    }
}
