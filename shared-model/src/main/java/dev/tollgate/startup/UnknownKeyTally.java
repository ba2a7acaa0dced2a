package dev.tollgate.startup;

import dev.tollgate.license.KeyDigest;
import dev.tollgate.license.Product;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Port: where startups with an unknown key go instead of the per-key trail. A key that matches no
 * licence says nothing about a customer, and anyone can send a million of them, so they are kept
 * as one record per product and hour: a count and a bounded sample of digests (enough to tell a
 * mistyped key from a flood), for {@code RetentionPolicy.unknownKeyTally()}. A flood of random keys
 * then grows the table by one item an hour, however large it is.
 */
public interface UnknownKeyTally {

    /** Digests kept per product and hour at most (an update may overshoot by one batch; see the adapter). */
    int SAMPLE = 20;

    /** Counts NOT_FOUND startups into their hours; returns the events that could not be counted. */
    List<StartupEvent> add(List<StartupEvent> unknown);

    /** The product's hours in {@code [from, to]}, oldest first, none past retention. */
    List<Hour> hours(Product product, Instant from, Instant to);

    record Hour(Product product, Instant hour, long count, Set<KeyDigest> sample) {
    }
}
