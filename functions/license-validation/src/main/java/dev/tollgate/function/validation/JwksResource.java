package dev.tollgate.function.validation;

import dev.tollgate.keys.VerificationKeys;
import dev.tollgate.lease.Jwks;
import io.quarkus.runtime.Startup;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The public keys leases are verified with. Cached for an hour: keys rotate far slower than that. */
@Path("/.well-known/jwks.json")
@Startup
public class JwksResource {

    private final VerificationKeys keys;

    public JwksResource(VerificationKeys keys) {
        this.keys = keys;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response jwks() {
        return Response.ok(Jwks.of(keys)).header("Cache-Control", "public, max-age=3600").build();
    }
}
