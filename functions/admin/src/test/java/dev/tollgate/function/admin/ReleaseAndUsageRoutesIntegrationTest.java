package dev.tollgate.function.admin;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.adapters.local.LocalArtifactStore;
import dev.tollgate.embedded.DynamoDbLocalTestResource;
import dev.tollgate.release.ArtifactStore;
import dev.tollgate.tenant.TenantId;
import dev.tollgate.usage.UsageLedger;
import dev.tollgate.usage.UsageRecord;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Releases through the admin routes with the local artifact store (the S3 store's upload and publish
 * run on moto in shared-model), and the usage read route on DynamoDB Local.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalTestResource.class)
@QuarkusTestResource(StaffTokens.class)
class ReleaseAndUsageRoutesIntegrationTest {

    @Inject
    ArtifactStore artifacts;

    @Inject
    UsageLedger ledger;

    @Test
    void aReleaseIsUploadedRegisteredListedAndYanked() throws Exception {
        String body = "{\"product\":\"zendesk-mcp\",\"version\":\"3.1.0\",\"channel\":\"beta\","
                + "\"fileName\":\"zendesk-mcp-3.1.0.tar.gz\",\"notes\":\"Faster triage\"}";
        String url = Staff.admin().body(body).post("/v1/admin/releases/uploads").then().statusCode(200)
                .body("method", equalTo("PUT")).body("uploadUrl", startsWith(LocalArtifactStore.UPLOAD_ROUTE))
                .extract().path("uploadUrl");
        byte[] file = "the 3.1.0 artifact".getBytes();
        // The local runtime serves the upload route; here the store takes the PUT directly.
        Map<String, String> query = query(URI.create(url));
        ((LocalArtifactStore) artifacts).acceptUpload("zendesk-mcp/3.1.0/zendesk-mcp-3.1.0.tar.gz",
                Long.parseLong(query.get("expires")), query.get("signature"), new ByteArrayInputStream(file));

        Staff.admin().body(body).post("/v1/admin/releases").then().statusCode(201)
                .body("sha256", equalTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file))))
                .body("size", equalTo(file.length)).body("channel", equalTo("beta")).body("yanked", equalTo(false));
        Staff.admin().body(body).post("/v1/admin/releases").then().statusCode(409).body("code", equalTo("RELEASE_EXISTS"));
        Staff.admin().body(body).post("/v1/admin/releases/uploads").then().statusCode(409);

        Staff.support().queryParam("product", "zendesk-mcp").get("/v1/admin/releases").then().statusCode(200)
                .body("find { it.version == '3.1.0' }.notes", equalTo("Faster triage"));
        Staff.admin().post("/v1/admin/releases/zendesk-mcp/3.1.0/yank").then().statusCode(200).body("yanked", equalTo(true));
        Staff.admin().post("/v1/admin/releases/zendesk-mcp/3.1.0/yank").then().statusCode(409)
                .body("code", equalTo("ALREADY_YANKED"));
        Staff.support().queryParam("product", "zendesk-mcp").get("/v1/admin/releases").then()
                .body("find { it.version == '3.1.0' }.yanked", equalTo(true));
        Staff.admin().body("{\"product\":\"zendesk-mcp\",\"version\":\"v1\",\"fileName\":\"a.tgz\"}")
                .post("/v1/admin/releases/uploads").then().statusCode(400);
        Staff.support().get("/v1/admin/releases").then().statusCode(400);
    }

    @Test
    void usageIsReadByMonthRange() {
        String tenant = Staff.tenant("Busy Co");
        ledger.add(new UsageRecord(new TenantId(tenant), YearMonth.of(2026, 10), "anthropic", "claude-sonnet-4-5", 3, 9000, 1200));
        ledger.add(new UsageRecord(new TenantId(tenant), YearMonth.of(2026, 11), "anthropic", "claude-sonnet-4-5", 1, 100, 20));
        ledger.add(new UsageRecord(new TenantId(tenant), YearMonth.of(2025, 1), "openai", "gpt-4.1", 1, 1, 1));
        Staff.support().queryParam("from", "2026-10").queryParam("to", "2026-11")
                .get("/v1/admin/tenants/" + tenant + "/usage").then().statusCode(200)
                .body("usage.size()", equalTo(2)).body("usage[0].month", equalTo("2026-10"))
                .body("usage[0].inputTokens", equalTo(9000)).body("usage[1].requests", equalTo(1));
        Staff.support().queryParam("from", "2026-12").queryParam("to", "2026-11")
                .get("/v1/admin/tenants/" + tenant + "/usage").then().statusCode(400);
        Staff.support().queryParam("from", "last year").get("/v1/admin/tenants/" + tenant + "/usage").then().statusCode(400);
        Staff.support().get("/v1/admin/tenants/t_0000000000000000/usage").then().statusCode(404);
        assertEquals(200, Staff.support().get("/v1/admin/tenants/" + tenant + "/usage").statusCode());
    }

    static Map<String, String> query(URI url) {
        Map<String, String> q = new HashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(kv[0], kv[1]);
        }
        return q;
    }
}
