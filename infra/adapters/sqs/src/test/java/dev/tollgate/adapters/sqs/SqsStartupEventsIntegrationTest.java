package dev.tollgate.adapters.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.embedded.FaultyEndpoint;
import dev.tollgate.embedded.MotoServer;
import dev.tollgate.keys.KeyRing;
import dev.tollgate.lease.LeaseIssuer;
import dev.tollgate.lease.LeasePolicy;
import dev.tollgate.license.InMemoryLicenseStore;
import dev.tollgate.license.License;
import dev.tollgate.license.LicenseKey;
import dev.tollgate.license.LicenseKeyFormat;
import dev.tollgate.license.LicenseLookup;
import dev.tollgate.license.LicenseStatus;
import dev.tollgate.license.Licenses;
import dev.tollgate.license.ValidateLicense;
import dev.tollgate.license.VerdictCode;
import dev.tollgate.startup.StartupEvent;
import dev.tollgate.startup.StartupEventCodec;
import dev.tollgate.startup.StartupHandOff;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Validation handing startups to SQS over its real wire protocol (moto_server): one message per
 * validation, carrying the digest and verdict and never the key; a queue that is gone is counted
 * and never touches the verdict. Skipped where moto_server is not installed.
 */
class SqsStartupEventsIntegrationTest {

    static MotoServer moto;
    static SqsClient sqs;

    final LicenseKeyFormat format = new LicenseKeyFormat(Map.of("ZDMCP", Licenses.ZENDESK));
    final KeyRing keys = KeyRing.generate();
    final InMemoryLicenseStore store = new InMemoryLicenseStore();
    String queueUrl;
    SqsStartupEvents events;
    ValidateLicense validate;

    @BeforeAll
    static void start() {
        moto = MotoServer.startOrSkip();
        sqs = SqsClient.builder().endpointOverride(moto.endpoint()).region(Region.of(MotoServer.REGION))
                .credentialsProvider(MotoServer.CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stop() {
        if (sqs != null) {
            sqs.close();
            moto.close();
        }
    }

    @BeforeEach
    void wire() {
        queueUrl = sqs.createQueue(r -> r.queueName("startups-" + System.nanoTime())).queueUrl();
        events = new SqsStartupEvents(sqs, queueUrl, 2, 100);
        validate = new ValidateLicense(format, new LicenseLookup(keys, store),
                new LeaseIssuer(keys, new LeasePolicy("tollgate", Duration.ofHours(24), Duration.ofDays(7))),
                new StartupHandOff(events, Duration.ofSeconds(5)), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        events.close();
    }

    LicenseKey stored(LicenseStatus status) {
        LicenseKey key = format.generate(Licenses.ZENDESK);
        Instant now = Instant.now();
        store.create(new License(keys.digest(key), key.suffix(), Licenses.TENANT, "Acme", Licenses.ZENDESK, status,
                LocalDate.now().plusYears(1), now, now));
        return key;
    }

    @Test
    void eachValidationQueuesOneMessageWithItsDigestAndVerdictAndNeverTheKey() {
        LicenseKey valid = stored(LicenseStatus.ACTIVE);
        LicenseKey suspended = stored(LicenseStatus.SUSPENDED);
        assertEquals(VerdictCode.VALID, validate.validate(valid.display(), Licenses.ZENDESK).code());
        assertEquals(VerdictCode.SUSPENDED, validate.validate(suspended.display(), Licenses.ZENDESK).code());

        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                .waitTimeSeconds(2)).messages();
        assertEquals(2, messages.size());
        Map<String, StartupEvent> byDigest = new HashMap<>();
        messages.forEach(m -> {
            StartupEvent event = StartupEventCodec.decode(m.body());
            byDigest.put(event.digest().hex(), event);
        });
        assertEquals(VerdictCode.VALID, byDigest.get(keys.digest(valid).hex()).verdict());
        assertEquals(VerdictCode.SUSPENDED, byDigest.get(keys.digest(suspended).hex()).verdict());
        assertTrue(messages.stream().noneMatch(m -> m.body().contains(valid.canonical())), "never the key");
        assertEquals(2, events.sent());
    }

    @Test
    void aQueueThatIsGoneIsCountedAndTheVerdictStands() {
        LicenseKey valid = stored(LicenseStatus.ACTIVE);
        sqs.deleteQueue(r -> r.queueUrl(queueUrl));
        assertEquals(VerdictCode.VALID, validate.validate(valid.display(), Licenses.ZENDESK).code());
        assertEquals(1, events.failed(), "the hand-off waited for the send, which failed and was counted");
        assertEquals(0, events.sent());
    }

    /**
     * SQS stopped (connection refused) or stalled (a proxy in front of moto that never answers): the
     * verdict is the same, the answer waits no longer than the hand-off's bound, and the lost send is
     * counted (failed by the publisher, late by the hand-off).
     */
    @Test
    void anSqsThatDoesNotAnswerIsCountedAndTheVerdictStands() throws InterruptedException {
        LicenseKey valid = stored(LicenseStatus.ACTIVE);
        try (FaultyEndpoint faults = FaultyEndpoint.inFrontOf(moto.endpoint().getHost(), moto.endpoint().getPort());
             SqsClient viaFaults = SqsClient.builder().endpointOverride(URI.create(faults.endpoint()))
                     .region(Region.of(MotoServer.REGION)).credentialsProvider(MotoServer.CREDENTIALS)
                     .httpClient(UrlConnectionHttpClient.create())
                     .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(2))).build();
             SqsStartupEvents down = new SqsStartupEvents(viaFaults, queueUrl, 2, 100)) {
            StartupHandOff handOff = new StartupHandOff(down, Duration.ofMillis(200));
            ValidateLicense validating = new ValidateLicense(format, new LicenseLookup(keys, store),
                    new LeaseIssuer(keys, new LeasePolicy("tollgate", Duration.ofHours(24), Duration.ofDays(7))),
                    handOff, Clock.systemUTC());

            faults.refuse();
            long start = System.nanoTime();
            assertEquals(VerdictCode.VALID, validating.validate(valid.display(), Licenses.ZENDESK).code());
            long refusedMillis = (System.nanoTime() - start) / 1_000_000;
            awaitFailed(down, 1);
            System.out.printf("FAULT sqs-stopped: verdict VALID in %d ms, send counted failed%n", refusedMillis);

            faults.stall();
            long lateBefore = handOff.late();
            start = System.nanoTime();
            assertEquals(VerdictCode.VALID, validating.validate(valid.display(), Licenses.ZENDESK).code());
            long stalledMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(stalledMillis < 1_500, "the answer waited " + stalledMillis + " ms for a stalled queue");
            assertEquals(lateBefore + 1, handOff.late(), "the hand-off gave up waiting and counted it");
            awaitFailed(down, 2);
            System.out.printf("FAULT sqs-stalled: verdict VALID in %d ms, send counted late then failed%n", stalledMillis);
            assertEquals(0, down.sent());
        }
    }

    private static void awaitFailed(SqsStartupEvents events, long expected) throws InterruptedException {
        for (int i = 0; i < 100 && events.failed() < expected; i++) {
            Thread.sleep(100);
        }
        assertEquals(expected, events.failed(), "the failed send is counted");
    }
}
