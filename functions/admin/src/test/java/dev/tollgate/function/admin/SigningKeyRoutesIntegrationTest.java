package dev.tollgate.function.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.embedded.DynamoDbLocalTestResource;
import dev.tollgate.keys.KeyRing;
import dev.tollgate.keys.LeaseKey;
import dev.tollgate.keys.LeaseKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rotating and retiring lease signing keys through the admin routes, on DynamoDB Local, audited. */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalTestResource.class)
@QuarkusTestResource(StaffTokens.class)
class SigningKeyRoutesIntegrationTest {

    @Inject
    LeaseKeys keys;
    @Inject
    KeyRing ring;

    @AfterEach
    void resetClock() {
        TestClock.CLOCK.reset();
    }

    @Test
    void staffRotateAndRetireKeysAndTheActiveOrStillSigningKeyIsRefusedWith409() {
        given().post("/v1/admin/signing-keys/rotate").then().statusCode(401);
        Staff.support().post("/v1/admin/signing-keys/rotate").then().statusCode(403);

        String first = Staff.admin().post("/v1/admin/signing-keys/rotate").then().statusCode(201)
                .body("status", equalTo("active")).extract().path("kid");
        LeaseKey stored = keys.all().stream().filter(k -> k.keyId().equals(first)).findFirst().orElseThrow();
        assertTrue(ring.unwrap(stored.wrappedPrivate()).length > 0, "stored wrapped, opens under the lease-signing context");

        Staff.admin().post("/v1/admin/signing-keys/" + first + "/retire").then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("ACTIVE_LEASE_KEY"));

        String second = Staff.admin().post("/v1/admin/signing-keys/rotate").then().statusCode(201).extract().path("kid");
        Staff.admin().post("/v1/admin/signing-keys/" + first + "/retire").then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("SIGNING_LEASE_KEY"));

        List<Map<String, Object>> listed = Staff.support().get("/v1/admin/signing-keys").then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertEquals(second, listed.get(0).get("kid"));
        assertEquals("retiring", listed.get(1).get("status"));
        assertEquals(true, listed.get(1).get("signing"), "the old key signs until the new one has propagated");
        assertFalse(listed.toString().contains("wrapped"), "the wrapped private half never leaves");

        TestClock.CLOCK.shift(Duration.ofHours(2).plusMinutes(1));
        Staff.support().post("/v1/admin/signing-keys/" + first + "/retire").then().statusCode(403);
        Staff.admin().post("/v1/admin/signing-keys/" + first + "/retire").then().statusCode(200)
                .body("status", equalTo("retired"));
        Staff.admin().post("/v1/admin/signing-keys/not-a-kid/retire").then().statusCode(404)
                .contentType("application/problem+json");
        Staff.admin().post("/v1/admin/signing-keys/" + "A".repeat(43) + "/retire").then().statusCode(404)
                .body("code", equalTo("LEASE_KEY_NOT_FOUND"));
    }
}
