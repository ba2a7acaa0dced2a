package dev.tollgate.outcome;

import java.util.Optional;

/**
 * Port: tells an outage of a dependency (no answer, a timeout, throttling, a 5xx) from a fault of
 * ours. Only the adapter knows its client's failure types, so it answers; the HTTP edge, which knows
 * no AWS SDK, asks it about any failure that reaches it.
 */
public interface Outages {

    Optional<Unavailable> recognise(Throwable failure);
}
