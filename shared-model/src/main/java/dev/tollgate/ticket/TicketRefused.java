package dev.tollgate.ticket;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A ticket request that ends without an answer, with a reason precise enough to act on. The detail
 * is written by Tollgate and never quotes an upstream answer, a ticket or a secret, so it may be
 * returned and logged; there is never a cause attached that could.
 */
public final class TicketRefused extends RuntimeException {

    public enum Reason {
        /** The licence key in the Authorization header is malformed (validation's codes follow). */
        MALFORMED_KEY, NOT_FOUND, EXPIRED, SUSPENDED, CANCELLED,
        /** The tenant has no Zendesk or model credentials, or they cannot be opened. */
        INTEGRATION_NOT_CONFIGURED,
        /** The same Idempotency-Key is being processed right now. */
        DUPLICATE_IN_FLIGHT,
        /** The same Idempotency-Key completed earlier; nothing is done again and nothing was kept to replay. */
        ALREADY_PROCESSED,
        TICKET_NOT_FOUND,
        /** Zendesk or the model provider refused the tenant's credentials (401/403). */
        INTEGRATION_AUTH_FAILED,
        /** Zendesk or the model provider stayed busy (429, 529, 503) through every retry. */
        UPSTREAM_BUSY,
        /** Zendesk or the model provider failed, or answered something unusable. */
        UPSTREAM_FAILED,
        /** The model's answer did not have the shape the operation asks for (triage's JSON schema, ...). */
        MODEL_OUTPUT_INVALID,
        /** The request's deadline passed before it could be answered. */
        DEADLINE_EXCEEDED,
        /** Something failed inside Tollgate while it held ticket content; only the failure's type is known. */
        INTERNAL
    }

    private final Reason reason;
    private final transient Optional<Duration> retryAfter;
    private final transient Optional<Instant> completedAt;

    private TicketRefused(Reason reason, String detail, Optional<Duration> retryAfter, Optional<Instant> completedAt) {
        super(detail, null, false, false);
        this.reason = reason;
        this.retryAfter = retryAfter;
        this.completedAt = completedAt;
    }

    public static TicketRefused of(Reason reason, String detail) {
        return new TicketRefused(reason, detail, Optional.empty(), Optional.empty());
    }

    public static TicketRefused busy(String who, Duration retryAfter) {
        return new TicketRefused(Reason.UPSTREAM_BUSY, who + " is busy and stayed busy through Tollgate's retries; try again later",
                Optional.of(retryAfter), Optional.empty());
    }

    public static TicketRefused failed(String who, String what) {
        return of(Reason.UPSTREAM_FAILED, who + " failed: " + what);
    }

    public static TicketRefused deadline(String during) {
        return of(Reason.DEADLINE_EXCEEDED, "the request could not be completed within its deadline (while "
                + during + "); nothing was kept");
    }

    public static TicketRefused alreadyProcessed(Instant completedAt) {
        return new TicketRefused(Reason.ALREADY_PROCESSED, "a request with this Idempotency-Key completed at "
                + completedAt + "; it is not processed again and its answer was not kept",
                Optional.empty(), Optional.of(completedAt));
    }

    public Reason reason() {
        return reason;
    }

    /** For UPSTREAM_BUSY: when to try again. */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    /** For ALREADY_PROCESSED: when the first request completed. */
    public Optional<Instant> completedAt() {
        return completedAt;
    }
}
