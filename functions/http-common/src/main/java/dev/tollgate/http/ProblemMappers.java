package dev.tollgate.http;

import dev.tollgate.logging.LogLine;
import dev.tollgate.logging.RedactedThrowable;
import dev.tollgate.logging.Redaction;
import dev.tollgate.outcome.Outages;
import dev.tollgate.outcome.Unavailable;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error leaves as problem+json: Tollgate's own answers, JAX-RS's (unknown route, wrong
 * method, unsupported media type) and anything unexpected, which is a 500 whose only detail is an
 * {@code errorId}: the request id its log line carries. That line names the exception class, a
 * redacted message and the stack; messages can quote request content, so they are redacted here
 * already, whatever the log handlers are configured to do. A dependency that did not answer (as
 * the adapters' {@link Outages} recognise it) is a 503 with Retry-After instead: the request was fine.
 */
public class ProblemMappers {

    private final Instance<Outages> outages;

    public ProblemMappers(Instance<Outages> outages) {
        this.outages = outages;
    }

    @ServerExceptionMapper
    public Response unavailable(Unavailable e) {
        return outage(e);
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.problem());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Request refused" : known.getReasonPhrase();
        String code = known == null ? "HTTP_" + status : known.name();
        return respond(Problem.of(status, code, title, switch (status) {
            case 404 -> "no such resource";
            case 405 -> "this method is not allowed on this resource";
            case 406 -> "this resource answers application/json only";
            case 415 -> "this resource accepts application/json only";
            default -> title;
        }));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        for (Outages recogniser : outages) {
            Optional<Unavailable> outage = recogniser.recognise(e);
            if (outage.isPresent()) {
                return outage(outage.get());
            }
        }
        String errorId = RequestLog.currentRequestId();
        if (errorId == null) {
            errorId = UUID.randomUUID().toString();
        }
        String type = e.getClass().getName();
        String message = e.getMessage() == null ? type : type + ": " + Redaction.redact(e.getMessage());
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(RequestLog.REQUEST_ID, errorId);
        fields.put("errorId", errorId);
        fields.put("errorType", type);
        LogLine.write(ProblemMappers.class.getName(), org.jboss.logmanager.Level.ERROR,
                "unexpected failure: " + message, RedactedThrowable.of(e), fields);
        // It may have changed something before failing, so the answer does not say otherwise.
        return respond(Problem.of(500, "INTERNAL_ERROR", "Internal error",
                "the request failed; quote errorId " + errorId + " when reporting it").withErrorId(errorId));
    }

    /** One warning line without a stack: an outage is expected weather, and its count is what matters. */
    static Response outage(Unavailable e) {
        long seconds = Math.max(1, e.retryAfter().toSeconds());
        Throwable cause = e.getCause() == null ? e : e.getCause();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("dependency", e.dependency().name());
        fields.put("errorType", cause.getClass().getName());
        if (cause.getMessage() != null) {
            fields.put("reason", Redaction.redact(cause.getMessage()));
        }
        LogLine.write(ProblemMappers.class.getName(), org.jboss.logmanager.Level.WARN,
                "dependency unavailable: " + e.dependency().name(), null, fields);
        Problem problem = Problem.of(503, "SERVICE_UNAVAILABLE", "Service unavailable",
                e.dependency().description() + " did not answer in time; retry after " + seconds + " s");
        return Response.status(503).type(Problem.MEDIA_TYPE).entity(problem)
                .header("Retry-After", Long.toString(seconds)).build();
    }

    public static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
