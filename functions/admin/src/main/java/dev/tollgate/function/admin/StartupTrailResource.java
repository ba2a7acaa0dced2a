package dev.tollgate.function.admin;

import dev.tollgate.http.core.JsonBodies;
import dev.tollgate.http.core.ProblemException;
import dev.tollgate.startup.ListStartups;
import dev.tollgate.startup.StartupEvent;
import dev.tollgate.startup.StartupTrail;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;

/**
 * POST /v1/admin/startup-trail/query: support's view of a licence's startups, newest first. A POST
 * because a licence key may name the licence, and keys never travel in URLs (access logs keep them).
 * Staff only: the support role may read.
 */
@Path("/v1/admin/startup-trail/query")
@Startup
@RolesAllowed({AdminRoles.ADMIN, AdminRoles.SUPPORT})
public class StartupTrailResource {

    private final ListStartups listStartups;

    public StartupTrailResource(ListStartups listStartups) {
        this.listStartups = listStartups;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response query(byte[] body) {
        StartupTrailQuery q = JsonBodies.read(body, StartupTrailQuery.class);
        StartupTrail.Page page;
        try {
            page = listStartups.list(new ListStartups.Query(q.licenseKey(), q.keyDigest(), q.from(), q.to(), q.limit(),
                    q.cursor()));
        } catch (ListStartups.Refused refused) {
            throw ProblemException.badRequest(refused.getMessage());
        }
        List<Entry> entries = page.entries().stream().map(Entry::of).toList();
        return Response.ok(new Listing(entries, page.nextCursor().orElse(null)))
                .header("Cache-Control", "no-store").build();
    }

    /** One startup as support sees it; the licence is the one asked about. */
    @RegisterForReflection
    public record Entry(Instant at, String keyDigest, String product, String verdict) {
        static Entry of(StartupEvent event) {
            return new Entry(event.at(), event.digest().hex(), event.product().id(), event.verdict().name());
        }
    }

    @RegisterForReflection
    public record Listing(List<Entry> entries, String nextCursor) {
    }
}
