package dev.tollgate.function.validation;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.embedded.FaultyDynamoDbTestResource;
import dev.tollgate.embedded.FaultyEndpoint;
import dev.tollgate.license.LicenseKey;
import dev.tollgate.license.LicenseStatus;
import dev.tollgate.license.Licenses;
import dev.tollgate.wiring.TollgateConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The licences table stopped, stalled and throttled (a proxy in front of DynamoDB Local playing each
 * fault on the wire): validation answers 503 problem+json with Retry-After within the store's call
 * budget, never hangs until Lambda's Timeout, and answers VALID again as soon as the table is back.
 * Each fault's status and time are printed as "FAULT ..." lines for the closing note.
 */
@QuarkusTest
@QuarkusTestResource(FaultyDynamoDbTestResource.class)
class DynamoDbFaultsIntegrationTest {

    @Inject
    Licenses licenses;
    @Inject
    TollgateConfig config;

    FaultyEndpoint faults;

    LicenseKey key;

    /** A first answer with the table up, so the timings below hold the fault's cost and no warm-up. */
    @BeforeEach
    void tableUp() {
        faults.pass();
        key = licenses.stored(LicenseStatus.ACTIVE, LocalDate.now().plusYears(1));
        recovers(key);
    }

    @AfterEach
    void tableBack() {
        faults.pass();
    }

    @Test
    void aStoppedTableIsA503WithRetryAfterAtOnce() {
        faults.refuse();
        assertUnavailable("dynamodb-stopped", key, config.store().callTimeout());
        faults.pass();
        recovers(key);
    }

    @Test
    void aStalledTableIsA503WithinTheCallTimeout() {
        faults.stall();
        Duration took = assertUnavailable("dynamodb-stalled", key, config.store().callTimeout().plusSeconds(2));
        assertTrue(took.compareTo(config.store().attemptTimeout()) >= 0, "it gave the table at least one try's time");
        faults.pass();
        recovers(key);
    }

    @Test
    void aThrottledTableIsA503WithRetryAfter() {
        faults.throttle("ProvisionedThroughputExceededException");
        assertUnavailable("dynamodb-throughput-exceeded", key, config.store().callTimeout().plusSeconds(2));
        faults.throttle("ThrottlingException");
        assertUnavailable("dynamodb-throttling", key, config.store().callTimeout().plusSeconds(2));
        faults.pass();
        recovers(key);
    }

    private Duration assertUnavailable(String fault, LicenseKey key, Duration bound) {
        long start = System.nanoTime();
        ExtractableResponse<Response> answer = validate(key).extract();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("FAULT %s: validation answered %d in %d ms (Retry-After %s)%n",
                fault, answer.statusCode(), took.toMillis(), answer.header("Retry-After"));
        assertEquals(503, answer.statusCode());
        assertEquals("application/problem+json", answer.contentType());
        assertEquals(Long.toString(config.store().retryAfter().toSeconds()), answer.header("Retry-After"));
        assertEquals("SERVICE_UNAVAILABLE", answer.path("code"));
        assertEquals(Integer.valueOf(503), answer.path("status"));
        assertTrue(answer.<String>path("detail").contains("the data store"), answer.asString());
        assertFalse(answer.asString().contains("amazon") || answer.asString().contains("Exception"), answer.asString());
        assertTrue(took.compareTo(bound) < 0, fault + " took " + took + ", over " + bound);
        return took;
    }

    private static void recovers(LicenseKey key) {
        ExtractableResponse<Response> answer = validate(key).extract();
        assertEquals(200, answer.statusCode(), answer.asString());
        assertEquals("VALID", answer.path("verdict"));
    }

    private static io.restassured.response.ValidatableResponse validate(LicenseKey key) {
        return HttpApiEvents.post("/v1/licenses/validate", Map.of("licenseKey", key.display(), "product", "zendesk-mcp")).then();
    }
}
