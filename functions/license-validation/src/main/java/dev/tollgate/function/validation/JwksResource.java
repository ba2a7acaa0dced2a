package dev.tollgate.function.validation;

import dev.tollgate.keys.KeyVault;
import dev.tollgate.lease.Jwks;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The public keys leases are verified with. Cached for an hour: keys rotate far slower than that. */
@Path("/.well-known/jwks.json")
public class JwksResource {

    private final KeyVault vault;

    public JwksResource(KeyVault vault) {
        this.vault = vault;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response jwks() {
        return Response.ok(Jwks.of(vault)).header("Cache-Control", "public, max-age=3600").build();
    }
}
