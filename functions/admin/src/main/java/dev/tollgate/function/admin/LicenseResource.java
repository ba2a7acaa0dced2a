package dev.tollgate.function.admin;

import dev.tollgate.http.core.JsonBodies;
import dev.tollgate.license.ChangeLicense;
import dev.tollgate.license.FindLicenses;
import dev.tollgate.license.License;
import dev.tollgate.license.LicenseChange;
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
import java.time.Instant;
import java.time.LocalDate;

/**
 * Licences once issued ({@link TenantLicenseResource} issues them): read by digest or by key (in a
 * body, never a URL), and the lifecycle: suspend, reinstate, cancel, renew.
 */
@Path("/v1/admin/licenses")
@Startup
@RolesAllowed({AdminRoles.ADMIN, AdminRoles.SUPPORT})
@Produces(MediaType.APPLICATION_JSON)
public class LicenseResource {

    private final ChangeLicense changeLicense;
    private final FindLicenses findLicenses;
    private final AuditedWrites audited;

    public LicenseResource(ChangeLicense changeLicense, FindLicenses findLicenses, AuditedWrites audited) {
        this.changeLicense = changeLicense;
        this.findLicenses = findLicenses;
        this.audited = audited;
    }

    @GET
    @Path("/{digest}")
    public LicenseView byDigest(@PathParam("digest") String digest) {
        return LicenseView.of(findLicenses.byDigest(AdminPaths.digest(digest)));
    }

    /** A POST because the key is in the body: keys never travel in URLs, which access logs keep. */
    @POST
    @Path("/lookup")
    @Consumes(MediaType.WILDCARD)
    public LicenseView byKey(byte[] body) {
        return LicenseView.of(findLicenses.byKey(JsonBodies.read(body, LookupRequest.class).licenseKey()));
    }

    @POST
    @Path("/{digest}/suspend")
    @RolesAllowed(AdminRoles.ADMIN)
    public LicenseView suspend(@PathParam("digest") String digest) {
        return change("license.suspend", digest, () -> LicenseChange.suspend());
    }

    @POST
    @Path("/{digest}/reinstate")
    @RolesAllowed(AdminRoles.ADMIN)
    public LicenseView reinstate(@PathParam("digest") String digest) {
        return change("license.reinstate", digest, () -> LicenseChange.reinstate());
    }

    @POST
    @Path("/{digest}/cancel")
    @RolesAllowed(AdminRoles.ADMIN)
    public LicenseView cancel(@PathParam("digest") String digest) {
        return change("license.cancel", digest, () -> LicenseChange.cancel());
    }

    @POST
    @Path("/{digest}/renew")
    @RolesAllowed(AdminRoles.ADMIN)
    @Consumes(MediaType.WILDCARD)
    public LicenseView renew(@PathParam("digest") String digest, byte[] body) {
        return change("license.renew", digest,
                () -> LicenseChange.renew(JsonBodies.read(body, RenewRequest.class).expiresOn()));
    }

    private LicenseView change(String action, String digest, java.util.function.Supplier<LicenseChange> change) {
        return audited.write(action, "license/" + digest, () -> {
            License changed = changeLicense.apply(AdminPaths.digest(digest), change.get());
            return LicenseView.of(findLicenses.of(changed));
        });
    }

    @RegisterForReflection
    public record RenewRequest(LocalDate expiresOn) {
    }

    @RegisterForReflection
    public record LookupRequest(String licenseKey) {
    }

    /** A licence as staff see it: the digest names it, the suffix tells keys apart, the verdict is validation's now. */
    @RegisterForReflection
    public record LicenseView(String keyDigest, String keySuffix, String tenantId, String tenantName, String product,
                              String status, LocalDate expiresOn, String verdict, Instant createdAt, Instant updatedAt,
                              Instant retainUntil) {
        static LicenseView of(FindLicenses.Found found) {
            License l = found.license();
            return new LicenseView(l.digest().hex(), l.keySuffix(), l.tenantId().value(), l.tenantName(), l.product().id(),
                    l.status().wire(), l.expiresOn(), found.verdict().name(), l.createdAt(), l.updatedAt(),
                    found.retainUntil());
        }
    }
}
