package dev.tollgate.function.admin;

import dev.tollgate.audit.AuditEntry;
import dev.tollgate.audit.AuditTrail;
import dev.tollgate.outcome.Refusal;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/** GET /v1/admin/audit: who changed what, a month at a time, newest first. Entries hold no secrets, so support may read. */
@Path("/v1/admin/audit")
@Startup
@RolesAllowed({AdminRoles.ADMIN, AdminRoles.SUPPORT})
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final AuditTrail trail;
    private final Clock clock;

    public AuditResource(AuditTrail trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    @GET
    public Listing list(@QueryParam("month") String month, @QueryParam("limit") Integer limit,
                        @QueryParam("cursor") String cursor) {
        YearMonth which;
        try {
            which = month == null ? YearMonth.now(clock.withZone(ZoneOffset.UTC)) : YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw Refusal.invalid("'month' is a month like 2026-11");
        }
        AuditTrail.Page page = trail.list(which, AdminPaths.limit(limit), Optional.ofNullable(cursor));
        return new Listing(which.toString(), page.entries(), page.nextCursor().orElse(null));
    }

    @RegisterForReflection
    public record Listing(String month, List<AuditEntry> entries, String nextCursor) {
    }
}
