package dev.tollgate.http.core;

import dev.tollgate.logging.LogLine;
import dev.tollgate.logging.RedactedThrowable;
import dev.tollgate.logging.Redaction;
import dev.tollgate.outcome.Outages;
import dev.tollgate.outcome.Unavailable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The answers to failures, whichever edge meets them. Anything unexpected is a 500 whose only detail
 * is an {@code errorId}: the request id its log line carries. That line names the exception class,
 * a redacted message and the stack; messages can quote request content, so they are redacted here
 * already, whatever the log handlers are configured to do. A dependency that did not answer (as the
 * adapters' {@link Outages} recognise it) is a 503 with Retry-After instead: the request was fine.
 */
public final class ProblemAnswers {

    /** A problem and the headers that go with it. */
    public record Answer(Problem problem, Map<String, String> headers) {

        public static Answer of(Problem problem) {
            return new Answer(problem, Map.of());
        }
    }

    private ProblemAnswers() {
    }

    /** The failure as an answer: an outage any recogniser knows, else an unexpected failure logged under {@code errorId}. */
    public static Answer of(Throwable e, Iterable<? extends Outages> recognisers, String errorId) {
        if (e instanceof ProblemException problem) {
            return Answer.of(problem.problem());
        }
        if (e instanceof Unavailable outage) {
            return outage(outage);
        }
        for (Outages recogniser : recognisers) {
            Optional<Unavailable> outage = recogniser.recognise(e);
            if (outage.isPresent()) {
                return outage(outage.get());
            }
        }
        return Answer.of(unexpected(e, errorId));
    }

    /**
     * A request no route takes: an unknown path (404), a method the path does not have (405), an
     * answer the caller will not accept (406) or a body the route does not read (415); empty for any
     * other status.
     */
    public static Optional<Problem> refused(int status) {
        return Optional.ofNullable(switch (status) {
            case 404 -> Problem.of(404, "NOT_FOUND", "Not Found", "no such resource");
            case 405 -> Problem.of(405, "METHOD_NOT_ALLOWED", "Method Not Allowed", "this method is not allowed on this resource");
            case 406 -> Problem.of(406, "NOT_ACCEPTABLE", "Not Acceptable", "this resource answers application/json only");
            case 415 -> Problem.of(415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported Media Type", "this resource accepts application/json only");
            default -> null;
        });
    }

    /** One error line with the redacted stack; the answer says only where to look. */
    public static Problem unexpected(Throwable e, String errorId) {
        String type = e.getClass().getName();
        String message = e.getMessage() == null ? type : type + ": " + Redaction.redact(e.getMessage());
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(RequestLine.REQUEST_ID, errorId);
        fields.put("errorId", errorId);
        fields.put("errorType", type);
        LogLine.write(ProblemAnswers.class.getName(), org.jboss.logmanager.Level.ERROR,
                "unexpected failure: " + message, RedactedThrowable.of(e), fields);
        // It may have changed something before failing, so the answer does not say otherwise.
        return Problem.of(500, "INTERNAL_ERROR", "Internal error",
                "the request failed; quote errorId " + errorId + " when reporting it").withErrorId(errorId);
    }

    /** One warning line without a stack: an outage is expected weather, and its count is what matters. */
    public static Answer outage(Unavailable e) {
        long seconds = Math.max(1, e.retryAfter().toSeconds());
        Throwable cause = e.getCause() == null ? e : e.getCause();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("dependency", e.dependency().name());
        fields.put("errorType", cause.getClass().getName());
        if (cause.getMessage() != null) {
            fields.put("reason", Redaction.redact(cause.getMessage()));
        }
        LogLine.write(ProblemAnswers.class.getName(), org.jboss.logmanager.Level.WARN,
                "dependency unavailable: " + e.dependency().name(), null, fields);
        Problem problem = Problem.of(503, "SERVICE_UNAVAILABLE", "Service unavailable",
                e.dependency().description() + " did not answer in time; retry after " + seconds + " s");
        return new Answer(problem, Map.of("Retry-After", Long.toString(seconds)));
    }
}
