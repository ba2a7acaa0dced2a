package dev.tollgate.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock, shifted by what a test says: time still passes (entries written one after the
 * other stay in order), and a test can jump a licence 92 days past its expiry, then jump back.
 */
public final class ShiftedClock extends Clock {

    private volatile Duration shift = Duration.ZERO;

    public void shift(Duration by) {
        shift = by;
    }

    public void reset() {
        shift = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(shift);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
