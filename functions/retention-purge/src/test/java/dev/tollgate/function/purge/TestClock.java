package dev.tollgate.function.purge;

import dev.tollgate.retention.MovableClock;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;

/**
 * The clock every bean reads in these tests, set in 2031: DynamoDB Local deletes items past their
 * TTL on the wall clock, so records made due by moving this clock are still there to be purged.
 */
@Singleton
public class TestClock {

    static final MovableClock CLOCK = new MovableClock(Instant.parse("2031-06-01T03:30:00Z"));

    @Produces
    @Singleton
    Clock clock() {
        return CLOCK;
    }
}
