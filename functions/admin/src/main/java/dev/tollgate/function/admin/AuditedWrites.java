package dev.tollgate.function.admin;

import dev.tollgate.audit.AuditEntry;
import dev.tollgate.audit.AuditTrail;
import dev.tollgate.http.core.ProblemException;
import dev.tollgate.outcome.Refusal;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Runs one staff write and leaves exactly one audit entry for it, whatever the outcome: "ok",
 * "refused CODE" (the request changed nothing), or "failed". The licence, tenant and credential
 * writes of a command commit in one transaction with its "ok" entry ({@link AuditTrail#recordWith}),
 * so a change never stands unaudited. The entry names the actor by the
 * token's subject and the target by id or digest; request bodies, keys and secrets never reach it.
 */
@Singleton
public class AuditedWrites {

    private final AuditTrail trail;
    private final JsonWebToken token;
    private final Clock clock;

    public AuditedWrites(AuditTrail trail, JsonWebToken token, Clock clock) {
        this.trail = trail;
        this.token = token;
        this.clock = clock;
    }

    public <T> T write(String action, String target, Supplier<T> work) {
        return write(action, target, work, result -> target);
    }

    /** For a write that creates its target: the entry names what was created once it exists. */
    public <T> T write(String action, String target, Supplier<T> work, Function<T, String> createdTarget) {
        try {
            return trail.recordWith(work, result -> entry(action, createdTarget.apply(result), "ok"));
        } catch (Refusal refusal) {
            record(action, target, "refused " + refusal.code());
            throw refusal;
        } catch (ProblemException problem) {
            record(action, target, "refused " + problem.problem().code());
            throw problem;
        } catch (RuntimeException e) {
            recordFailure(action, target, e);
            throw e;
        }
    }

    /**
     * The change and its "ok" entry were one transaction, so a failure left neither; the "failed"
     * entry is written if the trail can take it, and its own failure must not hide the first.
     */
    private void recordFailure(String action, String target, RuntimeException failure) {
        try {
            record(action, target, "failed");
        } catch (RuntimeException alsoFailed) {
            failure.addSuppressed(alsoFailed);
        }
    }

    private void record(String action, String target, String result) {
        trail.record(entry(action, target, result));
    }

    private AuditEntry entry(String action, String target, String result) {
        return new AuditEntry(UUID.randomUUID().toString(), clock.instant(), token.getSubject(), action, target, result);
    }
}
