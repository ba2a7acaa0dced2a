package dev.tollgate.function.admin;

import dev.tollgate.function.admin.LicenseResource.LicenseView;
import dev.tollgate.http.core.JsonBodies;
import dev.tollgate.license.FindLicenses;
import dev.tollgate.license.IssueLicense;
import dev.tollgate.license.Product;
import dev.tollgate.outcome.Refusal;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.util.List;

/** A tenant's licences: issue one (the key is in that one answer, and nowhere afterwards), list them. */
@Path("/v1/admin/tenants/{tenantId}/licenses")
@Startup
@RolesAllowed({AdminRoles.ADMIN, AdminRoles.SUPPORT})
@Produces(MediaType.APPLICATION_JSON)
public class TenantLicenseResource {

    private final IssueLicense issueLicense;
    private final FindLicenses findLicenses;
    private final AuditedWrites audited;

    public TenantLicenseResource(IssueLicense issueLicense, FindLicenses findLicenses, AuditedWrites audited) {
        this.issueLicense = issueLicense;
        this.findLicenses = findLicenses;
        this.audited = audited;
    }

    @POST
    @RolesAllowed(AdminRoles.ADMIN)
    @Consumes(MediaType.WILDCARD)
    public Response issue(@PathParam("tenantId") String tenantId, byte[] body) {
        Issued issued = audited.write("license.issue", "tenant/" + tenantId, () -> {
            IssueRequest request = JsonBodies.read(body, IssueRequest.class);
            if (!Product.isValid(request.product())) {
                throw Refusal.invalid("field 'product' is not a product id");
            }
            IssueLicense.IssuedLicense done = issueLicense.issue(AdminPaths.tenant(tenantId), new Product(request.product()),
                    request.expiresOn());
            return new Issued(done.key().display(),
                    "This is the only time the licence key is shown. Tollgate keeps only its digest and last four characters.",
                    LicenseView.of(findLicenses.of(done.license())));
        }, done -> "license/" + done.license().keyDigest());
        // The key must not linger in any cache between here and the person who asked for it.
        return Response.status(201).header("Cache-Control", "no-store").entity(issued).build();
    }

    @GET
    public List<LicenseView> ofTenant(@PathParam("tenantId") String tenantId) {
        return findLicenses.ofTenant(AdminPaths.tenant(tenantId)).stream().map(LicenseView::of).toList();
    }

    @RegisterForReflection
    public record IssueRequest(String product, LocalDate expiresOn) {
    }

    @RegisterForReflection
    public record Issued(String licenseKey, String notice, LicenseView license) {
    }

}
