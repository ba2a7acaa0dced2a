package dev.tollgate.function.admin;

import dev.tollgate.http.ProblemMappers;
import dev.tollgate.http.core.Problem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Authentication and authorisation failures as problem+json (proactive authentication is off, so
 * they reach JAX-RS). The answer never says which check a token failed: that helps only forgers.
 */
public class SecurityProblems {

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthenticated() {
        return Response.fromResponse(ProblemMappers.respond(Problem.of(401, "UNAUTHENTICATED", "Unauthenticated",
                        "a valid bearer token from the staff identity provider is required")))
                .header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper(ForbiddenException.class)
    public Response forbidden() {
        return ProblemMappers.respond(Problem.of(403, "FORBIDDEN", "Forbidden",
                "the token's roles do not allow this; reads need tollgate-support or tollgate-admin, writes tollgate-admin"));
    }
}
