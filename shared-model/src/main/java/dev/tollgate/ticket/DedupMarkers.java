package dev.tollgate.ticket;

import dev.tollgate.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Port: the idempotency table. A marker holds only a hash of the tenant and its Idempotency-Key,
 * the tenant id, the state (in flight / completed) and the time, and expires after a day (TTL).
 * Never a ticket, a prompt or an answer: a completed duplicate is refused, not replayed.
 */
public interface DedupMarkers {

    /**
     * Claims the key for one run, atomically. A marker still in flight but older than
     * {@code takeOverAfter} (its run is past its deadline, so it died) is taken over.
     */
    Claim begin(TenantId tenant, String idempotencyKey, Instant now, Duration takeOverAfter);

    /** The run finished and answered: a duplicate from now on is ALREADY_PROCESSED. */
    void complete(Claim.Started started, Instant at);

    /** The run failed: the marker goes, so the client may retry with the same key. */
    void release(Claim.Started started);

    sealed interface Claim {
        /** This run holds the key; {@code startedAt} identifies its marker for complete/release. */
        record Started(String markerId, TenantId tenant, Instant startedAt) implements Claim {
        }

        record InFlight(Instant since) implements Claim {
        }

        record Completed(Instant at) implements Claim {
        }
    }

    /** The marker's key: SHA-256 of tenant id, a newline and the client's key, so the key itself is never stored. */
    static String markerId(TenantId tenant, String idempotencyKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((tenant.value() + "\n" + idempotencyKey).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
