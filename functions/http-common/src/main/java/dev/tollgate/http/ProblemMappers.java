package dev.tollgate.http;

import dev.tollgate.http.core.Problem;
import dev.tollgate.http.core.ProblemAnswers;
import dev.tollgate.http.core.ProblemException;
import dev.tollgate.outcome.Outages;
import dev.tollgate.outcome.Unavailable;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error leaves as problem+json: Tollgate's own answers, JAX-RS's (unknown route, wrong
 * method, unsupported media type), outages and anything unexpected, as {@link ProblemAnswers}
 * words them for every edge.
 */
public class ProblemMappers {

    private final Instance<Outages> outages;

    public ProblemMappers(Instance<Outages> outages) {
        this.outages = outages;
    }

    @ServerExceptionMapper
    public Response unavailable(Unavailable e) {
        return respond(ProblemAnswers.outage(e));
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
        return respond(ProblemAnswers.refused(status).orElseGet(() -> {
            Response.Status known = Response.Status.fromStatusCode(status);
            String title = known == null ? "Request refused" : known.getReasonPhrase();
            return Problem.of(status, known == null ? "HTTP_" + status : known.name(), title, title);
        }));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        String errorId = RequestLog.currentRequestId();
        return respond(ProblemAnswers.of(e, outages, errorId == null ? UUID.randomUUID().toString() : errorId));
    }

    static Response respond(ProblemAnswers.Answer answer) {
        Response.ResponseBuilder response = respondWith(answer.problem());
        answer.headers().forEach(response::header);
        return response.build();
    }

    public static Response respond(Problem problem) {
        return respondWith(problem).build();
    }

    private static Response.ResponseBuilder respondWith(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
    }
}
