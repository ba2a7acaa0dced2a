package dev.tollgate.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.embedded.EmbeddedDynamoDb;
import dev.tollgate.license.KeyDigest;
import dev.tollgate.license.License;
import dev.tollgate.license.LicenseStatus;
import dev.tollgate.license.Product;
import dev.tollgate.license.VerdictCode;
import dev.tollgate.retention.PurgeCategory;
import dev.tollgate.retention.PurgeExpired;
import dev.tollgate.retention.PurgeReport;
import dev.tollgate.retention.RetentionPolicy;
import dev.tollgate.startup.StartupEvent;
import dev.tollgate.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What a purge costs on DynamoDB Local: {@code due} items among {@code live} ones (startup entries
 * of the last 89 days, some on the cutoff's own day just after it, and live licences), then one
 * run, counting the items every read returned and the read capacity DynamoDB reports. Shared by the
 * build's small version and the full-size benchmark.
 */
final class PurgeCost {

    /** After the wall clock, so DynamoDB Local's own TTL job never deletes under the test. */
    static final Instant NOW = Instant.parse("2031-06-01T03:30:00Z");
    static final Product ZENDESK = new Product("zendesk-mcp");

    record Result(int due, int live, long itemsRead, double readCapacity, long deleted, long found, Duration took,
                  long liveAfter) {
        double readsPerDueItem() {
            return (double) itemsRead / due;
        }
    }

    private PurgeCost() {
    }

    static Result measure(EmbeddedDynamoDb engine, String prefix, int due, int live) {
        try (RetentionTables tables = new RetentionTables(engine, prefix, NOW, RetentionPolicy.PROMISED)) {
            Instant cutoff = NOW.minus(Duration.ofDays(90));
            DynamoStartupTrail trail = tables.startupTrail();
            List<StartupEvent> batch = new ArrayList<>();
            int liveLicences = live / 20;
            for (int i = 0; i < live - liveLicences; i++) {
                // Spread over the 90 days kept; every 50th lands on the cutoff's day, after the cutoff.
                Instant at = i % 50 == 0 ? cutoff.plusSeconds(60 + i % 3_600)
                        : NOW.minusSeconds(60 + (long) (i * 7_919L % (89L * 86_400)));
                batch.add(event(at, i));
                flush(trail, batch, false);
            }
            for (int i = 0; i < due; i++) {
                // Due: started in the five days before the cutoff.
                batch.add(event(cutoff.minusSeconds(1 + (long) i * 432_000 / Math.max(due, 1)), live + i));
                flush(trail, batch, false);
            }
            flush(trail, batch, true);
            DynamoLicenseStore licences = tables.licenseStore();
            for (int i = 0; i < liveLicences; i++) {
                Instant issued = NOW.minus(Duration.ofDays(30));
                licences.create(new License(new KeyDigest(String.format("%064x", 0xabc000000L + i)), "X2M9",
                        new TenantId("t_acme00000000000a"), "Acme", ZENDESK, LicenseStatus.ACTIVE,
                        LocalDate.ofInstant(NOW, ZoneOffset.UTC).plusDays(i % 400), issued, issued));
            }

            PurgeExpired purge = tables.purge(new PurgeExpired.Settings(100, Duration.ofSeconds(30), Duration.ofDays(7)));
            tables.resetCounts();
            long started = System.nanoTime();
            PurgeReport report = purge.run(false, () -> Duration.ofMinutes(15));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            long itemsRead = tables.itemsRead.get();
            double capacity = tables.readCapacity.get();
            PurgeReport.Category startups = report.category(PurgeCategory.STARTUP_LOG);
            long liveAfter = tables.dynamo.scanPaginator(r -> r.tableName(tables.startupLog).select("COUNT"))
                    .stream().mapToLong(p -> p.count()).sum();
            return new Result(due, live, itemsRead, capacity, startups.deleted(), startups.found(), took, liveAfter);
        }
    }

    /** The cost figures the issue asks for, and the promise that the live items are all still there. */
    static void check(Result r) {
        System.out.printf("purge cost: %,d due among %,d live: %,d items read (%.2f per due item), %.1f read capacity"
                        + " units, %,d deleted in %,d ms (%.0f deletes/s)%n", r.due(), r.live(), r.itemsRead(),
                r.readsPerDueItem(), r.readCapacity(), r.deleted(), r.took().toMillis(),
                r.deleted() * 1000.0 / Math.max(1, r.took().toMillis()));
        assertEquals(r.due(), r.found());
        assertEquals(r.due(), r.deleted());
        assertTrue(r.itemsRead() <= 2L * r.due(), "read " + r.itemsRead() + " items for " + r.due() + " due ones");
        assertEquals(r.live() - r.live() / 20, r.liveAfter(), "every live startup entry is still there");
    }

    private static StartupEvent event(Instant at, int i) {
        return new StartupEvent(UUID.randomUUID().toString().replace("-", ""), at,
                new KeyDigest(String.format("%064x", i % 997)), ZENDESK, VerdictCode.VALID);
    }

    private static void flush(DynamoStartupTrail trail, List<StartupEvent> batch, boolean always) {
        if (always ? !batch.isEmpty() : batch.size() >= 500) {
            assertTrue(trail.write(batch).isEmpty(), "setup write");
            batch.clear();
        }
    }
}
