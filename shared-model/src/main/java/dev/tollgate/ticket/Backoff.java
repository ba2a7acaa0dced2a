package dev.tollgate.ticket;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How an adapter retries a busy upstream (429, 529, 5xx): a bounded number of attempts, waiting what
 * the upstream asked for (Retry-After, retry-after-ms) or else an exponential backoff with full
 * jitter, and never past the request's deadline.
 */
public record Backoff(int maxAttempts, Duration base, Duration cap) {

    public Backoff {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt");
        }
        if (base.isNegative() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("0 <= base <= cap");
        }
    }

    /**
     * The wait before another attempt, after {@code attemptsMade} failed ones; empty when the attempts
     * are spent or the wait would run past the deadline (the caller then gives up at once).
     */
    public Optional<Duration> nextWait(int attemptsMade, Optional<Duration> asked, Deadline deadline) {
        if (attemptsMade >= maxAttempts) {
            return Optional.empty();
        }
        Duration wait = asked.orElseGet(() -> jittered(attemptsMade));
        return deadline.allows(wait) ? Optional.of(wait) : Optional.empty();
    }

    private Duration jittered(int attemptsMade) {
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(20, Math.max(0, attemptsMade - 1)));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }

    /**
     * What the upstream asked for: {@code retry-after-ms} (OpenAI) first, then {@code Retry-After} as
     * seconds or an HTTP date. Nonsense and negative values count as nothing asked.
     */
    public static Optional<Duration> asked(String retryAfter, String retryAfterMs, Instant now) {
        if (retryAfterMs != null) {
            try {
                double ms = Double.parseDouble(retryAfterMs.strip());
                if (ms >= 0 && ms < 86_400_000) {
                    return Optional.of(Duration.ofMillis((long) Math.ceil(ms)));
                }
            } catch (NumberFormatException ignored) {
                // fall through to Retry-After
            }
        }
        if (retryAfter == null || retryAfter.isBlank()) {
            return Optional.empty();
        }
        try {
            double seconds = Double.parseDouble(retryAfter.strip());
            return seconds >= 0 && seconds < 86_400 ? Optional.of(Duration.ofMillis((long) Math.ceil(seconds * 1000)))
                    : Optional.empty();
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(retryAfter.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(now, at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    /** Sleeps {@code wait}; an interrupt (the request was abandoned at its deadline) ends the request. */
    public static void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TicketRefused.deadline("waiting to retry");
        }
    }
}
