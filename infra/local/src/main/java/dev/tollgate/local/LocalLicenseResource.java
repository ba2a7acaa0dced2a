package dev.tollgate.local;

import dev.tollgate.http.JsonBodies;
import dev.tollgate.http.ProblemException;
import dev.tollgate.license.IssueLicense;
import dev.tollgate.license.License;
import dev.tollgate.license.Product;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;

/**
 * Local only: issue a licence so a new user can reach a VALID answer with curl. The key is in
 * this one answer and nowhere else. (The full admin API, behind JWT, is its own function.)
 */
@Path("/local/licenses")
public class LocalLicenseResource {

    private final IssueLicense issueLicense;

    public LocalLicenseResource(IssueLicense issueLicense) {
        this.issueLicense = issueLicense;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response issue(byte[] body) {
        IssueLicenseRequest request = JsonBodies.read(body, IssueLicenseRequest.class);
        if (!Product.isValid(request.product())) {
            throw ProblemException.badRequest("field 'product' is not a product id");
        }
        String tenant = request.tenantName().strip();
        if (tenant.isEmpty() || tenant.length() > License.MAX_TENANT_NAME) {
            throw ProblemException.badRequest("field 'tenantName' must have 1 to " + License.MAX_TENANT_NAME + " characters");
        }
        IssueLicense.IssuedLicense issued;
        try {
            issued = issueLicense.issue(tenant, new Product(request.product()), request.expiresOn());
        } catch (IssueLicense.Refused refused) {
            throw ProblemException.badRequest(refused.getMessage());
        }
        License license = issued.license();
        return Response.status(201).header("Cache-Control", "no-store").entity(new Issued(
                issued.key().display(), license.digest().hex(), license.tenantName(), license.product().id(),
                license.status().wire(), license.expiresOn(),
                "This is the only time the licence key is shown. Tollgate keeps only its digest.")).build();
    }

    @RegisterForReflection
    public record Issued(String licenseKey, String keyDigest, String tenantName, String product, String status,
                         LocalDate expiresOn, String notice) {
    }
}
