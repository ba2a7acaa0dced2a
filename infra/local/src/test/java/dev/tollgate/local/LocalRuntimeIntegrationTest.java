package dev.tollgate.local;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.embedded.DynamoDbLocalTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's walk-through, on the local runtime: a dev token, a tenant, a licence, then every answer the README shows. */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalTestResource.class)
class LocalRuntimeIntegrationTest {

    static String issue(LocalDate expiresOn) {
        return LocalAdmin.issue(expiresOn);
    }

    static String verdict(String key) {
        return given().contentType(ContentType.JSON).body(Map.of("licenseKey", key, "product", "zendesk-mcp"))
                .post("/v1/licenses/validate").then().statusCode(200).extract().path("verdict");
    }

    @Test
    void aLicenceIssuedLocallyValidates() {
        assertEquals("VALID", verdict(issue(LocalDate.now(ZoneOffset.UTC).plusYears(1))));
    }

    @Test
    void aLicenceThatEndedYesterdayIsExpired() {
        assertEquals("EXPIRED", verdict(issue(LocalDate.now(ZoneOffset.UTC).minusDays(1))));
    }

    @Test
    void aWellFormedKeyNeverIssuedIsNotFound() {
        // Well-formed: "5" is the check character of ZDMCP followed by 27 zeros.
        assertEquals("NOT_FOUND", verdict("ZDMCP-0000-0000-0000-0000-0000-0000-0005"));
    }

    @Test
    void aMalformedKeyIs400() {
        given().contentType(ContentType.JSON).body(Map.of("licenseKey", "not-a-key", "product", "zendesk-mcp"))
                .post("/v1/licenses/validate").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("MALFORMED_KEY"));
    }

    @Test
    void issuingRefusesWhatItCannotServe() {
        String tenant = LocalAdmin.tenant("Acme");
        String licenses = "/v1/admin/tenants/" + tenant + "/licenses";
        LocalAdmin.admin().body(Map.of("product", "unknown-product", "expiresOn", "2030-01-01")).post(licenses).then()
                .statusCode(400).contentType("application/problem+json").body("detail", containsString("no key prefix"));
        LocalAdmin.admin().body(Map.of("product", "zendesk-mcp", "expiresOn", "next year")).post(licenses).then()
                .statusCode(400).body("detail", containsString("ISO 8601"));
        LocalAdmin.admin().body(Map.of("name", " ")).post("/v1/admin/tenants").then()
                .statusCode(400).body("detail", containsString("tenant name"));
        LocalAdmin.admin().body(Map.of("product", "zendesk-mcp", "expiresOn", "2020-01-31")).post(licenses).then()
                .statusCode(400).body("detail", containsString("retention"));
        given().contentType(ContentType.JSON).body(Map.of("product", "zendesk-mcp", "expiresOn", "2030-01-01"))
                .post(licenses).then().statusCode(401);
    }

    @Test
    void theJwksIsPublished() {
        given().get("/.well-known/jwks.json").then().statusCode(200)
                .body("keys[0].kty", equalTo("EC")).body("keys[0].crv", equalTo("P-256"))
                .body("keys[0].alg", equalTo("ES256")).body("keys[0].d", nullValue());
    }
}
