package dev.tollgate.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** How long a run has left: Lambda's remaining time on AWS, a fixed budget locally. */
@FunctionalInterface
public interface Deadline {

    Duration remaining();

    static Deadline after(Duration budget, Clock clock) {
        Instant end = clock.instant().plus(budget);
        return () -> Duration.between(clock.instant(), end);
    }
}
