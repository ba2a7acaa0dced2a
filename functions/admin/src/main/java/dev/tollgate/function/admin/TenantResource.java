package dev.tollgate.function.admin;

import dev.tollgate.http.core.JsonBodies;
import dev.tollgate.tenant.ChangeTenant;
import dev.tollgate.tenant.CreateTenant;
import dev.tollgate.tenant.Tenant;
import dev.tollgate.tenant.TenantStore;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** /v1/admin/tenants: the vendor's customers. Support reads; admins create and change, audited. */
@Path("/v1/admin/tenants")
@Startup
@RolesAllowed({AdminRoles.ADMIN, AdminRoles.SUPPORT})
@Produces(MediaType.APPLICATION_JSON)
public class TenantResource {

    private final TenantStore tenants;
    private final CreateTenant createTenant;
    private final ChangeTenant changeTenant;
    private final AuditedWrites audited;

    public TenantResource(TenantStore tenants, CreateTenant createTenant, ChangeTenant changeTenant,
                          AuditedWrites audited) {
        this.tenants = tenants;
        this.createTenant = createTenant;
        this.changeTenant = changeTenant;
        this.audited = audited;
    }

    @POST
    @RolesAllowed(AdminRoles.ADMIN)
    @Consumes(MediaType.WILDCARD)
    public Response create(byte[] body) {
        TenantView created = audited.write("tenant.create", "tenant/new", () -> {
            NameRequest request = JsonBodies.read(body, NameRequest.class);
            return TenantView.of(createTenant.create(request.name()));
        }, view -> "tenant/" + view.id());
        return Response.status(201).entity(created).build();
    }

    @GET
    public Listing list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        TenantStore.Page page = tenants.list(AdminPaths.limit(limit), Optional.ofNullable(cursor));
        return new Listing(page.tenants().stream().map(TenantView::of).toList(), page.nextCursor().orElse(null));
    }

    @GET
    @Path("/{tenantId}")
    public TenantView read(@PathParam("tenantId") String tenantId) {
        return TenantView.of(tenants.require(AdminPaths.tenant(tenantId)));
    }

    @POST
    @Path("/{tenantId}/rename")
    @RolesAllowed(AdminRoles.ADMIN)
    @Consumes(MediaType.WILDCARD)
    public TenantView rename(@PathParam("tenantId") String tenantId, byte[] body) {
        return audited.write("tenant.rename", "tenant/" + tenantId, () -> TenantView.of(changeTenant.rename(
                AdminPaths.tenant(tenantId), JsonBodies.read(body, NameRequest.class).name())));
    }

    /** The body may name the day the subscription ends ({"terminatedOn": "2026-12-31"}); without one, today. */
    @POST
    @Path("/{tenantId}/terminate")
    @RolesAllowed(AdminRoles.ADMIN)
    @Consumes(MediaType.WILDCARD)
    public TenantView terminate(@PathParam("tenantId") String tenantId, byte[] body) {
        return audited.write("tenant.terminate", "tenant/" + tenantId, () -> {
            Optional<LocalDate> on = body == null || body.length == 0 ? Optional.empty()
                    : JsonBodies.read(body, TerminateRequest.class).terminatedOn();
            return TenantView.of(changeTenant.terminate(AdminPaths.tenant(tenantId), on));
        });
    }

    @POST
    @Path("/{tenantId}/legal-hold")
    @RolesAllowed(AdminRoles.ADMIN)
    @Consumes(MediaType.WILDCARD)
    public TenantView legalHold(@PathParam("tenantId") String tenantId, byte[] body) {
        return audited.write("tenant.legal-hold", "tenant/" + tenantId, () -> TenantView.of(changeTenant.setLegalHold(
                AdminPaths.tenant(tenantId), JsonBodies.read(body, LegalHoldRequest.class).enabled())));
    }

    @RegisterForReflection
    public record NameRequest(String name) {
    }

    @RegisterForReflection
    public record TerminateRequest(Optional<LocalDate> terminatedOn) {
    }

    @RegisterForReflection
    public record LegalHoldRequest(Boolean enabled) {
    }

    @RegisterForReflection
    public record TenantView(String id, String name, Instant createdAt, Instant updatedAt, LocalDate terminatedOn,
                             boolean legalHold) {
        static TenantView of(Tenant t) {
            return new TenantView(t.id().value(), t.name(), t.createdAt(), t.updatedAt(), t.terminatedOn().orElse(null),
                    t.legalHold());
        }
    }

    @RegisterForReflection
    public record Listing(List<TenantView> tenants, String nextCursor) {
    }
}
