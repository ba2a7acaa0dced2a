package dev.tollgate.function.admin;

import dev.tollgate.http.ProblemMappers;
import dev.tollgate.http.core.Problem;
import dev.tollgate.outcome.Refusal;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A refused staff command as problem+json: 400 for a wrong request, 404 for a missing record, 409 for a state conflict. */
public class RefusalProblems {

    @ServerExceptionMapper
    public Response refused(Refusal refusal) {
        return ProblemMappers.respond(problemOf(refusal));
    }

    static Problem problemOf(Refusal refusal) {
        return switch (refusal.kind()) {
            case INVALID -> Problem.of(400, refusal.code(), "The request is not valid", refusal.getMessage());
            case NOT_FOUND -> Problem.of(404, refusal.code(), "Not found", refusal.getMessage());
            case CONFLICT -> Problem.of(409, refusal.code(), "Conflict with the current state", refusal.getMessage());
        };
    }
}
