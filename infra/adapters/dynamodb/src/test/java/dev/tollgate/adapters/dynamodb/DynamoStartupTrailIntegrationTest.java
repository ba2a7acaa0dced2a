package dev.tollgate.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.embedded.EmbeddedDynamoDb;
import dev.tollgate.license.KeyDigest;
import dev.tollgate.license.Product;
import dev.tollgate.license.VerdictCode;
import dev.tollgate.retention.RetentionPolicy;
import dev.tollgate.startup.StartupEvent;
import dev.tollgate.startup.StartupTrail;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** The startup-log adapter on DynamoDB Local: batch writes, idempotence, paging and the TTL filter. */
class DynamoStartupTrailIntegrationTest {

    static final String TABLE = "startup-log-it";
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final Product PRODUCT = new Product("zendesk-mcp");
    static final AtomicInteger DIGESTS = new AtomicInteger();
    static EmbeddedDynamoDb engine;
    static DynamoDbClient dynamo;

    @BeforeAll
    static void start() {
        engine = EmbeddedDynamoDb.inMemory();
        dynamo = engine.client();
        TableBootstrap.createMissing(dynamo,
                List.of(new TableBootstrap.Table(DynamoStartupTrail.tableDefinition(TABLE), DynamoStartupTrail.TTL)));
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        engine.close();
    }

    @Test
    void entriesAreWrittenInBatchesWithTheDeclaredAttributesOnly() {
        KeyDigest digest = freshDigest();
        List<StartupEvent> events = startups(digest, 60, NOW.minusSeconds(3600));
        assertTrue(trailAt(NOW).write(events).isEmpty());

        List<Map<String, AttributeValue>> items = itemsOf(digest);
        assertEquals(60, items.size());
        for (Map<String, AttributeValue> item : items) {
            assertEquals(Set.of("keyDigest", "entry", "product", "verdict", "ttl", "retentionDay", "retentionStart"), item.keySet());
        }
        StartupEvent first = events.get(0);
        Map<String, AttributeValue> stored = items.stream()
                .filter(i -> i.get("entry").s().endsWith(first.id())).findFirst().orElseThrow();
        assertEquals(first.at().plus(Duration.ofDays(90)).getEpochSecond(), Long.parseLong(stored.get("ttl").n()));
        assertEquals(DynamoStartupTrail.entry(first), stored.get("entry").s());
        // The retention index says again when the startup was (to the second), and nothing more.
        assertEquals(first.at().getEpochSecond(), Long.parseLong(stored.get("retentionStart").n()));
        assertTrue(stored.get("retentionDay").s().startsWith(first.at().toString().substring(0, 10) + "#"));
    }

    @Test
    void unprocessedItemsAreRetriedUntilWrittenAndReportedWhenTheyNeverAre() {
        KeyDigest digest = freshDigest();
        List<StartupEvent> events = startups(digest, 20, NOW.minusSeconds(600));
        // DynamoDB hands back UnprocessedItems under throttling; DynamoDB Local never does, so a
        // decorator over the real engine withholds some on the first call (or on every call).
        Throttling once = new Throttling(dynamo, 1);
        assertTrue(new DynamoStartupTrail(once, TABLE, RetentionPolicy.PROMISED, Clock.fixed(NOW, ZoneOffset.UTC))
                .write(events).isEmpty());
        assertEquals(2, once.calls.get());
        assertEquals(20, itemsOf(digest).size());

        KeyDigest other = freshDigest();
        List<StartupEvent> stuck = startups(other, 8, NOW.minusSeconds(600));
        Throttling always = new Throttling(dynamo, Integer.MAX_VALUE);
        List<StartupEvent> unwritten = new DynamoStartupTrail(always, TABLE, RetentionPolicy.PROMISED,
                Clock.fixed(NOW, ZoneOffset.UTC)).write(stuck);
        assertEquals(Set.copyOf(stuck.subList(5, 8)), Set.copyOf(unwritten));
        assertEquals(5, itemsOf(other).size());
    }

    /** Writes all but the last three items of a request and reports those three unprocessed, {@code times} times. */
    static final class Throttling implements DynamoDbClient {
        final DynamoDbClient real;
        final int times;
        final AtomicInteger calls = new AtomicInteger();

        Throttling(DynamoDbClient real, int times) {
            this.real = real;
            this.times = times;
        }

        @Override
        public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
            if (calls.incrementAndGet() > times) {
                return real.batchWriteItem(request);
            }
            String table = request.requestItems().keySet().iterator().next();
            List<WriteRequest> all = request.requestItems().get(table);
            List<WriteRequest> withheld = all.subList(Math.max(0, all.size() - 3), all.size());
            List<WriteRequest> written = all.subList(0, all.size() - withheld.size());
            if (!written.isEmpty()) {
                real.batchWriteItem(r -> r.requestItems(Map.of(table, written)));
            }
            return BatchWriteItemResponse.builder().unprocessedItems(Map.of(table, withheld)).build();
        }

        @Override
        public String serviceName() {
            return real.serviceName();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void writingTheSameEventsAgainLeavesOneEntryEach() {
        KeyDigest digest = freshDigest();
        List<StartupEvent> events = startups(digest, 30, NOW.minusSeconds(60));
        List<StartupEvent> twice = new ArrayList<>(events);
        twice.addAll(events.subList(0, 10));
        assertTrue(trailAt(NOW).write(twice).isEmpty());
        assertTrue(trailAt(NOW).write(events).isEmpty());
        assertEquals(30, itemsOf(digest).size());
    }

    @Test
    void listingIsNewestFirstPagedAndWithinTheRange() {
        KeyDigest digest = freshDigest();
        List<StartupEvent> events = startups(digest, 23, NOW.minus(Duration.ofDays(2)));
        StartupTrail trail = trailAt(NOW);
        trail.write(events);
        trail.write(startups(freshDigest(), 5, NOW.minus(Duration.ofDays(1)))); // another licence's entries

        List<StartupEvent> seen = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        int pages = 0;
        do {
            StartupTrail.Page page = trail.list(digest, NOW.minus(Duration.ofDays(90)), NOW, 10, cursor);
            seen.addAll(page.entries());
            cursor = page.nextCursor();
            pages++;
        } while (cursor.isPresent());
        List<StartupEvent> newestFirst = events.stream().sorted(Comparator.comparing(StartupEvent::at).reversed()).toList();
        assertEquals(newestFirst, seen);
        assertEquals(3, pages);

        Instant from = events.get(5).at();
        Instant to = events.get(9).at();
        assertEquals(newestFirst.subList(13, 18), trail.list(digest, from, to, 100, Optional.empty()).entries());
    }

    @Test
    void anEntryPastItsTtlIsNeverReturnedThoughDynamoDbStillHoldsIt() {
        KeyDigest digest = freshDigest();
        Instant old = NOW.minus(Duration.ofDays(89));
        StartupEvent aging = startups(digest, 1, old).get(0);
        StartupEvent fresh = startups(digest, 1, NOW.minusSeconds(5)).get(0);
        trailAt(NOW).write(List.of(aging, fresh));
        assertEquals(List.of(fresh, aging),
                trailAt(NOW).list(digest, old.minusSeconds(1), NOW, 10, Optional.empty()).entries());

        // Two days on, the first entry is past its TTL; DynamoDB Local, like DynamoDB, has not deleted it.
        StartupTrail later = trailAt(NOW.plus(Duration.ofDays(2)));
        assertEquals(2, itemsOf(digest).size());
        assertEquals(List.of(fresh), later.list(digest, old.minusSeconds(1), NOW, 10, Optional.empty()).entries());
        assertEquals(List.of(fresh), later.list(digest, old.minusSeconds(1), NOW, 1, Optional.empty()).entries());
    }

    @Test
    void aCursorFromElsewhereIsRefused() {
        KeyDigest digest = freshDigest();
        StartupTrail trail = trailAt(NOW);
        for (String cursor : List.of("%%%", "bm90LWFuLWVudHJ5", "MjAyMC0wMS0wMVQwMDowMDowMC4wMDBaIzAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVm")) {
            assertThrows(IllegalArgumentException.class,
                    () -> trail.list(digest, NOW.minus(Duration.ofDays(1)), NOW, 10, Optional.of(cursor)), cursor);
        }
    }

    static List<StartupEvent> startups(KeyDigest digest, int count, Instant firstAt) {
        List<StartupEvent> events = new ArrayList<>();
        VerdictCode[] verdicts = VerdictCode.values();
        for (int i = 0; i < count; i++) {
            events.add(StartupEvent.of(firstAt.plusSeconds(i * 60L), digest, PRODUCT, verdicts[i % verdicts.length]));
        }
        return events;
    }

    private static StartupTrail trailAt(Instant now) {
        return new DynamoStartupTrail(dynamo, TABLE, RetentionPolicy.PROMISED, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static List<Map<String, AttributeValue>> itemsOf(KeyDigest digest) {
        return dynamo.queryPaginator(r -> r.tableName(TABLE).keyConditionExpression("keyDigest = :d")
                .expressionAttributeValues(Map.of(":d", AttributeValue.fromS(digest.hex())))).items().stream().toList();
    }

    private static KeyDigest freshDigest() {
        return new KeyDigest(String.format("%064x", DIGESTS.incrementAndGet()));
    }
}
