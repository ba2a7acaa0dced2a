package dev.tollgate.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.audit.AuditEntry;
import dev.tollgate.audit.AuditTrail;
import dev.tollgate.embedded.EmbeddedDynamoDb;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** The admin audit table on DynamoDB Local: newest first, paged, a year of TTL, nothing but the entry. */
class DynamoAuditTrailIntegrationTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static EmbeddedDynamoDb engine;
    static DynamoDbClient dynamo;

    @BeforeAll
    static void start() {
        engine = EmbeddedDynamoDb.inMemory();
        dynamo = engine.client();
        TableBootstrap.createMissing(dynamo, List.of(
                new TableBootstrap.Table(DynamoAuditTrail.tableDefinition("audit"), DynamoAuditTrail.TTL)));
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        engine.close();
    }

    @Test
    void entriesComeBackNewestFirstInPagesAndExpireAfterAYear() {
        DynamoAuditTrail trail = new DynamoAuditTrail(dynamo, "audit", Duration.ofDays(365), Clock.fixed(NOW, ZoneOffset.UTC));
        for (int i = 0; i < 5; i++) {
            trail.record(new AuditEntry("id" + i, NOW.minusSeconds(60 - i), "staff-" + i, "license.suspend",
                    "license/" + "a".repeat(64), "ok"));
        }
        trail.record(new AuditEntry("old", Instant.parse("2026-10-31T23:59:59Z"), "staff", "tenant.create", "tenant/t", "ok"));

        List<AuditEntry> seen = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            AuditTrail.Page page = trail.list(YearMonth.of(2026, 11), 2, cursor);
            seen.addAll(page.entries());
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        assertEquals(List.of("id4", "id3", "id2", "id1", "id0"), seen.stream().map(AuditEntry::id).toList());
        assertEquals("staff-4", seen.get(0).actor());
        assertEquals(List.of("old"), trail.list(YearMonth.of(2026, 10), 10, Optional.empty()).entries().stream()
                .map(AuditEntry::id).toList());

        Map<String, AttributeValue> item = dynamo.scan(r -> r.tableName("audit")).items().get(0);
        assertEquals(java.util.Set.of("month", "entry", "actor", "action", "target", "result", "ttl"), item.keySet());
        assertEquals(TimeToLiveStatus.ENABLED, dynamo.describeTimeToLive(r -> r.tableName("audit"))
                .timeToLiveDescription().timeToLiveStatus());

        DynamoAuditTrail aYearLater = new DynamoAuditTrail(dynamo, "audit", Duration.ofDays(365),
                Clock.fixed(NOW.plus(Duration.ofDays(366)), ZoneOffset.UTC));
        assertTrue(aYearLater.list(YearMonth.of(2026, 11), 10, Optional.empty()).entries().isEmpty(),
                "past its TTL an entry is gone, whether or not DynamoDB has deleted it yet");
    }

    @Test
    void entriesInTheSameSecondListInTimeOrderWhateverTheirFractionDigits() {
        DynamoAuditTrail trail = new DynamoAuditTrail(dynamo, "audit", Duration.ofDays(365), Clock.fixed(NOW, ZoneOffset.UTC));
        Instant second = Instant.parse("2026-12-05T11:00:00Z"); // a month of its own: other tests list November
        // Instant.toString() gives 0, 3, 6 and 9 fraction digits for these: 11:00:00Z, .100Z, .100200Z, .100200300Z, .500Z
        List<Instant> times = List.of(second, second.plusMillis(100), second.plusNanos(100_200_000),
                second.plusNanos(100_200_300), second.plusMillis(500), second.plusSeconds(1));
        List<String> written = new ArrayList<>();
        for (int i = times.size() - 1; i >= 0; i--) { // written out of order: the key alone must order them
            String id = "same-second-" + i;
            trail.record(new AuditEntry(id, times.get(i), "staff", "tenant.rename", "tenant/t", "ok"));
            written.add(0, id);
        }
        List<AuditEntry> newestFirst = trail.list(YearMonth.of(2026, 12), 100, Optional.empty()).entries();
        assertEquals(reversed(written), newestFirst.stream().map(AuditEntry::id).toList());
        assertEquals(reversed(times), newestFirst.stream().map(AuditEntry::at).toList(), "the time reads back to the nanosecond");
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    @Test
    void textFromATokenIsBoundedAndPrintable() {
        AuditEntry entry = new AuditEntry("x", NOW, "evil\nline", "a".repeat(500), "", null);
        assertEquals("evil?line", entry.actor());
        assertEquals(AuditEntry.MAX_TEXT, entry.action().length());
        assertEquals("-", entry.target());
        assertEquals("-", entry.result());
    }
}
