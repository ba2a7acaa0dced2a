package dev.tollgate.license;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.keys.KeyRing;
import dev.tollgate.lease.LeaseIssuer;
import dev.tollgate.lease.LeasePolicy;
import dev.tollgate.retention.RetentionPolicy;
import dev.tollgate.startup.InMemoryStartupEvents;
import dev.tollgate.startup.StartupEvent;
import dev.tollgate.startup.StartupHandOff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ValidateLicenseTest {

    static final Product ZENDESK = new Product("zendesk-mcp");
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    LicenseKeyFormat format;
    KeyRing vault;
    InMemoryLicenseStore store;
    InMemoryStartupEvents startups;
    ValidateLicense validate;
    IssueLicense issue;
    static final dev.tollgate.tenant.TenantId ACME = Licenses.TENANT;
    final dev.tollgate.tenant.InMemoryTenantStore tenants = new dev.tollgate.tenant.InMemoryTenantStore();

    @BeforeEach
    void wire() {
        format = new LicenseKeyFormat(Map.of("ZDMCP", ZENDESK, "XAPP", new Product("other-app")));
        vault = KeyRing.generate();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        store = new InMemoryLicenseStore(clock);
        startups = new InMemoryStartupEvents(100);
        LeaseIssuer leases = new LeaseIssuer(vault, new LeasePolicy("tollgate", Duration.ofHours(24), Duration.ofDays(7)));
        validate = new ValidateLicense(format, new LicenseLookup(vault, store), leases,
                new StartupHandOff(startups, Duration.ofMillis(20)), clock);
        tenants.create(dev.tollgate.tenant.Tenant.create(ACME, "Acme", NOW));
        issue = new IssueLicense(format, vault, tenants, store, RetentionPolicy.PROMISED, clock);
    }

    @Test
    void anIssuedLicenseIsValidAndGetsALease() {
        LicenseKey key = issue.issue(ACME, ZENDESK, LocalDate.parse("2027-11-23")).key();
        Verdict verdict = validate.validate(key.display(), ZENDESK);
        assertEquals(VerdictCode.VALID, verdict.code());
        assertEquals(LicenseStatus.ACTIVE, verdict.status().orElseThrow());
        assertEquals(NOW.plus(Duration.ofHours(24)), verdict.lease().orElseThrow().expiresAt());
        assertEquals(NOW.plus(Duration.ofDays(7)), verdict.lease().orElseThrow().graceUntil());
    }

    @Test
    void onlyTheDigestIsStoredNeverTheKey() {
        IssueLicense.IssuedLicense issued = issue.issue(ACME, ZENDESK, LocalDate.parse("2027-11-23"));
        License stored = store.licenses.values().iterator().next();
        assertEquals(vault.digest(issued.key()), stored.digest());
        assertFalse(stored.toString().contains(issued.key().canonical()));
    }

    @Test
    void issuingRefusesUnknownProductsAndLicencesAlreadyPastRetention() {
        dev.tollgate.outcome.Refusal unknown = org.junit.jupiter.api.Assertions.assertThrows(dev.tollgate.outcome.Refusal.class,
                () -> issue.issue(ACME, new Product("no-such-product"), LocalDate.parse("2027-01-01")));
        assertTrue(unknown.getMessage().contains("no key prefix"));
        dev.tollgate.outcome.Refusal stale = org.junit.jupiter.api.Assertions.assertThrows(dev.tollgate.outcome.Refusal.class,
                () -> issue.issue(ACME, ZENDESK, LocalDate.parse("2026-08-24")));
        assertTrue(stale.getMessage().contains("retention"));
        assertTrue(store.licenses.isEmpty());
        assertEquals(VerdictCode.EXPIRED,
                validate.validate(issue.issue(ACME, ZENDESK, LocalDate.parse("2026-08-25")).key().display(), ZENDESK).code());
    }

    @Test
    void aMalformedKeyIsAnsweredWithoutReadingTheTableOrRecordingAStartup() {
        Verdict verdict = validate.validate("ZDMCP-NOT-A-KEY", ZENDESK);
        assertEquals(VerdictCode.MALFORMED_KEY, verdict.code());
        assertTrue(verdict.malformed().isPresent());
        assertEquals(0, store.reads.get());
        assertTrue(startups.recorded().isEmpty());
    }

    @Test
    void anUnknownWellFormedKeyIsNotFoundAfterExactlyOneRead() {
        LicenseKey unknown = format.generate(ZENDESK);
        Verdict verdict = validate.validate(unknown.display(), ZENDESK);
        assertEquals(VerdictCode.NOT_FOUND, verdict.code());
        assertTrue(verdict.status().isEmpty() && verdict.lease().isEmpty());
        assertEquals(1, store.reads.get());
    }

    @Test
    void nonValidVerdictsCarryStatusAndExpiryButNoLease() {
        assertVerdict(VerdictCode.SUSPENDED, LicenseStatus.SUSPENDED, LocalDate.parse("2027-01-01"));
        assertVerdict(VerdictCode.CANCELLED, LicenseStatus.CANCELLED, LocalDate.parse("2027-01-01"));
        assertVerdict(VerdictCode.EXPIRED, LicenseStatus.ACTIVE, LocalDate.parse("2026-11-22"));
    }

    @Test
    void aKeyUsedForAnotherProductLearnsNothingAboutItsLicence() {
        LicenseKey key = issue.issue(ACME, ZENDESK, LocalDate.parse("2027-11-23")).key();
        Verdict verdict = validate.validate(key.display(), new Product("other-app"));
        assertEquals(VerdictCode.PRODUCT_MISMATCH, verdict.code());
        assertTrue(verdict.status().isEmpty() && verdict.expiresOn().isEmpty() && verdict.lease().isEmpty());
    }

    @Test
    void aRecordPastItsRetentionIsNotFoundEvenBeforeTheTableDeletesIt() {
        LicenseKey key = format.generate(ZENDESK);
        LocalDate longAgo = LocalDate.parse("2026-08-01");
        store.create(new License(vault.digest(key), "X2M9", Licenses.TENANT, "Acme", ZENDESK, LicenseStatus.ACTIVE, longAgo, NOW, NOW));
        assertEquals(VerdictCode.NOT_FOUND, validate.validate(key.display(), ZENDESK).code());
        LocalDate recently = LocalDate.parse("2026-09-01");
        LicenseKey other = format.generate(ZENDESK);
        store.create(new License(vault.digest(other), "X2M9", Licenses.TENANT, "Acme", ZENDESK, LicenseStatus.ACTIVE, recently, NOW, NOW));
        assertEquals(VerdictCode.EXPIRED, validate.validate(other.display(), ZENDESK).code());
    }

    @Test
    void everyWellFormedValidationRecordsOneStartupWithDigestProductAndVerdict() {
        LicenseKey key = issue.issue(ACME, ZENDESK, LocalDate.parse("2027-11-23")).key();
        validate.validate(key.display(), ZENDESK);
        validate.validate(format.generate(ZENDESK).display(), ZENDESK);
        List<StartupEvent> events = startups.recorded();
        assertEquals(2, events.size());
        StartupEvent first = events.get(0);
        assertEquals(List.of(NOW, vault.digest(key), ZENDESK, VerdictCode.VALID),
                List.of(first.at(), first.digest(), first.product(), first.verdict()));
        assertEquals(VerdictCode.NOT_FOUND, events.get(1).verdict());
        assertFalse(first.id().equals(events.get(1).id()), "each startup has its own event id");
    }

    @Test
    void aFailingStartupTrailNeverChangesTheVerdict() {
        LicenseKey key = issue.issue(ACME, ZENDESK, LocalDate.parse("2027-11-23")).key();
        StartupHandOff throwing = new StartupHandOff(event -> {
            throw new IllegalStateException("queue unavailable");
        }, Duration.ofMillis(20));
        StartupHandOff failing = new StartupHandOff(
                event -> CompletableFuture.failedFuture(new IllegalStateException("send failed")), Duration.ofMillis(20));
        assertEquals(VerdictCode.VALID, validatorWith(throwing).validate(key.display(), ZENDESK).code());
        assertEquals(VerdictCode.VALID, validatorWith(failing).validate(key.display(), ZENDESK).code());
        assertEquals(1, throwing.refused());
    }

    @Test
    void aHangingStartupTrailDelaysTheVerdictOnlyByTheBoundedWait() {
        LicenseKey key = issue.issue(ACME, ZENDESK, LocalDate.parse("2027-11-23")).key();
        StartupHandOff hanging = new StartupHandOff(event -> new CompletableFuture<>(), Duration.ofMillis(30));
        long started = System.nanoTime();
        assertEquals(VerdictCode.VALID, validatorWith(hanging).validate(key.display(), ZENDESK).code());
        // Loose upper bound (no timing flake): a send that never ends must not hold the answer.
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 5_000);
        assertEquals(1, hanging.late());
    }

    @Test
    void withAnAnswerTailTheSendStartsOnlyAfterTheAnswerAndTheVerdictNeverWaitsForIt() {
        LicenseKey key = issue.issue(ACME, ZENDESK, LocalDate.parse("2027-11-23")).key();
        List<StartupEvent> published = new java.util.ArrayList<>();
        CompletableFuture<Void> send = new CompletableFuture<>();
        List<java.util.function.Supplier<CompletableFuture<?>>> tail = new java.util.ArrayList<>();
        // A wait of an hour: were it used, the test would not end.
        StartupHandOff afterAnswer = new StartupHandOff(event -> {
            published.add(event);
            return send;
        }, Duration.ofHours(1), java.util.Optional.of(tail::add));
        assertEquals(VerdictCode.VALID, validatorWith(afterAnswer).validate(key.display(), ZENDESK).code());
        assertTrue(published.isEmpty(), "nothing is sent before the answer");
        assertEquals(1, tail.size());
        assertEquals(send, tail.get(0).get(), "the tail starts the send and waits for what it returns");
        assertEquals(VerdictCode.VALID, published.get(0).verdict());
        assertEquals(0, afterAnswer.late());
    }

    @Test
    void anAddressOutOfUnknownKeysIsRefusedWithoutATrailEntryWhileItsKnownKeyStaysValid() {
        LicenseKey known = issue.issue(ACME, ZENDESK, LocalDate.parse("2027-11-23")).key();
        UnknownKeyThrottle throttle = new UnknownKeyThrottle(3, 1, 100, () -> 0L);
        int handedOff = startups.recorded().size();
        for (int i = 0; i < 3; i++) {
            UnknownKeyThrottle.Budget budget = throttle.budgetFor("198.51.100.7");
            assertEquals(VerdictCode.NOT_FOUND, validate.validate(format.generate(ZENDESK).display(), ZENDESK, budget).code());
            assertFalse(budget.refused());
        }
        UnknownKeyThrottle.Budget exhausted = throttle.budgetFor("198.51.100.7");
        validate.validate(format.generate(ZENDESK).display(), ZENDESK, exhausted);
        assertTrue(exhausted.refused());
        assertEquals(handedOff + 3, startups.recorded().size(), "a refused unknown key leaves no startup event");

        UnknownKeyThrottle.Budget knownBudget = throttle.budgetFor("198.51.100.7");
        assertEquals(VerdictCode.VALID, validate.validate(known.display(), ZENDESK, knownBudget).code());
        assertFalse(knownBudget.applied(), "a known key takes no token");
        assertEquals(handedOff + 4, startups.recorded().size());
    }

    private ValidateLicense validatorWith(StartupHandOff handOff) {
        return new ValidateLicense(format, new LicenseLookup(vault, store),
                new LeaseIssuer(vault, new LeasePolicy("tollgate", Duration.ofHours(1), Duration.ofHours(2))),
                handOff, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private void assertVerdict(VerdictCode expected, LicenseStatus status, LocalDate expiresOn) {
        LicenseKey key = format.generate(ZENDESK);
        store.create(new License(vault.digest(key), "X2M9", Licenses.TENANT, "Acme", ZENDESK, status, expiresOn, NOW, NOW));
        Verdict verdict = validate.validate(key.display(), ZENDESK);
        assertEquals(expected, verdict.code());
        assertEquals(status, verdict.status().orElseThrow());
        assertEquals(expiresOn, verdict.expiresOn().orElseThrow());
        assertTrue(verdict.lease().isEmpty());
    }
}
