package dev.tollgate.logging;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Stands in for a thrown exception in a log record: the original class name, a redacted message
 * and the very same stack trace, with the cause chain and suppressed exceptions stood in for
 * likewise. Rendered stack traces read as the original's ({@link #toString()} names the original
 * class), but no exception message reaches a log line unredacted.
 *
 * <p>JSON logs should render exceptions {@code formatted} (the module's default): the
 * {@code detailed} form names the runtime class, which is this one.
 */
public final class RedactedThrowable extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String originalClassName;

    private RedactedThrowable(String originalClassName, String message) {
        super(message); // leaves the cause open for initCause
        this.originalClassName = originalClassName;
    }

    /** The stand-in for {@code thrown}; a stand-in is returned as it is. */
    public static Throwable of(Throwable thrown) {
        if (thrown == null || thrown instanceof RedactedThrowable) {
            return thrown;
        }
        return of(thrown, new IdentityHashMap<>());
    }

    private static RedactedThrowable of(Throwable thrown, Map<Throwable, RedactedThrowable> done) {
        RedactedThrowable seen = done.get(thrown);
        if (seen != null) {
            return seen; // a cycle in the cause chain
        }
        RedactedThrowable standIn = new RedactedThrowable(thrown.getClass().getName(),
                Redaction.redact(thrown.getMessage()));
        done.put(thrown, standIn);
        standIn.setStackTrace(thrown.getStackTrace());
        Throwable cause = thrown.getCause();
        if (cause != null && cause != thrown) {
            standIn.initCause(of(cause, done));
        }
        for (Throwable suppressed : thrown.getSuppressed()) {
            standIn.addSuppressed(of(suppressed, done));
        }
        return standIn;
    }

    public String originalClassName() {
        return originalClassName;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // the original's trace is set instead
    }

    @Override
    public String toString() {
        String message = getMessage();
        return message == null ? originalClassName : originalClassName + ": " + message;
    }
}
