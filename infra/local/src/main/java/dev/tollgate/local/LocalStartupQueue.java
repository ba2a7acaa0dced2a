package dev.tollgate.local;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.tollgate.function.startuplog.StartupLogHandler;
import dev.tollgate.startup.StartupEvent;
import dev.tollgate.startup.StartupEventCodec;
import dev.tollgate.startup.StartupEvents;
import dev.tollgate.wiring.TollgateConfig;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The local runtime's startup queue, standing in for SQS with the same semantics: messages in the
 * same JSON as on AWS, batches of up to 10 handed to the very {@link StartupLogHandler} the Lambda
 * runs, only the messages it reports failed received again (after a delay), dead-lettered after
 * the configured receives. On shutdown it drains before the tables close.
 *
 * <p>Unlike a plain in-memory queue it does not lose acknowledged work on a crash: a message is
 * appended to the {@link StartupJournal} in the data folder, and forced to disk, before
 * {@link #publish} returns, so before the validation that caused it is answered. At the next start
 * the journal's unsettled messages are queued again.
 */
@Singleton
@Typed(LocalStartupQueue.class) // served as StartupEvents by LocalWiring, which can also switch it off
public class LocalStartupQueue implements StartupEvents {

    static final int BATCH = 10;
    static final int CAPACITY = 100_000;
    private static final long NOT_JOURNALLED = -1;
    private static final Logger LOG = Logger.getLogger(LocalStartupQueue.class);
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(30);

    private final StartupLogHandler handler;
    private final int maxReceives;
    private final long retryDelayNanos;
    private final BlockingQueue<Message> ready = new LinkedBlockingQueue<>();
    private final DelayQueue<Message> invisible = new DelayQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong recorded = new AtomicLong();
    private final AtomicLong redelivered = new AtomicLong();
    private final List<String> deadLetters = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final long batchWindowNanos;
    private final AtomicLong notJournalled = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicBoolean replayed = new java.util.concurrent.atomic.AtomicBoolean();
    private final Thread consumer;
    private final StartupJournal journal;
    private volatile boolean draining;

    @Inject
    LocalStartupQueue(StartupLogHandler handler, TollgateConfig config) {
        this(handler, config.local().startupQueueMaxReceives(), config.local().startupQueueRetryDelay(),
                config.local().startupQueueBatchWindow(),
                config.local().startupJournal() ? StartupJournal.open(Path.of(config.local().dataDir(), "startup-journal")) : null);
    }

    LocalStartupQueue(StartupLogHandler handler, int maxReceives, Duration retryDelay) {
        this(handler, maxReceives, retryDelay, Duration.ZERO);
    }

    LocalStartupQueue(StartupLogHandler handler, int maxReceives, Duration retryDelay, Duration batchWindow) {
        this(handler, maxReceives, retryDelay, batchWindow, null);
    }

    /** {@code journal} null: in memory only, as before (unit tests). */
    LocalStartupQueue(StartupLogHandler handler, int maxReceives, Duration retryDelay, Duration batchWindow,
                      StartupJournal journal) {
        if (maxReceives < 1) {
            throw new IllegalArgumentException("a message is received at least once");
        }
        this.handler = handler;
        this.maxReceives = maxReceives;
        this.retryDelayNanos = retryDelay.toNanos();
        this.batchWindowNanos = batchWindow.toNanos();
        this.journal = journal;
        this.consumer = new Thread(this::consume, "local-startup-queue");
        this.consumer.setDaemon(true);
        this.consumer.start();
    }

    @Override
    public CompletableFuture<Void> publish(StartupEvent event) {
        String body = StartupEventCodec.encode(event);
        // Accepted into the queue is what SQS's 200 means; the trail write happens in the consumer.
        if (ready.size() >= CAPACITY) {
            return CompletableFuture.failedFuture(new IllegalStateException("local startup queue is full"));
        }
        long segment = NOT_JOURNALLED;
        RuntimeException journalFailure = null;
        if (journal != null) {
            // Blocks until the message is on disk (shared with concurrent publishers: group commit).
            try {
                segment = journal.append(body);
            } catch (RuntimeException e) {
                journalFailure = e;
            }
        }
        ready.add(new Message(randomId(), body, 0, 0, segment));
        if (journalFailure != null) {
            // Still queued, so still recorded unless the process dies first; the caller counts the failure.
            notJournalled.incrementAndGet();
            LOG.warnf("startup queued without the journal: %s", journalFailure.getMessage());
            return CompletableFuture.failedFuture(journalFailure);
        }
        return CompletableFuture.completedFuture(null);
    }

    /**
     * At start, after the tables exist (TableBootstrap observes the same event at the default
     * priority), whatever the journal kept from before a crash is queued again. Observing the event
     * also makes the queue start with the app rather than at the first validation.
     */
    void replayJournal(@Observes @Priority(Integer.MAX_VALUE - 1) io.quarkus.runtime.StartupEvent started) {
        replayJournal();
    }

    /** Queues the journal's unsettled messages, once. */
    void replayJournal() {
        if (journal != null && replayed.compareAndSet(false, true)) {
            for (StartupJournal.Entry left : journal.replay()) {
                ready.add(new Message(randomId(), left.body(), 0, 0, left.segment()));
            }
        }
    }

    private static String randomId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    /** Startups queued but not journalled (the journal failed): at risk if the process dies. */
    public long notJournalled() {
        return notJournalled.get();
    }

    /** The journal, when there is one (for tests and benchmarks). */
    StartupJournal journal() {
        return journal;
    }

    /** Messages written to the trail so far. */
    public long recorded() {
        return recorded.get();
    }

    /** Receives beyond the first (a message reported failed, delivered again). */
    public long redelivered() {
        return redelivered.get();
    }

    /** Message ids given up on after the last receive (the dead-letter queue). */
    public List<String> deadLetters() {
        return List.copyOf(deadLetters);
    }

    /** For tests and benchmarks: waits until nothing is queued, invisible or being handled. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (ready.isEmpty() && invisible.isEmpty() && inFlight.get() == 0) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }

    /** Quarkus fires this before it closes the DynamoDB client; LocalMain stops the engine after that. */
    void onShutdown(@Observes ShutdownEvent shutdown) throws InterruptedException {
        drain();
    }

    /** Handles everything still queued (or dead-letters it), then stops the consumer; bounded in time. */
    void drain() throws InterruptedException {
        draining = true;
        consumer.join(DRAIN_LIMIT.toMillis());
        int left = ready.size() + invisible.size();
        if (left > 0) {
            LOG.warnf("local startup queue: %d messages not recorded at shutdown%s", left,
                    journal == null ? "" : "; the journal keeps them for the next start");
        }
        if (journal != null) {
            journal.close();
        }
    }

    private void consume() {
        while (true) {
            try {
                List<Message> batch = nextBatch();
                if (batch.isEmpty()) {
                    if (draining && ready.isEmpty() && invisible.isEmpty()) {
                        return;
                    }
                    continue;
                }
                handle(batch);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.errorf("local startup queue: %s", e.getClass().getSimpleName());
            }
        }
    }

    private List<Message> nextBatch() throws InterruptedException {
        if (draining) {
            // Nothing waits out its visibility timeout at shutdown: every message gets its remaining receives now.
            for (Message waiting : invisible.toArray(new Message[0])) {
                if (invisible.remove(waiting)) {
                    ready.add(waiting);
                }
            }
        } else {
            invisible.drainTo(ready); // only the messages whose delay has passed
        }
        List<Message> batch = new ArrayList<>(BATCH);
        Message first = ready.poll(50, TimeUnit.MILLISECONDS);
        if (first == null) {
            return batch;
        }
        inFlight.incrementAndGet();
        batch.add(first);
        // Like the SQS event source's batching window: one trail write per batch rather than per startup,
        // which on the local runtime's two shared cores is most of what a startup costs.
        long windowEnds = System.nanoTime() + batchWindowNanos;
        while (true) {
            int before = batch.size();
            ready.drainTo(batch, BATCH - batch.size());
            inFlight.addAndGet(batch.size() - before);
            long left = windowEnds - System.nanoTime();
            if (batch.size() >= BATCH || left <= 0 || draining) {
                return batch;
            }
            Message next = ready.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                return batch;
            }
            inFlight.incrementAndGet();
            batch.add(next);
        }
    }

    private void handle(List<Message> batch) {
        try {
            Set<String> failed = new HashSet<>();
            try {
                SQSBatchResponse response = handler.handleRequest(toSqsEvent(batch), null);
                response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
            } catch (RuntimeException e) {
                // As on Lambda: a handler that throws fails the whole batch.
                LOG.warnf("startup-log handler failed a batch of %d: %s", batch.size(), e.getClass().getSimpleName());
                batch.forEach(m -> failed.add(m.id()));
            }
            for (Message message : batch) {
                if (!failed.contains(message.id())) {
                    recorded.incrementAndGet();
                    settle(message);
                } else if (message.receives() + 1 >= maxReceives) {
                    deadLetters.add(message.id());
                    settle(message);
                    LOG.warnf("startup message %s dead-lettered after %d receives", message.id(), maxReceives);
                } else {
                    redelivered.incrementAndGet();
                    invisible.add(new Message(message.id(), message.body(), message.receives() + 1,
                            System.nanoTime() + retryDelayNanos, message.segment()));
                }
            }
        } finally {
            inFlight.addAndGet(-batch.size());
        }
    }

    private void settle(Message message) {
        if (journal != null && message.segment() != NOT_JOURNALLED) {
            journal.settle(message.segment());
        }
    }

    private static SQSEvent toSqsEvent(List<Message> batch) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>(batch.size());
        for (Message message : batch) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(message.id());
            record.setBody(message.body());
            record.setEventSource("aws:sqs");
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private record Message(String id, String body, int receives, long visibleAtNanos, long segment) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(visibleAtNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }
    }
}
