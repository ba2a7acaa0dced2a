package dev.tollgate.local;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.embedded.DynamoDbLocalTestResource;
import dev.tollgate.release.ArtifactStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The README's update flow on the local runtime: upload and register, ask for a URL, download, check the bytes. */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalTestResource.class)
class LocalUpdateFlowIntegrationTest {

    @Inject
    ArtifactStore artifacts;

    @Test
    void aDownloadThroughTheIssuedUrlMatchesItsSha256AndTamperedOrExpiredUrlsAreRefused() throws Exception {
        byte[] artifact = new byte[150_000];
        new Random(42).nextBytes(artifact);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(artifact));
        Map<String, String> release = Map.of("product", "zendesk-mcp", "version", "3.1.0",
                "fileName", "zendesk-mcp-3.1.0.tar.gz", "notes", "Local flow");
        String uploadUrl = LocalAdmin.admin().body(release).post("/v1/admin/releases/uploads").then().statusCode(200)
                .extract().path("uploadUrl");
        given().urlEncodingEnabled(false).contentType("application/octet-stream").body(artifact).put(uploadUrl).then()
                .statusCode(200);
        given().urlEncodingEnabled(false).contentType("application/octet-stream").body(artifact)
                .put(uploadUrl.replace("expires=", "expires=9")).then().statusCode(403).body("code", equalTo("URL_REFUSED"));
        LocalAdmin.admin().body(release).post("/v1/admin/releases").then().statusCode(201)
                .body("sha256", equalTo(sha256)).body("size", equalTo(150_000)).body("channel", equalTo("stable"));

        String key = LocalRuntimeIntegrationTest.issue(LocalDate.now(ZoneOffset.UTC).plusYears(1));
        JsonPath answer = given().contentType(ContentType.JSON).body(Map.of("licenseKey", key, "version", "3.1.0"))
                .post("/v1/updates/download-url").then().statusCode(200).extract().jsonPath();
        assertEquals(sha256, answer.getString("sha256"));
        URI url = URI.create(answer.getString("url"));

        byte[] downloaded = given().urlEncodingEnabled(false).get(url.toString()).then().statusCode(200)
                .header("Content-Disposition", containsString("zendesk-mcp-3.1.0.tar.gz"))
                .extract().asByteArray();
        assertArrayEquals(artifact, downloaded);
        assertEquals(sha256, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(downloaded)));

        String signature = url.getRawQuery().replaceAll(".*signature=([^&]+).*", "$1");
        String flipped = (signature.charAt(0) == 'A' ? "B" : "A") + signature.substring(1);
        for (String tampered : new String[] {
                url.toString().replace("signature=" + signature, "signature=" + flipped),
                url.toString().replace("expires=", "expires=9"),
                url.toString().replace(".tar.gz?", ".tgz?"),
                url.toString().replace("filename=zendesk-mcp-3.1.0.tar.gz", "filename=run.sh"),
                url.toString().substring(0, url.toString().indexOf('?'))}) {
            given().urlEncodingEnabled(false).get(tampered).then().statusCode(403)
                    .contentType("application/problem+json").body("code", equalTo("URL_REFUSED"));
        }
        URI expired = artifacts.downloadUrl("zendesk-mcp/3.1.0/zendesk-mcp-3.1.0.tar.gz", "zendesk-mcp-3.1.0.tar.gz",
                Duration.ofSeconds(-1)).url();
        given().urlEncodingEnabled(false).get(expired.toString()).then().statusCode(403).body("code", equalTo("URL_REFUSED"));

        // The same version again is refused before any upload URL is handed out: the artifact is unchanged.
        LocalAdmin.admin().body(release).post("/v1/admin/releases/uploads").then().statusCode(409)
                .body("detail", containsString("already in the catalog"));
        LocalAdmin.admin().body(release).post("/v1/admin/releases").then().statusCode(409);
        assertArrayEquals(artifact, given().urlEncodingEnabled(false).get(url.toString()).then().statusCode(200)
                .extract().asByteArray());
    }
}
