package dev.tollgate.lease;

import java.time.Duration;
import java.util.Objects;

/** Lease lifetimes: {@code ttl} until the next check is due, {@code grace} until the lease is void. */
public record LeasePolicy(String issuer, Duration ttl, Duration grace) {

    public LeasePolicy {
        Objects.requireNonNull(issuer);
        if (ttl.isNegative() || ttl.isZero() || grace.compareTo(ttl) < 0) {
            throw new IllegalArgumentException("a lease needs a positive ttl and a grace period at least as long");
        }
    }
}
