package dev.tollgate.function.admin;

import static org.hamcrest.Matchers.equalTo;

import dev.tollgate.embedded.DynamoDbLocalTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A licence past its retention is gone for staff as it is for validation, before DynamoDB's TTL
 * deletes it: the test moves the clock 92 days past the licence's expiry instead of waiting.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalTestResource.class)
@QuarkusTestResource(StaffTokens.class)
class LicenseRetentionRoutesIntegrationTest {

    @AfterEach
    void backToNow() {
        TestClock.CLOCK.reset();
    }

    @Test
    void aLicenceThatExpiredNinetyTwoDaysAgoIsHiddenFromEveryReadAndItsChangesAre404() {
        String tenant = Staff.tenant("Lapsed Co");
        LocalDate expiresOn = LocalDate.now(ZoneOffset.UTC).plusDays(3);
        JsonPath issued = Staff.admin().body(Map.of("product", "zendesk-mcp", "expiresOn", expiresOn.toString()))
                .post("/v1/admin/tenants/" + tenant + "/licenses").then().statusCode(201).extract().jsonPath();
        String key = issued.getString("licenseKey");
        String digest = issued.getString("license.keyDigest");

        // 90 days after its expiry day it is still kept (the boundary day)...
        TestClock.CLOCK.shift(Duration.ofDays(3 + 90));
        Staff.support().get("/v1/admin/licenses/" + digest).then().statusCode(200).body("verdict", equalTo("EXPIRED"));

        // ...92 days after its expiry it is not, wherever staff look.
        TestClock.CLOCK.shift(Duration.ofDays(3 + 92));
        Staff.support().get("/v1/admin/licenses/" + digest).then().statusCode(404).body("code", equalTo("LICENSE_NOT_FOUND"));
        Staff.support().body(Map.of("licenseKey", key)).post("/v1/admin/licenses/lookup").then().statusCode(404)
                .body("code", equalTo("LICENSE_NOT_FOUND"));
        Staff.support().get("/v1/admin/tenants/" + tenant + "/licenses").then().statusCode(200).body("size()", equalTo(0));
        for (String change : new String[] {"suspend", "reinstate", "cancel"}) {
            Staff.admin().post("/v1/admin/licenses/" + digest + "/" + change).then().statusCode(404)
                    .body("code", equalTo("LICENSE_NOT_FOUND"));
        }
        Staff.admin().body(Map.of("expiresOn", expiresOn.plusYears(1).toString()))
                .post("/v1/admin/licenses/" + digest + "/renew").then().statusCode(404).body("code", equalTo("LICENSE_NOT_FOUND"));
    }
}
