package dev.tollgate.function.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.embedded.DynamoDbLocalTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who may call the admin API: every way a token can be wrong, and the two roles. */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalTestResource.class)
@QuarkusTestResource(StaffTokens.class)
class StaffTokenMatrixIntegrationTest {

    static final String QUERY = "{\"keyDigest\":\"" + "a".repeat(64) + "\"}";

    @Test
    void everyBrokenTokenIs401AndAWrongRoleIs403() {
        Instant now = Instant.now();
        Map<String, String> unauthenticated = new LinkedHashMap<>();
        unauthenticated.put("expired", StaffTokens.sign(StaffTokens.claims("ann", List.of(AdminRoles.ADMIN), now)
                .issueTime(Date.from(now.minusSeconds(3600))).expirationTime(Date.from(now.minusSeconds(600))).build(),
                StaffTokens.trustedKey()));
        unauthenticated.put("not yet valid", StaffTokens.sign(StaffTokens.claims("ann", List.of(AdminRoles.ADMIN), now)
                .notBeforeTime(Date.from(now.plusSeconds(3600))).build(), StaffTokens.trustedKey()));
        unauthenticated.put("wrong issuer", StaffTokens.sign(StaffTokens.claims("ann", List.of(AdminRoles.ADMIN), now)
                .issuer("https://evil.example/").build(), StaffTokens.trustedKey()));
        unauthenticated.put("wrong audience", StaffTokens.sign(StaffTokens.claims("ann", List.of(AdminRoles.ADMIN), now)
                .audience("some-other-api").build(), StaffTokens.trustedKey()));
        unauthenticated.put("untrusted key", StaffTokens.sign(StaffTokens.claims("ann", List.of(AdminRoles.ADMIN), now)
                .build(), StaffTokens.untrustedKey()));
        String good = StaffTokens.token("ann", List.of(AdminRoles.ADMIN));
        String[] parts = good.split("\\.");
        unauthenticated.put("tampered payload", parts[0] + "." + base64(claimsJson("mallory", List.of(AdminRoles.ADMIN)))
                + "." + parts[2]);
        unauthenticated.put("alg none", base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".");
        unauthenticated.put("not a JWT", "hello");

        given().contentType(ContentType.JSON).body(QUERY).post("/v1/admin/startup-trail/query").then()
                .statusCode(401).contentType("application/problem+json").body("code", equalTo("UNAUTHENTICATED"));
        unauthenticated.forEach((what, token) -> given().auth().oauth2(token).contentType(ContentType.JSON).body(QUERY)
                .post("/v1/admin/startup-trail/query").then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("UNAUTHENTICATED")));

        for (List<String> groups : List.of(List.<String>of(), List.of("sales"), List.of("tollgate-admins"))) {
            given().auth().oauth2(StaffTokens.token("bob", groups)).contentType(ContentType.JSON).body(QUERY)
                    .post("/v1/admin/startup-trail/query").then().statusCode(403)
                    .contentType("application/problem+json").body("code", equalTo("FORBIDDEN"));
        }
    }

    @Test
    void bothRolesMayRead() {
        for (String role : List.of(AdminRoles.ADMIN, AdminRoles.SUPPORT)) {
            given().auth().oauth2(StaffTokens.token("carol", List.of(role))).contentType(ContentType.JSON).body(QUERY)
                    .post("/v1/admin/startup-trail/query").then().statusCode(200).body("entries.size()", equalTo(0));
        }
    }

    @Test
    void aLambdaRefusesToTrustTheLocalDevIssuer() {
        assertThrows(IllegalStateException.class, () -> StaffTokenSettings.refuseDevIssuerOnLambda(
                Optional.of("tollgate-AdminFunction"), AdminRoles.LOCAL_DEV_ISSUER));
        StaffTokenSettings.refuseDevIssuerOnLambda(Optional.of("tollgate-AdminFunction"), StaffTokens.ISSUER);
        StaffTokenSettings.refuseDevIssuerOnLambda(Optional.empty(), AdminRoles.LOCAL_DEV_ISSUER);
    }

    private static String claimsJson(String subject, List<String> groups) {
        return StaffTokens.claims(subject, groups, Instant.now()).build().toString();
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
