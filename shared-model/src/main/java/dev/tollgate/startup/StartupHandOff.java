package dev.tollgate.startup;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * How validation hands a startup event to the trail without letting it touch the verdict: the
 * send starts as soon as the verdict code is known, runs while the lease is signed, and is then
 * waited for at most {@code maxWait}. The short wait matters on Lambda, where the environment
 * freezes once the answer is returned; a send still running then completes after the thaw. With an
 * {@link AnswerTail} the answer does not wait at all: the send starts after the answer is sent and
 * ends before the environment pauses, so the caller's wait is the read and the lease alone.
 */
public final class StartupHandOff {

    private static final Logger LOG = Logger.getLogger(StartupHandOff.class);

    private final StartupEvents events;
    private final long maxWaitNanos;
    private final Optional<AnswerTail> tail;
    private final AtomicLong late = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    public StartupHandOff(StartupEvents events, Duration maxWait) {
        this(events, maxWait, Optional.empty());
    }

    /** With a {@code tail}, sends finish after the answer and {@code maxWait} is not used. */
    public StartupHandOff(StartupEvents events, Duration maxWait, Optional<AnswerTail> tail) {
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("the wait for a startup hand-off cannot be negative");
        }
        this.events = events;
        this.maxWaitNanos = maxWait.toNanos();
        this.tail = tail;
    }

    /**
     * Starts the hand-off and returns at once; never throws. With an answer tail the send starts
     * only after the answer is sent.
     */
    public Pending start(StartupEvent event) {
        if (tail.isPresent()) {
            tail.get().afterAnswer(() -> publish(event));
            return new Pending(null);
        }
        return new Pending(publish(event));
    }

    private CompletableFuture<Void> publish(StartupEvent event) {
        try {
            return events.publish(event);
        } catch (RuntimeException e) {
            refused.incrementAndGet();
            LOG.warnf("startup event not handed off: %s", e.getClass().getSimpleName());
            return CompletableFuture.completedFuture(null);
        }
    }

    /** Hand-offs still running when the wait ran out (they go on in the background). */
    public long late() {
        return late.get();
    }

    /** Hand-offs the publisher refused outright. */
    public long refused() {
        return refused.get();
    }

    public final class Pending {

        /** Null when the answer tail sends it, after the answer. */
        private final CompletableFuture<Void> sent;

        private Pending(CompletableFuture<Void> sent) {
            this.sent = sent;
        }

        /**
         * Waits at most the configured bound, or not at all when an answer tail finishes the send;
         * the outcome is the publisher's to count and log.
         */
        public void awaitBriefly() {
            if (sent == null) {
                return;
            }
            try {
                sent.get(maxWaitNanos, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                late.incrementAndGet();
            } catch (ExecutionException e) {
                // Counted and logged by the publisher, which knows what failed.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
