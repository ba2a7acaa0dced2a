package dev.tollgate.ticket;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The moment a request must be answered by. API Gateway ends an HTTP API call at 30 s, so the
 * function works to a deadline inside that: every upstream call gets at most what remains, and
 * when nothing useful can be done in what remains it answers 504 instead of being cut off.
 */
public final class Deadline {

    private final Clock clock;
    private final Instant at;

    private Deadline(Clock clock, Instant at) {
        this.clock = clock;
        this.at = at;
    }

    public static Deadline after(Duration budget, Clock clock) {
        return new Deadline(clock, clock.instant().plus(budget));
    }

    public Instant at() {
        return at;
    }

    /** What is left, never negative. */
    public Duration remaining() {
        Duration left = Duration.between(clock.instant(), at);
        return left.isNegative() ? Duration.ZERO : left;
    }

    public long remainingMillis() {
        return remaining().toMillis();
    }

    public boolean passed() {
        return remaining().isZero();
    }

    /** Whether {@code wait} still leaves time for another try after it. */
    public boolean allows(Duration wait) {
        return remaining().compareTo(wait.plusMillis(50)) > 0;
    }

    /** Refuses with DEADLINE_EXCEEDED if no time is left for {@code what}. */
    public void check(String what) {
        if (passed()) {
            throw TicketRefused.deadline(what);
        }
    }
}
