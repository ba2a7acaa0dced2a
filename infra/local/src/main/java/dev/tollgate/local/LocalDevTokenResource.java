package dev.tollgate.local;

import dev.tollgate.function.admin.AdminRoles;
import dev.tollgate.http.core.Problem;
import dev.tollgate.http.core.ProblemException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;

/**
 * Local only: a short-lived staff token for the admin routes, as the identity provider would issue
 * one (role admin by default, or support). The local runtime listens on 127.0.0.1 only, and this
 * route answers only requests whose {@code Host} and {@code Origin} name loopback, so a web page
 * cannot mint a token through DNS rebinding or a cross-origin POST.
 */
@Path("/local/dev-token")
public class LocalDevTokenResource {

    private final LocalDevTokens tokens;

    public LocalDevTokenResource(LocalDevTokens tokens) {
        this.tokens = tokens;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response mint(@QueryParam("role") String role, @Context HttpServerRequest request,
                         @HeaderParam("Origin") String origin) {
        if (!LoopbackRequests.fromLoopback(authorityOf(request), origin)) {
            throw new ProblemException(Problem.of(403, "NOT_LOOPBACK", "Local requests only",
                    "dev tokens are minted only for requests whose Host and Origin are localhost, 127.0.0.1 or [::1]"));
        }
        String group = switch (role == null ? "admin" : role) {
            case "admin" -> AdminRoles.ADMIN;
            case "support" -> AdminRoles.SUPPORT;
            default -> throw ProblemException.badRequest("query parameter 'role' is admin or support");
        };
        LocalDevTokens.Minted minted = tokens.mint(group);
        return Response.ok(new DevToken(minted.token(), minted.expiresAt(), group))
                .header("Cache-Control", "no-store").build();
    }

    /** HTTP/1.1's Host header, or HTTP/2's :authority (a client that upgraded to h2c sends no Host). */
    private static String authorityOf(HttpServerRequest request) {
        String host = request.getHeader("Host");
        if (host != null) {
            return host;
        }
        HostAndPort authority = request.authority();
        if (authority == null) {
            return null;
        }
        String name = authority.host();
        if (name.contains(":") && !name.startsWith("[")) {
            name = "[" + name + "]";
        }
        return authority.port() < 0 ? name : name + ":" + authority.port();
    }

    @RegisterForReflection
    public record DevToken(String token, Instant expiresAt, String role) {
    }
}
