package dev.tollgate.function.admin;

import dev.tollgate.retention.ShiftedClock;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The clock every bean reads in these tests: the system's, unless a retention test shifts it (and shifts it back). */
@Singleton
public class TestClock {

    static final ShiftedClock CLOCK = new ShiftedClock();

    @Produces
    @Singleton
    Clock clock() {
        return CLOCK;
    }
}
