package dev.tollgate.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.embedded.DynamoDbLocalTestResource;
import dev.tollgate.license.LicenseKeyFormat;
import dev.tollgate.startup.UnknownKeyTally;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The flood's bounds, small enough for every build (the large one is {@link UnknownKeyFloodBenchmark}):
 * random keys from many loopback addresses and a flood from one, with the default limits, while a
 * real instance validates. The trail grows by at most a tally item per hour, the one address is cut
 * off after its burst, and the real key is VALID throughout.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalTestResource.class)
@TestProfile(LocalUnknownKeyFloodIntegrationTest.DefaultLimits.class)
class LocalUnknownKeyFloodIntegrationTest {

    static final int BURST = 10;

    @Inject
    LicenseKeyFormat format;
    @Inject
    LocalStartupQueue queue;
    @Inject
    UnknownKeyTally tally;
    @Inject
    DynamoDbClient dynamo;

    @Test
    void randomKeysFromManyAddressesAddOneItemAnHourAndOneAddressIsCutOffWhileARealKeyStaysValid() throws Exception {
        String real = LocalAdmin.issue(LocalDate.now(ZoneOffset.UTC).plusYears(1));
        InetAddress realInstance = SourceAddressHttp.address(0);
        assertTrue(queue.awaitIdle(Duration.ofSeconds(30)));
        int itemsBefore = ledger().startupLogItems();
        long countedBefore = ledger().counted();

        int spread = 0;
        for (int address = 1; address <= 20; address++) {
            for (int i = 0; i < 10; i++) {
                SourceAddressHttp.Answer answer = SourceAddressHttp.validate(SourceAddressHttp.address(address),
                        RestAssured.port, ledger().randomKey());
                assertEquals(200, answer.status(), answer.body());
                assertTrue(answer.body().contains("NOT_FOUND"));
                spread++;
            }
            assertEquals(200, SourceAddressHttp.validate(realInstance, RestAssured.port, real).status());
        }
        int answered = 0;
        int refused = 0;
        InetAddress flooder = SourceAddressHttp.address(99);
        for (int i = 0; i < 5 * BURST; i++) {
            SourceAddressHttp.Answer answer = SourceAddressHttp.validate(flooder, RestAssured.port, ledger().randomKey());
            if (answer.status() == 429) {
                refused++;
                assertEquals("application/problem+json", answer.header("Content-Type"));
                assertTrue(answer.body().contains("TOO_MANY_UNKNOWN_KEYS"), answer.body());
                assertTrue(Integer.parseInt(answer.header("Retry-After")) >= 1);
                assertEquals("0", answer.header("RateLimit-Remaining"));
            } else {
                assertEquals(200, answer.status(), answer.body());
                answered++;
            }
            SourceAddressHttp.Answer valid = SourceAddressHttp.validate(flooder, RestAssured.port, real);
            assertTrue(valid.body().contains("\"VALID\""), "a real key from the flooding address: " + valid.body());
        }
        assertEquals(BURST, answered);
        assertEquals(4 * BURST, refused);

        assertTrue(queue.awaitIdle(Duration.ofSeconds(60)));
        assertEquals(spread + BURST, ledger().counted() - countedBefore, "every NOT_FOUND answered is counted, no refused one");
        // The real key's 70 startups are per-key entries; the 210 unknown ones add at most two tally items
        // (two if the run crosses an hour).
        int grown = ledger().startupLogItems() - itemsBefore;
        assertTrue(grown >= 70 && grown <= 72, "items added: " + grown);
    }

    private FloodLedger ledger() {
        return new FloodLedger(format, tally, dynamo);
    }

    /** The shipped limits (the test profile lifts them for the other local tests). */
    public static class DefaultLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tollgate.unknown-keys.burst", "10");
        }
    }
}
