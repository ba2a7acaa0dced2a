package dev.tollgate.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.audit.AuditEntry;
import dev.tollgate.credentials.CredentialSealer;
import dev.tollgate.credentials.ManageCredentials;
import dev.tollgate.credentials.ModelCredentials;
import dev.tollgate.embedded.EmbeddedDynamoDb;
import dev.tollgate.keys.KeyRing;
import dev.tollgate.license.KeyDigest;
import dev.tollgate.license.License;
import dev.tollgate.license.LicenseChange;
import dev.tollgate.license.LicenseStatus;
import dev.tollgate.license.Product;
import dev.tollgate.license.VerdictCode;
import dev.tollgate.privacy.ErasureReceipt;
import dev.tollgate.retention.PurgeCategory;
import dev.tollgate.retention.PurgeExpired;
import dev.tollgate.retention.PurgeReport;
import dev.tollgate.retention.RetentionPolicy;
import dev.tollgate.startup.StartupEvent;
import dev.tollgate.tenant.CreateTenant;
import dev.tollgate.tenant.Tenant;
import dev.tollgate.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The purge on DynamoDB Local against the real adapters, with a clock the test moves: every period
 * of the policy on its boundary day (the last second it is kept) and the day after, for the read
 * filter and the purge alike; then what changes a due date, holds, termination and a deadline.
 * The story is set in 2031 and later: DynamoDB Local runs its own TTL deletion on the wall clock,
 * and items must not vanish under the test before the purge is asked about them.
 */
class RetentionPurgeIntegrationTest {

    static final Product ZENDESK = new Product("zendesk-mcp");
    static final AtomicInteger PREFIXES = new AtomicInteger();
    static EmbeddedDynamoDb engine;
    RetentionTables tables;

    @BeforeAll
    static void start() {
        engine = EmbeddedDynamoDb.inMemory();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @AfterEach
    void close() {
        if (tables != null) {
            tables.close();
        }
    }

    RetentionTables tablesAt(Instant now) {
        return tablesAt(now, RetentionPolicy.PROMISED);
    }

    RetentionTables tablesAt(Instant now, RetentionPolicy policy) {
        tables = new RetentionTables(engine, "p" + PREFIXES.incrementAndGet(), now, policy);
        return tables;
    }

    // ---- every period, on its boundary day and the day after ----

    @Test
    void aLicenceIsKeptNinetyDaysAfterItsExpiryAndPurgedTheDayAfter() {
        tablesAt(Instant.parse("2031-01-01T09:00:00Z"));
        License license = license(new KeyDigest("a1".repeat(32)), LocalDate.parse("2031-01-10"), tables.clock.instant());
        tables.licenseStore().create(license);
        // Good through 2031-01-10, so it ends at 2031-01-11T00:00Z and is kept until 2031-04-11T00:00Z.
        tables.clock.set(Instant.parse("2031-04-10T23:59:59Z"));
        assertTrue(tables.licenseStore().find(license.digest()).isPresent());
        assertEquals(0, run(PurgeCategory.LICENSES).found());
        assertTrue(raw(tables.licenses, license));

        tables.clock.set(Instant.parse("2031-04-11T12:00:00Z"));
        assertTrue(tables.licenseStore().find(license.digest()).isEmpty(), "hidden before DynamoDB's TTL gets to it");
        PurgeReport.Category purged = run(PurgeCategory.LICENSES);
        assertEquals(List.of(1L, 1L), List.of(purged.found(), purged.deleted()));
        assertEquals(Instant.parse("2031-01-11T12:00:00Z"), purged.cutoff());
        assertFalse(raw(tables.licenses, license));
    }

    @Test
    void aCancelledLicenceIsKeptNinetyDaysAfterItsCancellationNotItsExpiry() {
        tablesAt(Instant.parse("2031-01-01T09:00:00Z"));
        License license = license(new KeyDigest("a2".repeat(32)), LocalDate.parse("2032-12-31"), tables.clock.instant());
        tables.licenseStore().create(license);
        Instant cancelledAt = Instant.parse("2031-02-01T10:00:00Z");
        tables.licenseStore().update(license.after(LicenseChange.cancel(), cancelledAt), license.updatedAt());

        tables.clock.set(cancelledAt.plus(Duration.ofDays(90)).minusSeconds(1));
        assertEquals(VerdictCode.CANCELLED, tables.licenseStore().find(license.digest()).orElseThrow()
                .verdictFor(ZENDESK, tables.clock.instant()));
        assertEquals(0, run(PurgeCategory.LICENSES).found());

        tables.clock.set(cancelledAt.plus(Duration.ofDays(91)));
        assertTrue(tables.licenseStore().find(license.digest()).isEmpty());
        assertEquals(1, run(PurgeCategory.LICENSES).deleted());
        assertFalse(raw(tables.licenses, license));
    }

    @Test
    void aStartupEntryIsKeptNinetyDaysAndPurgedTheDayAfter() {
        Instant at = Instant.parse("2031-03-05T08:00:00.250Z");
        tablesAt(at);
        KeyDigest digest = new KeyDigest("b1".repeat(32));
        assertTrue(tables.startupTrail().write(List.of(new StartupEvent(hex32(), at, digest, ZENDESK, VerdictCode.VALID)))
                .isEmpty());

        tables.clock.set(Instant.parse("2031-06-03T07:59:59Z"));
        assertEquals(1, startupsOf(digest));
        assertEquals(0, run(PurgeCategory.STARTUP_LOG).found());

        tables.clock.set(Instant.parse("2031-06-04T08:00:00Z"));
        assertEquals(0, startupsOf(digest), "hidden before DynamoDB's TTL gets to it");
        assertEquals(1, run(PurgeCategory.STARTUP_LOG).deleted());
        assertEquals(0, tables.dynamo.scan(r -> r.tableName(tables.startupLog)).count());
    }

    @Test
    void credentialsGoWhenTheSubscriptionEnds() {
        tablesAt(Instant.parse("2031-06-01T09:00:00Z"));
        TenantId tenant = tenantWithCredentials();
        tables.changeTenant().terminate(tenant,
                Optional.of(LocalDate.parse("2031-07-01")));

        tables.clock.set(Instant.parse("2031-06-30T23:59:59Z"));
        assertEquals(0, run(PurgeCategory.CREDENTIALS).found());
        assertEquals(2, rawCredentials(tenant));

        tables.clock.set(Instant.parse("2031-07-01T12:00:00Z"));
        PurgeReport.Category purged = run(PurgeCategory.CREDENTIALS);
        assertEquals(List.of(2L, 2L), List.of(purged.found(), purged.deleted()));
        assertEquals(0, rawCredentials(tenant), "gone from the raw table, not just hidden");
        assertTrue(tables.tenantStore().find(tenant).isPresent(), "the tenant itself stays");
    }

    @Test
    void credentialsOutliveTheSubscriptionByTheConfiguredGrace() {
        tablesAt(Instant.parse("2031-06-01T09:00:00Z"), RetentionPolicy.PROMISED.withTunable(Duration.ofDays(90),
                Duration.ofDays(90), Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(365), Duration.ofDays(365)));
        TenantId tenant = tenantWithCredentials();
        tables.changeTenant().terminate(tenant,
                Optional.of(LocalDate.parse("2031-07-01")));

        tables.clock.set(Instant.parse("2031-07-07T23:59:59Z"));
        assertEquals(0, run(PurgeCategory.CREDENTIALS).found());
        tables.clock.set(Instant.parse("2031-07-08T12:00:00Z"));
        assertEquals(2, run(PurgeCategory.CREDENTIALS).deleted());
        assertEquals(0, rawCredentials(tenant));
    }

    @Test
    void anAuditEntryIsKeptAYearAndPurgedTheDayAfter() {
        Instant at = Instant.parse("2031-01-15T10:00:00Z");
        tablesAt(at);
        tables.auditTrail().record(new AuditEntry("e1", at, "ada@vendor.example", "tenant.create", "tenant/t", "ok"));

        tables.clock.set(at.plus(Duration.ofDays(365)).minusSeconds(1));
        assertEquals(1, tables.auditTrail().list(YearMonth.of(2031, 1), 10, Optional.empty()).entries().size());
        assertEquals(0, run(PurgeCategory.ADMIN_AUDIT).found());

        tables.clock.set(at.plus(Duration.ofDays(366)));
        assertTrue(tables.auditTrail().list(YearMonth.of(2031, 1), 10, Optional.empty()).entries().isEmpty());
        assertEquals(1, run(PurgeCategory.ADMIN_AUDIT).deleted());
        assertEquals(0, tables.dynamo.scan(r -> r.tableName(tables.audit)).count());
    }

    @Test
    void purgeReportsAndErasureReceiptsAreKeptAYearAndPurgedTheDayAfter() {
        Instant at = Instant.parse("2031-02-10T03:30:00Z");
        tablesAt(at);
        TenantId erased = TenantId.generate();
        tables.purgeReports().save(new PurgeReport("r1", at, at.plusSeconds(5), false, true, List.of()));
        tables.purgeReports().save(new ErasureReceipt("x1", erased, at, "ada@vendor.example", List.of(),
                new ErasureReceipt.Counts(1, 0, 0, 0, 0, 0)));

        tables.clock.set(at.plus(Duration.ofDays(365)).minusSeconds(1));
        assertEquals(1, tables.purgeReports().of(erased).size());
        assertEquals(0, run(PurgeCategory.PURGE_REPORTS).found());

        tables.clock.set(at.plus(Duration.ofDays(366)));
        assertTrue(tables.purgeReports().of(erased).isEmpty());
        assertEquals(2, run(PurgeCategory.PURGE_REPORTS).deleted());
        assertTrue(tables.dynamo.scan(r -> r.tableName(tables.reports)).items().stream()
                .noneMatch(i -> i.get("month").s().startsWith("2031-02")));
    }

    // ---- what moves a due date, and what suspends it ----

    @Test
    void aRenewalMovesTheLicencesPurgeDate() {
        tablesAt(Instant.parse("2031-01-01T09:00:00Z"));
        License license = license(new KeyDigest("c1".repeat(32)), LocalDate.parse("2031-01-10"), tables.clock.instant());
        tables.licenseStore().create(license);
        tables.clock.set(Instant.parse("2031-03-01T09:00:00Z"));
        tables.licenseStore().update(license.after(LicenseChange.renew(LocalDate.parse("2031-06-30")), tables.clock.instant()),
                license.updatedAt());

        tables.clock.set(Instant.parse("2031-04-11T12:00:00Z")); // when the old expiry would have been purged
        assertEquals(0, run(PurgeCategory.LICENSES).found());
        assertTrue(tables.licenseStore().find(license.digest()).isPresent());

        tables.clock.set(Instant.parse("2031-09-28T23:59:59Z")); // 2031-07-01 + 90 days, less a second
        assertEquals(0, run(PurgeCategory.LICENSES).found());
        tables.clock.set(Instant.parse("2031-09-29T12:00:00Z"));
        assertEquals(1, run(PurgeCategory.LICENSES).deleted());
    }

    @Test
    void aLicenceRenewedAfterItWasFoundIsNotDeleted() {
        tablesAt(Instant.parse("2031-01-01T09:00:00Z"));
        License license = license(new KeyDigest("c2".repeat(32)), LocalDate.parse("2031-01-10"), tables.clock.instant());
        tables.licenseStore().create(license);
        tables.clock.set(Instant.parse("2031-04-11T12:00:00Z"));
        IndexedDueItems due = IndexedDueItems.licenses(tables.dynamo, tables.licenses);
        Instant cutoff = tables.clock.instant().minus(Duration.ofDays(90));
        var page = due.due(due.startAt(cutoff.minus(Duration.ofDays(30))), cutoff, 10);
        assertEquals(1, page.items().size());
        // A renewal lands between the read and the delete (written straight to the table, as a racing request would).
        License renewed = new License(license.digest(), license.keySuffix(), license.tenantId(), license.tenantName(),
                ZENDESK, LicenseStatus.ACTIVE, LocalDate.parse("2032-01-10"), license.createdAt(), tables.clock.instant());
        tables.dynamo.deleteItem(r -> r.tableName(tables.licenses).key(Map.of("keyDigest", AttributeValue.fromS(license.digest().hex()))));
        tables.licenseStore().create(renewed);
        var deletion = due.delete(page.items(), cutoff);
        assertEquals(List.of(0, 1), List.of(deletion.deleted(), deletion.gone()));
        assertTrue(tables.licenseStore().find(license.digest()).isPresent());
    }

    @Test
    void aLegalHoldSuspendsPurgingUntilItIsCleared() {
        tablesAt(Instant.parse("2031-01-01T09:00:00Z"));
        Tenant held = new CreateTenant(tables.tenantStore(), tables.clock).create("Held Co");
        License license = new License(new KeyDigest("d1".repeat(32)), "HELD", held.id(), "Held Co", ZENDESK,
                LicenseStatus.ACTIVE, LocalDate.parse("2031-01-10"), tables.clock.instant(), tables.clock.instant());
        tables.licenseStore().create(license);
        tables.startupTrail().write(List.of(new StartupEvent(hex32(), tables.clock.instant(), license.digest(), ZENDESK,
                VerdictCode.VALID)));
        var change = tables.changeTenant();
        change.setLegalHold(held.id(), true);
        // DynamoDB's TTL knows nothing of holds: the held records come off it.
        assertFalse(rawItem(tables.licenses, license).containsKey("ttl"));
        assertTrue(tables.dynamo.scan(r -> r.tableName(tables.startupLog)).items().stream().noneMatch(i -> i.containsKey("ttl")));

        tables.clock.set(Instant.parse("2031-04-12T12:00:00Z"));
        assertTrue(tables.licenseStore().find(license.digest()).isPresent(), "held past its retention: still readable");
        PurgeExpired purge = tables.purge(new PurgeExpired.Settings(100, Duration.ofSeconds(30), Duration.ofDays(15)));
        PurgeReport report = purge.run(false, () -> Duration.ofHours(1));
        assertEquals(List.of(1L, 0L), List.of(report.category(PurgeCategory.LICENSES).skippedForHold(),
                report.category(PurgeCategory.LICENSES).deleted()));
        assertEquals(1, report.category(PurgeCategory.STARTUP_LOG).skippedForHold(), "its licences' startups are held too");
        assertTrue(raw(tables.licenses, license));

        change.setLegalHold(held.id(), false);
        assertEquals(license.retainUntil(RetentionPolicy.PROMISED).getEpochSecond(),
                Long.parseLong(rawItem(tables.licenses, license).get("ttl").n()), "back on TTL when the hold ends");
        assertTrue(tables.licenseStore().find(license.digest()).isEmpty());
        tables.clock.advance(Duration.ofDays(1));
        PurgeReport released = purge.run(false, () -> Duration.ofHours(1));
        assertEquals(1, released.category(PurgeCategory.LICENSES).deleted());
        assertEquals(1, released.category(PurgeCategory.STARTUP_LOG).deleted());
        assertFalse(raw(tables.licenses, license));
    }

    // ---- a run cut short, and a dry run ----

    @Test
    void aRunStoppedAtTheDeadlineResumesWithNothingDeletedTwiceAndNothingMissed() {
        Instant start = Instant.parse("2031-02-01T00:00:00Z");
        tablesAt(start);
        List<StartupEvent> events = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            events.add(new StartupEvent(hex32(), start.plusSeconds(i * 600L), new KeyDigest(String.format("%064x", i % 17)),
                    ZENDESK, VerdictCode.VALID));
        }
        assertTrue(tables.startupTrail().write(events).isEmpty());
        tables.clock.set(Instant.parse("2031-06-01T00:00:00Z"));
        tables.resetCounts();

        // The deadline closes in once 120 deletes have been sent: the run stops at a page boundary.
        PurgeExpired purge = tables.purge(new PurgeExpired.Settings(40, Duration.ofSeconds(30), Duration.ofDays(40)));
        PurgeReport cut = purge.run(false, () -> tables.deletes.size() < 120 ? Duration.ofMinutes(5) : Duration.ofSeconds(10));
        assertFalse(cut.complete());
        assertEquals(120, cut.category(PurgeCategory.STARTUP_LOG).deleted());

        PurgeReport resumed = purge.run(false, () -> Duration.ofMinutes(5));
        assertTrue(resumed.complete());
        assertEquals(130, resumed.category(PurgeCategory.STARTUP_LOG).found());
        assertEquals(130, resumed.category(PurgeCategory.STARTUP_LOG).deleted());
        assertEquals(250, tables.deletes.size(), "nothing missed");
        assertEquals(Set.of(1), new HashSet<>(tables.deletes.values()), "no delete sent twice for a key");
        assertEquals(0, tables.dynamo.scan(r -> r.tableName(tables.startupLog)).count());
    }

    @Test
    void aDryRunDeletesNothingAndCountsWhatTheRealRunThenDeletes() {
        tablesAt(Instant.parse("2031-01-01T09:00:00Z"));
        for (int i = 0; i < 30; i++) {
            tables.licenseStore().create(license(new KeyDigest(String.format("%064x", 0xe000 + i)),
                    LocalDate.parse("2031-01-10").plusDays(i % 4), tables.clock.instant()));
        }
        tables.clock.set(Instant.parse("2031-05-01T00:00:00Z"));
        tables.resetCounts();
        PurgeReport dry = tables.purge(new PurgeExpired.Settings(7, Duration.ofSeconds(30), Duration.ofDays(40))).run(true, () -> Duration.ofHours(1));
        assertTrue(tables.deletes.isEmpty());
        assertEquals(30, tables.dynamo.scan(r -> r.tableName(tables.licenses)).count());

        PurgeReport real = tables.purge(new PurgeExpired.Settings(7, Duration.ofSeconds(30), Duration.ofDays(40))).run(false, () -> Duration.ofHours(1));
        for (PurgeCategory category : PurgeCategory.values()) {
            assertEquals(dry.category(category).found(), real.category(category).found(), category.wire());
            assertEquals(dry.category(category).skippedForHold(), real.category(category).skippedForHold());
        }
        assertEquals(30, real.category(PurgeCategory.LICENSES).deleted());
        assertEquals(0, dry.category(PurgeCategory.LICENSES).deleted());
        assertEquals(0, tables.dynamo.scan(r -> r.tableName(tables.licenses)).count());
    }

    @Test
    void theReportIsStoredWithCountsOnlyAndATtlAYearOut() {
        tablesAt(Instant.parse("2031-11-23T03:30:00Z"));
        PurgeReport report = tables.purge().run(false, () -> Duration.ofHours(1));
        Map<String, AttributeValue> item = tables.dynamo.scan(r -> r.tableName(tables.reports)).items().stream()
                .filter(i -> "purge".equals(i.get("kind") == null ? null : i.get("kind").s())).findFirst().orElseThrow();
        assertEquals(Set.of("month", "entry", "kind", "id", "startedAt", "endedAt", "dryRun", "complete", "categories", "ttl"),
                item.keySet());
        assertEquals(Set.of("credentials", "licenses", "startup-log", "admin-audit", "purge-reports"),
                item.get("categories").m().keySet());
        assertEquals(report.startedAt().plus(Duration.ofDays(365)).getEpochSecond(), Long.parseLong(item.get("ttl").n()));
    }

    // ---- helpers ----

    PurgeReport.Category run(PurgeCategory category) {
        return tables.purge().run(false, () -> Duration.ofHours(1)).category(category);
    }

    License license(KeyDigest digest, LocalDate expiresOn, Instant at) {
        return new License(digest, "X2M9", new TenantId("t_acme00000000000a"), "Acme", ZENDESK, LicenseStatus.ACTIVE,
                expiresOn, at, at);
    }

    Map<String, AttributeValue> rawItem(String table, License license) {
        return tables.dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("keyDigest", AttributeValue.fromS(license.digest().hex())))).item();
    }

    boolean raw(String table, License license) {
        Map<String, AttributeValue> item = tables.dynamo.getItem(r -> r.tableName(table)
                .key(Map.of("keyDigest", AttributeValue.fromS(license.digest().hex())))).item();
        return item != null && !item.isEmpty();
    }

    int startupsOf(KeyDigest digest) {
        Instant now = tables.clock.instant();
        return tables.startupTrail().list(digest, now.minus(Duration.ofDays(400)), now, 100, Optional.empty()).entries().size();
    }

    TenantId tenantWithCredentials() {
        Tenant tenant = new CreateTenant(tables.tenantStore(), tables.clock).create("Leaving Co");
        ManageCredentials manage = new ManageCredentials(tables.tenantStore(), tables.credentialStore(),
                new CredentialSealer(KeyRing.generate()), tables.clock);
        manage.putModel(tenant.id(), new ModelCredentials(ModelCredentials.Provider.ANTHROPIC, Optional.empty(),
                "claude-sonnet-4-5", "sk-ant-api03-Vb8Nq2Wm7Xr4Ts9Lp1Kc6Hd3Jf5Gz0Ya"));
        manage.putZendesk(tenant.id(), new dev.tollgate.credentials.ZendeskCredentials("leaving",
                dev.tollgate.credentials.ZendeskCredentials.Auth.OAUTH, Optional.empty(), "zd-oauth-Q7vK2mX9pL4tR8sW1yB6cN3d"));
        return tenant.id();
    }

    long rawCredentials(TenantId tenant) {
        return tables.dynamo.scan(r -> r.tableName(tables.tenants)).items().stream()
                .filter(i -> i.get("tenantId").s().equals(tenant.value()))
                .filter(i -> i.get("record").s().startsWith("credentials#")).count();
    }

    static String hex32() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
