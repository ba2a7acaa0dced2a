package dev.tollgate.local;

import dev.tollgate.function.admin.AdminRoles;
import dev.tollgate.function.admin.AuditedWrites;
import dev.tollgate.function.purge.PurgeReportView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Local only: run the retention purge now, or a dry run ({@code ?dryRun=true}), and answer its
 * report. Audited like every admin write. On AWS staff invoke the purge function instead (see the
 * README): this route would need the admin function to query and delete in every purged table,
 * which its least-privilege role does not allow.
 */
@Path("/v1/admin/retention/purge")
@RolesAllowed(AdminRoles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class LocalPurgeResource {

    private final LocalPurge purge;
    private final AuditedWrites audited;

    public LocalPurgeResource(LocalPurge purge, AuditedWrites audited) {
        this.purge = purge;
        this.audited = audited;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public PurgeReportView run(@QueryParam("dryRun") String dryRunParameter) {
        boolean dryRun = "true".equals(dryRunParameter);
        return audited.write(dryRun ? "retention.purge.dry-run" : "retention.purge", "retention", () -> {
            // Strict, because JAX-RS reads anything but "true" as false, and false here deletes.
            if (dryRunParameter != null && !dryRunParameter.equals("true") && !dryRunParameter.equals("false")) {
                throw dev.tollgate.http.core.ProblemException.badRequest("query parameter 'dryRun' is true or false");
            }
            return purge.run(dryRun);
        });
    }
}
