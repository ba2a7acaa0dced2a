package dev.tollgate.function.validation;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.embedded.DynamoDbLocalTestResource;
import dev.tollgate.keys.KeyDigester;
import dev.tollgate.license.LicenseKey;
import dev.tollgate.license.LicenseStatus;
import dev.tollgate.license.Licenses;
import dev.tollgate.startup.InMemoryStartupEvents;
import dev.tollgate.startup.StartupEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every verdict through the HTTP route, on DynamoDB Local, with leases checked by nimbus-jose-jwt. */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalTestResource.class)
class ValidateLicenseRouteIntegrationTest {

    static final LocalDate NEXT_YEAR = LocalDate.now().plusYears(1);

    @Inject
    Licenses licenses;
    @Inject
    KeyDigester vault;
    @Inject
    StartupEvents startups;

    static ValidatableResponse validate(String key, String product) {
        return HttpApiEvents.post("/v1/licenses/validate", Map.of("licenseKey", key, "product", product)).then();
    }

    @Test
    void anActiveLicenceIsValidWithALeaseThatVerifiesAgainstThePublishedJwks() throws Exception {
        LicenseKey key = licenses.stored(LicenseStatus.ACTIVE, NEXT_YEAR);
        String token = validate(key.display(), "zendesk-mcp")
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("verdict", equalTo("VALID"))
                .body("status", equalTo("active"))
                .body("expiresOn", equalTo(NEXT_YEAR.toString()))
                .extract().path("lease.token");

        String jwks = HttpApiEvents.get("/.well-known/jwks.json").then().statusCode(200).extract().asString();
        SignedJWT jwt = SignedJWT.parse(token);
        assertEquals(JWSAlgorithm.ES256, jwt.getHeader().getAlgorithm());
        assertTrue(jwt.verify(new ECDSAVerifier(JWKSet.parse(jwks).getKeyByKeyId(jwt.getHeader().getKeyID()).toECKey())));
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertEquals("zendesk-mcp", claims.getStringClaim("product"));
        assertEquals("active", claims.getStringClaim("status"));
        assertEquals(NEXT_YEAR.toString(), claims.getStringClaim("licenseExpiresOn"));
        assertEquals(vault.digest(key).hex(), claims.getSubject());
        assertTrue(claims.getExpirationTime().after(new Date()));
        assertTrue(claims.getLongClaim("leaseExpiresAt") <= claims.getLongClaim("graceUntil"));
        assertTrue(claims.getIssueTime().toInstant().isAfter(Instant.now().minusSeconds(60)));
        assertFalse(jwt.getPayload().toString().contains(key.canonical()), "lease carries the key");
    }

    @Test
    void aNonceIsEchoedInTheSignedLease() throws Exception {
        LicenseKey key = licenses.stored(LicenseStatus.ACTIVE, NEXT_YEAR);
        String token = HttpApiEvents.post("/v1/licenses/validate", Map.of("licenseKey", key.display(), "product", "zendesk-mcp", "nonce", "boot-7f3a_Q9")).then().statusCode(200).body("verdict", equalTo("VALID"))
                .extract().path("lease.token");
        String jwks = HttpApiEvents.get("/.well-known/jwks.json").then().statusCode(200).extract().asString();
        SignedJWT jwt = SignedJWT.parse(token);
        assertTrue(jwt.verify(new ECDSAVerifier(JWKSet.parse(jwks).getKeyByKeyId(jwt.getHeader().getKeyID()).toECKey())));
        assertEquals("boot-7f3a_Q9", jwt.getJWTClaimsSet().getStringClaim("nonce"));

        String without = validate(key.display(), "zendesk-mcp").statusCode(200).extract().path("lease.token");
        assertEquals(null, SignedJWT.parse(without).getJWTClaimsSet().getClaim("nonce"));
    }

    @Test
    void aBadNonceIs400ProblemJsonAndRecordsNoStartup() {
        LicenseKey key = licenses.stored(LicenseStatus.ACTIVE, NEXT_YEAR);
        InMemoryStartupEvents events = (InMemoryStartupEvents) startups;
        for (Object bad : new Object[] {"", "x".repeat(65), "has space", "a.b", "<script>", "ünï", 42, true}) {
            int before = events.recorded().size();
            HttpApiEvents.post("/v1/licenses/validate", Map.of("licenseKey", key.display(), "product", "zendesk-mcp", "nonce", bad)).then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("lease", nullValue());
            assertEquals(before, events.recorded().size(), "a refused request records no startup: " + bad);
        }
    }

    @Test
    void theKeyIsAcceptedInAnyCaseAndGrouping() {
        LicenseKey key = licenses.stored(LicenseStatus.ACTIVE, NEXT_YEAR);
        validate(key.canonical().toLowerCase(), "zendesk-mcp").statusCode(200).body("verdict", equalTo("VALID"));
    }

    @Test
    void anUnknownKeyIsNotFoundAndLearnsNothingElse() {
        validate(licenses.unknown().display(), "zendesk-mcp")
                .statusCode(200).body("verdict", equalTo("NOT_FOUND"))
                .body("status", nullValue()).body("expiresOn", nullValue()).body("lease", nullValue());
    }

    @Test
    void anExpiredLicenceIsExpiredWithoutALease() {
        LocalDate yesterday = LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1);
        validate(licenses.stored(LicenseStatus.ACTIVE, yesterday).display(), "zendesk-mcp")
                .statusCode(200).body("verdict", equalTo("EXPIRED"))
                .body("expiresOn", equalTo(yesterday.toString())).body("lease", nullValue());
    }

    @Test
    void aSuspendedLicenceIsSuspended() {
        validate(licenses.stored(LicenseStatus.SUSPENDED, NEXT_YEAR).display(), "zendesk-mcp")
                .statusCode(200).body("verdict", equalTo("SUSPENDED")).body("status", equalTo("suspended"))
                .body("lease", nullValue());
    }

    @Test
    void aCancelledLicenceIsCancelled() {
        validate(licenses.stored(LicenseStatus.CANCELLED, NEXT_YEAR).display(), "zendesk-mcp")
                .statusCode(200).body("verdict", equalTo("CANCELLED")).body("status", equalTo("cancelled"))
                .body("lease", nullValue());
    }

    @Test
    void aKeyForAnotherProductIsAProductMismatchAndLearnsNothingElse() {
        validate(licenses.stored(LicenseStatus.ACTIVE, NEXT_YEAR).display(), "another-product")
                .statusCode(200).body("verdict", equalTo("PRODUCT_MISMATCH"))
                .body("status", nullValue()).body("expiresOn", nullValue()).body("lease", nullValue());
    }

    @Test
    void aMalformedKeyIs400MalformedKeyAsProblemJson() {
        validate("ZDMCP-1234-5678", "zendesk-mcp")
                .statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("MALFORMED_KEY")).body("status", equalTo(400))
                .body("type", equalTo("urn:tollgate:problem:malformed-key"));
    }

    @Test
    void theAnswerNeverCarriesTenantData() {
        String body = validate(licenses.stored(LicenseStatus.ACTIVE, NEXT_YEAR).display(), "zendesk-mcp")
                .statusCode(200).extract().asString();
        assertFalse(body.contains("Acme"), body);
    }

    @Test
    void eachValidationLeavesOneStartupEvent() {
        InMemoryStartupEvents recorded = (InMemoryStartupEvents) startups;
        LicenseKey key = licenses.stored(LicenseStatus.SUSPENDED, NEXT_YEAR);
        int before = recorded.recorded().size();
        validate(key.display(), "zendesk-mcp").statusCode(200);
        var events = recorded.recorded();
        assertEquals(before + 1, events.size());
        var last = events.get(events.size() - 1);
        assertEquals(vault.digest(key), last.digest());
        assertEquals("SUSPENDED", last.verdict().name());
    }
}
