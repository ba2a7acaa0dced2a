package dev.tollgate.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.license.KeyDigest;
import dev.tollgate.license.Product;
import dev.tollgate.license.VerdictCode;
import dev.tollgate.retention.RetentionPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The batch rules, on a port double; the handler tests run the same code on DynamoDB Local. */
class RecordStartupsTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    final WritingTrail trail = new WritingTrail();
    final CountingTally tally = new CountingTally();
    final RecordStartups record = new RecordStartups(trail, tally, RetentionPolicy.PROMISED, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aBatchIsWrittenOnceAndNothingFails() {
        List<RecordStartups.QueuedMessage> batch = List.of(message("m1", event(1)), message("m2", event(2)));
        assertTrue(record.record(batch).isEmpty());
        assertEquals(2, trail.written.size());
        assertEquals(1, trail.calls);
    }

    @Test
    void theSameEventDeliveredTwiceInOneBatchIsWrittenOnce() {
        StartupEvent event = event(1);
        assertTrue(record.record(List.of(message("m1", event), message("m2", event))).isEmpty());
        assertEquals(List.of(event), trail.written);
    }

    @Test
    void onlyThePoisonMessageIsReportedAndTheRestAreWritten() {
        List<String> failed = record.record(List.of(message("m1", event(1)),
                new RecordStartups.QueuedMessage("bad", "{\"v\":1}"), message("m3", event(3))));
        assertEquals(List.of("bad"), failed);
        assertEquals(2, trail.written.size());
    }

    @Test
    void anUnwrittenEventFailsEveryMessageThatCarriedIt() {
        StartupEvent refused = event(2);
        trail.refuse = Set.of(refused.id());
        List<String> failed = record.record(List.of(message("m1", event(1)), message("m2", refused),
                message("m2-again", refused)));
        assertEquals(List.of("m2", "m2-again"), failed);
    }

    @Test
    void anEventAlreadyPastRetentionIsDroppedNotWrittenNorRetried() {
        StartupEvent stale = StartupEvent.of(NOW.minus(Duration.ofDays(91)), digest(), new Product("zendesk-mcp"),
                VerdictCode.VALID);
        assertTrue(record.record(List.of(message("late", stale))).isEmpty());
        assertTrue(trail.written.isEmpty());
    }

    @Test
    void unknownKeysAreCountedNotWrittenToTheTrail() {
        StartupEvent known = event(1);
        StartupEvent unknown = StartupEvent.of(NOW, digest(), new Product("zendesk-mcp"), VerdictCode.NOT_FOUND);
        assertTrue(record.record(List.of(message("m1", known), message("m2", unknown))).isEmpty());
        assertEquals(List.of(known), trail.written);
        assertEquals(List.of(unknown), tally.counted);
    }

    @Test
    void anUncountedUnknownKeyFailsItsMessageOnly() {
        StartupEvent unknown = StartupEvent.of(NOW, digest(), new Product("zendesk-mcp"), VerdictCode.NOT_FOUND);
        tally.refuse = true;
        assertEquals(List.of("m2"), record.record(List.of(message("m1", event(1)), message("m2", unknown))));
        assertEquals(1, trail.written.size());
    }

    @Test
    void anUnknownKeyPastTheTallysRetentionIsDropped() {
        StartupEvent stale = StartupEvent.of(NOW.minus(Duration.ofDays(8)), digest(), new Product("zendesk-mcp"),
                VerdictCode.NOT_FOUND);
        assertTrue(record.record(List.of(message("late", stale))).isEmpty());
        assertTrue(tally.counted.isEmpty());
    }

    static RecordStartups.QueuedMessage message(String id, StartupEvent event) {
        return new RecordStartups.QueuedMessage(id, StartupEventCodec.encode(event));
    }

    static StartupEvent event(int minutesAgo) {
        return StartupEvent.of(NOW.minusSeconds(60L * minutesAgo), digest(), new Product("zendesk-mcp"), VerdictCode.VALID);
    }

    static KeyDigest digest() {
        return new KeyDigest("b".repeat(64));
    }

    static final class CountingTally implements UnknownKeyTally {
        final List<StartupEvent> counted = new ArrayList<>();
        boolean refuse;

        @Override
        public List<StartupEvent> add(List<StartupEvent> unknown) {
            if (refuse) {
                return unknown;
            }
            counted.addAll(unknown);
            return List.of();
        }

        @Override
        public List<Hour> hours(Product product, Instant from, Instant to) {
            throw new UnsupportedOperationException();
        }
    }

    static final class WritingTrail implements StartupTrail {
        final List<StartupEvent> written = new ArrayList<>();
        Set<String> refuse = Set.of();
        int calls;

        @Override
        public List<StartupEvent> write(List<StartupEvent> events) {
            calls++;
            List<StartupEvent> unwritten = new ArrayList<>();
            for (StartupEvent event : events) {
                (refuse.contains(event.id()) ? unwritten : written).add(event);
            }
            return unwritten;
        }

        @Override
        public Page list(KeyDigest digest, Instant from, Instant to, int limit, Optional<String> cursor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int deleteAll(KeyDigest digest) {
            throw new UnsupportedOperationException();
        }
    }
}
