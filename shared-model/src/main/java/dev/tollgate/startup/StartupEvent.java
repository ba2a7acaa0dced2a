package dev.tollgate.startup;

import dev.tollgate.license.KeyDigest;
import dev.tollgate.license.Product;
import dev.tollgate.license.VerdictCode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * One instance start, as the trail keeps it: time, key digest, product, verdict. Nothing about the
 * instance. The id is minted once, at validation; every delivery of the event carries it, which is
 * how a redelivered message lands on the same entry instead of a second one.
 */
public record StartupEvent(String id, Instant at, KeyDigest digest, Product product, VerdictCode verdict) {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

    public StartupEvent {
        Objects.requireNonNull(at);
        Objects.requireNonNull(digest);
        Objects.requireNonNull(product);
        Objects.requireNonNull(verdict);
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a startup event id is 32 lower-case hex characters");
        }
        if (at.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException("startup times are kept to the millisecond");
        }
    }

    /** A new event with a fresh id; the time is kept to the millisecond, as stored. */
    public static StartupEvent of(Instant at, KeyDigest digest, Product product, VerdictCode verdict) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        // Uniqueness, not secrecy: 128 random bits without SecureRandom's lock on the hot path.
        String id = String.format("%016x%016x", random.nextLong(), random.nextLong());
        return new StartupEvent(id, at.truncatedTo(ChronoUnit.MILLIS), digest, product, verdict);
    }
}
