package dev.tollgate.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.function.startuplog.StartupLogHandler;
import dev.tollgate.license.KeyDigest;
import dev.tollgate.license.Product;
import dev.tollgate.license.VerdictCode;
import dev.tollgate.retention.RetentionPolicy;
import dev.tollgate.startup.RecordStartups;
import dev.tollgate.startup.StartupEvent;
import dev.tollgate.startup.StartupTrail;
import dev.tollgate.startup.UnknownKeyTally;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The in-process queue's SQS semantics: batches of ten, redelivery of failures, dead letters, drain. */
class LocalStartupQueueTest {

    final FlakyTrail trail = new FlakyTrail();
    final StartupLogHandler handler =
            new StartupLogHandler(new RecordStartups(trail, new UnknownKeyTally() {
                @Override
                public List<StartupEvent> add(List<StartupEvent> unknown) {
                    throw new UnsupportedOperationException("these tests send known keys only");
                }

                @Override
                public List<Hour> hours(Product product, Instant from, Instant to) {
                    throw new UnsupportedOperationException();
                }
            }, RetentionPolicy.PROMISED, Clock.systemUTC()));

    @Test
    void everyEventIsRecordedInBatchesOfAtMostTen() throws Exception {
        LocalStartupQueue queue = new LocalStartupQueue(handler, 3, Duration.ofMillis(10));
        List<StartupEvent> events = events(95);
        events.forEach(e -> queue.publish(e).join());
        assertTrue(queue.awaitIdle(Duration.ofSeconds(10)));
        assertEquals(Set.copyOf(events), Set.copyOf(trail.written));
        assertEquals(95, queue.recorded());
        assertTrue(trail.batchSizes.stream().allMatch(size -> size >= 1 && size <= 10), trail.batchSizes.toString());
    }

    @Test
    void aFailedMessageIsDeliveredAgainAndRecordedOnce() throws Exception {
        LocalStartupQueue queue = new LocalStartupQueue(handler, 3, Duration.ofMillis(10));
        StartupEvent flaky = events(1).get(0);
        trail.failuresLeft.put(flaky.id(), 2);
        queue.publish(flaky).join();
        assertTrue(queue.awaitIdle(Duration.ofSeconds(10)));
        assertEquals(List.of(flaky), trail.written);
        assertEquals(2, queue.redelivered());
        assertTrue(queue.deadLetters().isEmpty());
    }

    @Test
    void aMessageThatKeepsFailingIsDeadLetteredAfterTheLastReceive() throws Exception {
        LocalStartupQueue queue = new LocalStartupQueue(handler, 3, Duration.ofMillis(10));
        StartupEvent doomed = events(1).get(0);
        trail.failuresLeft.put(doomed.id(), Integer.MAX_VALUE);
        queue.publish(doomed).join();
        assertTrue(queue.awaitIdle(Duration.ofSeconds(10)));
        assertEquals(1, queue.deadLetters().size());
        assertEquals(2, queue.redelivered());
        assertTrue(trail.written.isEmpty());
    }

    @Test
    void drainingRecordsEverythingAlreadyQueuedEvenWhatWaitsForARetry() throws Exception {
        LocalStartupQueue queue = new LocalStartupQueue(handler, 3, Duration.ofHours(1));
        List<StartupEvent> events = events(500);
        trail.failuresLeft.put(events.get(7).id(), 1); // its retry would wait an hour, but for the drain
        events.forEach(queue::publish);
        queue.drain();
        assertEquals(500, Set.copyOf(trail.written).size());
        assertEquals(500, queue.recorded());
    }

    static List<StartupEvent> events(int count) {
        List<StartupEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(StartupEvent.of(Instant.now(), new KeyDigest(String.format("%064x", i)), new Product("zendesk-mcp"),
                    VerdictCode.VALID));
        }
        return events;
    }

    /** A trail double that fails chosen events a number of times; the Dynamo adapter has its own tests. */
    static final class FlakyTrail implements StartupTrail {
        final List<StartupEvent> written = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        final Map<String, Integer> failuresLeft = new ConcurrentHashMap<>();

        @Override
        public List<StartupEvent> write(List<StartupEvent> events) {
            batchSizes.add(events.size());
            List<StartupEvent> unwritten = new ArrayList<>();
            for (StartupEvent event : events) {
                Integer left = failuresLeft.computeIfPresent(event.id(), (id, n) -> n - 1);
                if (left != null && left >= 0) {
                    unwritten.add(event);
                } else {
                    written.add(event);
                }
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
