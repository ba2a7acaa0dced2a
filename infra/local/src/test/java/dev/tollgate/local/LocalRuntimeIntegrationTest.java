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
    void leasesAreSignedInMemoryWithTheStoredKeyAndARotationKeepsThemVerifying() throws Exception {
        String key = issue(LocalDate.now(ZoneOffset.UTC).plusYears(1));
        String token = given().contentType(ContentType.JSON)
                .body(Map.of("licenseKey", key, "product", "zendesk-mcp", "nonce", "local-1"))
                .post("/v1/licenses/validate").then().statusCode(200).extract().path("lease.token");
        String kid = com.nimbusds.jwt.SignedJWT.parse(token).getHeader().getKeyID();
        String signing = LocalAdmin.admin().get("/v1/admin/signing-keys").then().statusCode(200)
                .extract().path("find { it.signing }.kid");
        assertEquals(signing, kid, "signed with the key the lease keys table names");

        LocalAdmin.admin().post("/v1/admin/signing-keys/rotate").then().statusCode(201);
        String jwks = given().get("/.well-known/jwks.json").then().statusCode(200).extract().asString();
        com.nimbusds.jose.jwk.JWKSet set = com.nimbusds.jose.jwk.JWKSet.parse(jwks);
        assertEquals(2, LocalAdmin.admin().get("/v1/admin/signing-keys").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.status != 'retired' }.kid").size(), "both keys stay published");
        com.nimbusds.jwt.SignedJWT jwt = com.nimbusds.jwt.SignedJWT.parse(token);
        org.junit.jupiter.api.Assertions.assertTrue(jwt.verify(new com.nimbusds.jose.crypto.ECDSAVerifier(
                set.getKeyByKeyId(kid).toECKey())));
        assertEquals("local-1", jwt.getJWTClaimsSet().getStringClaim("nonce"));
    }

    @Test
    void theJwksIsPublished() {
        given().get("/.well-known/jwks.json").then().statusCode(200)
                .body("keys[0].kty", equalTo("EC")).body("keys[0].crv", equalTo("P-256"))
                .body("keys[0].alg", equalTo("ES256")).body("keys[0].d", nullValue());
    }
}
