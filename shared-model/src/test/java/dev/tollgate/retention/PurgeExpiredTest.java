package dev.tollgate.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The purge's rules on in-memory records: resume, holds, dry runs, failures. The DynamoDB side has its own tests. */
class PurgeExpiredTest {

    static final Instant NOW = Instant.parse("2026-11-23T03:30:00Z");
    static final TenantId HELD = new TenantId("t_he1d000000000000");
    static final TenantId FREE = new TenantId("t_free000000000000");

    MovableClock clock;
    InMemoryDueItems startups;
    InMemoryDueItems licenses;
    InMemoryPurgeReports reports;
    AtomicReference<HeldRecords> held;
    PurgeExpired purge;

    @BeforeEach
    void wire() {
        clock = new MovableClock(NOW);
        startups = new InMemoryDueItems(PurgeCategory.STARTUP_LOG);
        licenses = new InMemoryDueItems(PurgeCategory.LICENSES);
        reports = new InMemoryPurgeReports();
        held = new AtomicReference<>(HeldRecords.NONE);
        LegalHolds holds = new LegalHolds() {
            @Override
            public HeldRecords held() {
                return held.get();
            }

            @Override
            public void suspendExpiry(TenantId tenant) {
            }

            @Override
            public void resumeExpiry(TenantId tenant) {
            }
        };
        purge = new PurgeExpired(new PurgeSources(List.of(startups, licenses)), holds, reports,
                RetentionPolicy.PROMISED, new PurgeExpired.Settings(10, Duration.ofSeconds(30), Duration.ofDays(30)), clock);
    }

    @Test
    void onlyWhatIsPastItsPeriodGoes() {
        startups.add("kept", NOW.minus(Duration.ofDays(90)).plusSeconds(1), Optional.empty());
        startups.add("due", NOW.minus(Duration.ofDays(90)), Optional.empty());
        PurgeReport report = purge.run(false, forever());
        assertEquals(Set.of("kept"), startups.remaining());
        PurgeReport.Category c = report.category(PurgeCategory.STARTUP_LOG);
        assertEquals(List.of(1L, 1L, 0L, 0L, 0L), List.of(c.found(), c.deleted(), c.skippedForHold(), c.gone(), c.failed()));
        assertEquals(NOW.minus(Duration.ofDays(90)), c.cutoff());
        assertTrue(report.complete() && c.finished() && !report.dryRun());
        assertEquals(List.of(report), reports.saved, "every run is stored");
    }

    @Test
    void aDryRunDeletesNothingAndReportsWhatTheRealRunThenDoes() {
        for (int i = 0; i < 25; i++) {
            startups.add("s" + i, NOW.minus(Duration.ofDays(91 + i % 3)), Optional.empty());
            licenses.add("l" + i, NOW.minus(Duration.ofDays(95)), Optional.of(i % 5 == 0 ? HELD : FREE));
        }
        held.set(new HeldRecords(Set.of(HELD), Set.of()));
        PurgeReport dry = purge.run(true, forever());
        assertEquals(25, startups.remaining().size());
        assertEquals(25, licenses.remaining().size());
        assertTrue(startups.deletes.isEmpty() && licenses.deletes.isEmpty() && reports.checkpoints.isEmpty());

        PurgeReport real = purge.run(false, forever());
        for (PurgeCategory category : List.of(PurgeCategory.STARTUP_LOG, PurgeCategory.LICENSES)) {
            PurgeReport.Category d = dry.category(category);
            PurgeReport.Category r = real.category(category);
            assertEquals(List.of(d.found(), d.skippedForHold()), List.of(r.found(), r.skippedForHold()), category.wire());
            assertEquals(0, d.deleted());
            assertEquals(r.found() - r.skippedForHold(), r.deleted(), category.wire());
        }
        assertTrue(dry.dryRun());
        assertEquals(5, real.category(PurgeCategory.LICENSES).skippedForHold());
    }

    @Test
    void aRunStoppedAtTheDeadlineResumesWithNothingDeletedTwiceAndNothingMissed() {
        for (int i = 0; i < 95; i++) {
            startups.add(String.format("s%03d", i), NOW.minus(Duration.ofDays(100)).plusSeconds(i), Optional.empty());
        }
        // Time for three pages of ten, then the deadline is too close.
        Deadline closing = () -> startups.deletes.size() < 30 ? Duration.ofMinutes(5) : Duration.ofSeconds(29);
        PurgeReport first = purge.run(false, closing);
        assertFalse(first.complete());
        assertEquals(30, first.category(PurgeCategory.STARTUP_LOG).deleted());
        assertFalse(first.category(PurgeCategory.STARTUP_LOG).finished());
        assertEquals(65, startups.remaining().size());

        PurgeReport second = purge.run(false, forever());
        assertTrue(second.complete());
        assertEquals(65, second.category(PurgeCategory.STARTUP_LOG).found());
        assertTrue(startups.remaining().isEmpty(), "nothing missed");
        assertEquals(Set.of(1), new HashSet<>(startups.deletes.values()), "nothing deleted twice");
        assertEquals(95, startups.deletes.size());
    }

    @Test
    void aHeldTenantsRecordsAreSkippedEveryRunAndGoOnceTheHoldEnds() {
        licenses.add("held-old", NOW.minus(Duration.ofDays(120)), Optional.of(HELD));
        licenses.add("free", NOW.minus(Duration.ofDays(110)), Optional.of(FREE));
        held.set(new HeldRecords(Set.of(HELD), Set.of()));

        PurgeReport first = purge.run(false, forever());
        assertEquals(1, first.category(PurgeCategory.LICENSES).skippedForHold());
        assertEquals(Set.of("held-old"), licenses.remaining());

        clock.advance(Duration.ofDays(1));
        PurgeReport whileHeld = purge.run(false, forever());
        assertEquals(1, whileHeld.category(PurgeCategory.LICENSES).skippedForHold(), "found again, reported again");

        held.set(HeldRecords.NONE);
        clock.advance(Duration.ofDays(1));
        PurgeReport released = purge.run(false, forever());
        assertEquals(1, released.category(PurgeCategory.LICENSES).deleted());
        assertTrue(licenses.remaining().isEmpty());
    }

    @Test
    void aFailedDeleteIsReportedAndTriedAgainByTheNextRun() {
        startups.add("stuck", NOW.minus(Duration.ofDays(100)), Optional.empty());
        startups.add("fine", NOW.minus(Duration.ofDays(99)), Optional.empty());
        startups.failing.add("stuck");
        PurgeReport first = purge.run(false, forever());
        assertEquals(1, first.category(PurgeCategory.STARTUP_LOG).failed());
        assertEquals(1, first.category(PurgeCategory.STARTUP_LOG).deleted());

        startups.failing.clear();
        clock.advance(Duration.ofDays(1));
        PurgeReport second = purge.run(false, forever());
        assertEquals(1, second.category(PurgeCategory.STARTUP_LOG).deleted());
        assertTrue(startups.remaining().isEmpty());
    }

    @Test
    void runningAgainFindsNothingNew() {
        startups.add("due", NOW.minus(Duration.ofDays(100)), Optional.empty());
        purge.run(false, forever());
        PurgeReport again = purge.run(false, forever());
        assertEquals(0, again.category(PurgeCategory.STARTUP_LOG).found());
        assertEquals(1, startups.deletes.get("due"));
    }

    @Test
    void eachCategoryTakesItsPeriodFromThePolicy() {
        RetentionPolicy p = RetentionPolicy.PROMISED;
        assertEquals(Duration.ofDays(90), PurgeCategory.LICENSES.period(p));
        assertEquals(Duration.ofDays(90), PurgeCategory.STARTUP_LOG.period(p));
        assertEquals(Duration.ZERO, PurgeCategory.CREDENTIALS.period(p));
        assertEquals(Duration.ofDays(365), PurgeCategory.ADMIN_AUDIT.period(p));
        assertEquals(Duration.ofDays(365), PurgeCategory.PURGE_REPORTS.period(p));
        assertEquals(Duration.ofDays(1), p.dedupMarkers());
        assertEquals(Duration.ofDays(1), p.unpublishedUploads());
        assertEquals(Duration.ofDays(14), p.deadLetters());
        assertEquals(Duration.ofDays(90), p.serverLogs());
        assertTrue(p.usageCounters().isEmpty(), "usage counters are kept");
    }

    static Deadline forever() {
        return () -> Duration.ofHours(1);
    }
}
