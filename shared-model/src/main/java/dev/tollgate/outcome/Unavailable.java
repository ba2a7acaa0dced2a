package dev.tollgate.outcome;

import java.time.Duration;
import java.util.Objects;

/**
 * A dependency (the tables, the key service) did not answer within its budget, or refused for load.
 * The caller gets 503 with {@code Retry-After}, not a 500: the request was fine and may simply be sent
 * again. For a write it says nothing about whether the write stood; only that no answer came.
 */
public final class Unavailable extends RuntimeException {

    /** What did not answer, named for the caller without naming our infrastructure. */
    public enum Dependency {
        STORE("the data store"),
        KEYS("the key service");

        private final String description;

        Dependency(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private final Dependency dependency;
    private final Duration retryAfter;

    public Unavailable(Dependency dependency, Duration retryAfter, Throwable cause) {
        super(dependency.description() + " did not answer in time", cause, false, false);
        this.dependency = Objects.requireNonNull(dependency);
        if (retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("Retry-After must be positive");
        }
        this.retryAfter = retryAfter;
    }

    public Dependency dependency() {
        return dependency;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
