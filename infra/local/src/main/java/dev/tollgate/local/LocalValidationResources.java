package dev.tollgate.local;

import dev.tollgate.function.validation.JwksRoute;
import dev.tollgate.function.validation.RouteAnswer;
import dev.tollgate.function.validation.ValidateLicenseRoute;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The validation function's two routes, served by the local runtime behind JAX-RS. On Lambda the
 * function takes API Gateway's event itself (no web framework); both edges answer through the
 * same routes ({@link ValidateLicenseRoute}, {@link JwksRoute}). The source address the unknown-key
 * limit counts is the TCP peer: forwarding headers are not trusted, a caller writes them.
 */
public final class LocalValidationResources {

    private LocalValidationResources() {
    }

    static Response write(RouteAnswer answer) {
        Response.ResponseBuilder response = Response.status(answer.status()).type(answer.contentType()).entity(answer.body());
        answer.headers().forEach(response::header);
        return response.build();
    }

    /** POST /v1/licenses/validate. */
    @Path(ValidateLicenseRoute.PATH)
    public static class Validate {

        private final ValidateLicenseRoute route;

        public Validate(ValidateLicenseRoute route) {
            this.route = route;
        }

        @POST
        @Consumes(MediaType.WILDCARD)
        @Produces(MediaType.APPLICATION_JSON)
        public Response validate(byte[] body, @Context HttpServerRequest http) {
            SocketAddress remote = http == null ? null : http.remoteAddress();
            return write(route.answer(body, remote == null ? null : remote.hostAddress()));
        }
    }

    /** GET /.well-known/jwks.json. */
    @Path(JwksRoute.PATH)
    public static class Jwks {

        private final JwksRoute route;

        public Jwks(JwksRoute route) {
            this.route = route;
        }

        @GET
        @Produces(MediaType.APPLICATION_JSON)
        public Response jwks() {
            return write(route.answer());
        }
    }
}
