package dev.tollgate.function.admin;

import dev.tollgate.credentials.CredentialOpener;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.credentials.CredentialStore;
import dev.tollgate.credentials.OpenCredentials;
import dev.tollgate.embedded.DynamoDbLocalTestResource;
import dev.tollgate.embedded.RawItems;
import dev.tollgate.keys.KeyRing;
import dev.tollgate.tenant.TenantId;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Credentials through the admin routes: secrets go in, only facts and the last four come out, the table holds ciphertext. */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalTestResource.class)
@QuarkusTestResource(StaffTokens.class)
class CredentialRoutesIntegrationTest {

    static final String OAUTH_TOKEN = "zd-oauth-4Rt8Sw1Yb6Cn3Df5Gh0JkL2mX9pQ";
    static final String API_KEY = "sk-proj-Hd3Jf5Gz0YaVb8Nq2Wm7Xr4Ts9Lp1Kc6";

    @Inject
    DynamoDbClient dynamo;

    @Inject
    CredentialStore store;
    @Inject
    KeyRing keys;

    @Test
    void secretsAreSealedAndReadsShowFactsAndLastFour() {
        String tenant = Staff.tenant("Sealed Co");
        Staff.admin().body(Map.of("subdomain", "sealedco", "authType", "oauth", "token", OAUTH_TOKEN))
                .put("/v1/admin/tenants/" + tenant + "/credentials/zendesk").then().statusCode(200)
                .body("kind", equalTo("zendesk")).body("subdomain", equalTo("sealedco")).body("last4", equalTo("X9pQ"))
                .body("$", not(hasKey("token")));
        Staff.admin().body(Map.of("provider", "openai-compatible", "baseUrl", "https://llm.sealed.example/v1",
                        "model", "qwen2.5-72b", "apiKey", API_KEY, "redact", true))
                .put("/v1/admin/tenants/" + tenant + "/credentials/model").then().statusCode(200)
                .body("provider", equalTo("openai-compatible")).body("last4", equalTo("1Kc6"))
                .body("redact", equalTo("true"));

        String read = Staff.support().get("/v1/admin/tenants/" + tenant + "/credentials").then().statusCode(200)
                .body("size()", equalTo(2)).body("find { it.kind == 'model' }.model", equalTo("qwen2.5-72b"))
                .body("find { it.kind == 'model' }.baseUrl", equalTo("https://llm.sealed.example/v1"))
                .body("find { it.kind == 'zendesk' }.authType", equalTo("oauth"))
                .extract().asString();
        assertFalse(read.contains(OAUTH_TOKEN.substring(0, 20)) || read.contains(API_KEY.substring(0, 20)));

        String table = dynamo.scanPaginator(r -> r.tableName("tollgate-tenants")).items().stream()
                .filter(item -> item.get("tenantId").s().equals(tenant))
                .map(RawItems::dump).reduce("", String::concat);
        for (String secret : List.of(OAUTH_TOKEN, API_KEY)) {
            for (int i = 0; i + 8 <= secret.length(); i++) {
                assertFalse(table.contains(secret.substring(i, i + 8)), "plaintext secret at rest");
            }
        }
        // Ticket processing gets them back, and only for this tenant.
        // The admin function seals and cannot open (it has no DataKeyUnwrapper); the test opens with the ring itself.
        OpenCredentials open = new OpenCredentials(store, new CredentialOpener(keys));
        assertEquals(API_KEY, open.model(new TenantId(tenant)).orElseThrow().apiKey());
        assertTrue(open.model(new TenantId(tenant)).orElseThrow().redact(), "the redaction switch is a bound fact");
        assertEquals(OAUTH_TOKEN, open.zendesk(new TenantId(tenant)).orElseThrow().token());
    }

    @Test
    void badCredentialsAre400AndStoreNothing() {
        String tenant = Staff.tenant("Careful Co");
        Map<Map<String, String>, String> zendesk = Map.of(
                Map.of("subdomain", "Bad Sub", "authType", "oauth", "token", OAUTH_TOKEN), "subdomain",
                Map.of("subdomain", "ok", "authType", "password", "token", OAUTH_TOKEN), "authType",
                Map.of("subdomain", "ok", "authType", "api_token", "token", OAUTH_TOKEN), "email",
                Map.of("subdomain", "ok", "authType", "oauth", "token", "short"), "token");
        zendesk.forEach((body, why) -> Staff.admin().body(body).put("/v1/admin/tenants/" + tenant + "/credentials/zendesk")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString(why)));
        Map<Map<String, String>, String> model = Map.of(
                Map.of("provider", "openai-compatible", "model", "m", "apiKey", API_KEY), "baseUrl",
                Map.of("provider", "openai-compatible", "baseUrl", "ftp://x/v1", "model", "m", "apiKey", API_KEY), "baseUrl",
                Map.of("provider", "openai-compatible", "baseUrl", "https://user:pw@x/v1", "model", "m", "apiKey", API_KEY), "baseUrl",
                Map.of("provider", "openai", "baseUrl", "https://x/v1", "model", "m", "apiKey", API_KEY), "baseUrl",
                Map.of("provider", "anthropic", "model", "has space", "apiKey", API_KEY), "model");
        model.forEach((body, why) -> Staff.admin().body(body).put("/v1/admin/tenants/" + tenant + "/credentials/model")
                .then().statusCode(400).body("detail", containsString(why)));
        Staff.admin().delete("/v1/admin/tenants/" + tenant + "/credentials/model").then().statusCode(404)
                .body("code", equalTo("CREDENTIALS_NOT_FOUND"));
        Staff.admin().delete("/v1/admin/tenants/" + tenant + "/credentials/ftp").then().statusCode(404);
        Staff.admin().body(Map.of("provider", "openai", "model", "gpt-4.1", "apiKey", API_KEY))
                .put("/v1/admin/tenants/t_0000000000000000/credentials/model").then().statusCode(404);
        Staff.support().get("/v1/admin/tenants/" + tenant + "/credentials").then().statusCode(200).body("size()", equalTo(0));
    }
}
