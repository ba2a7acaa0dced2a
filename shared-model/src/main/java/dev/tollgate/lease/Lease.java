package dev.tollgate.lease;

import java.time.Instant;
import java.util.Objects;

/**
 * A signed permission to run. Until {@code expiresAt} the instance runs without asking again; after
 * it, the instance should validate again, and if Tollgate cannot be reached it may keep running
 * until {@code graceUntil} (the token's {@code exp}). A revocation therefore takes effect within
 * one lease lifetime for an instance that can reach Tollgate, and an outage never stops anyone
 * before the grace period ends.
 */
public record Lease(String token, Instant expiresAt, Instant graceUntil) {

    public Lease {
        Objects.requireNonNull(token);
        Objects.requireNonNull(expiresAt);
        Objects.requireNonNull(graceUntil);
    }
}
