package dev.tollgate.adapters.kms;

import dev.tollgate.outcome.Unavailable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * A key unwrapped by KMS when the function starts, or, when KMS did not answer then, on first use.
 * A cold start during a KMS outage must not fail the container: it starts, answers 503 with
 * Retry-After (the key service is unavailable) on the routes that need the key, tries KMS again at
 * most once a second, and serves as soon as KMS answers, without a restart. A definite refusal (a
 * wrong key, a ciphertext for another purpose, access denied) still fails the start: waiting will
 * not fix it.
 */
final class LateUnwrap<T> {

    private static final Logger LOG = Logger.getLogger(LateUnwrap.class);
    static final Duration RETRY_EVERY = Duration.ofSeconds(1);

    private final Supplier<T> unwrap;
    private final Predicate<Throwable> isOutage;
    private final Duration retryAfter;
    private final Clock clock;
    private volatile T value;
    private Instant nextTry = Instant.MIN;

    private LateUnwrap(Supplier<T> unwrap, Predicate<Throwable> isOutage, Duration retryAfter, Clock clock) {
        this.unwrap = unwrap;
        this.isOutage = isOutage;
        this.retryAfter = retryAfter;
        this.clock = clock;
    }

    /** Unwraps now; an outage leaves it for later, anything else is thrown (and fails the start). */
    static <T> LateUnwrap<T> atStart(String what, Supplier<T> unwrap, Predicate<Throwable> isOutage, Duration retryAfter,
                                     Clock clock) {
        LateUnwrap<T> late = new LateUnwrap<>(unwrap, isOutage, retryAfter, clock);
        try {
            late.value = unwrap.get();
        } catch (RuntimeException e) {
            if (!isOutage.test(e)) {
                throw e;
            }
            LOG.warnf("KMS did not answer at start (%s); %s will be unwrapped on first use, 503 until then",
                    e.getClass().getSimpleName(), what);
            late.nextTry = clock.instant().plus(RETRY_EVERY);
        }
        return late;
    }

    boolean ready() {
        return value != null;
    }

    T get() {
        T ready = value;
        if (ready != null) {
            return ready;
        }
        synchronized (this) {
            if (value != null) {
                return value;
            }
            Instant now = clock.instant();
            if (now.isBefore(nextTry)) {
                throw new Unavailable(Unavailable.Dependency.KEYS, retryAfter, null);
            }
            try {
                value = unwrap.get();
                LOG.info("KMS answered: the key held back at start is unwrapped");
                return value;
            } catch (RuntimeException e) {
                nextTry = now.plus(RETRY_EVERY);
                if (isOutage.test(e)) {
                    throw new Unavailable(Unavailable.Dependency.KEYS, retryAfter, e);
                }
                throw e;
            }
        }
    }
}
