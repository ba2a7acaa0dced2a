package dev.tollgate.function.admin;

import dev.tollgate.audit.AuditEntry;
import dev.tollgate.license.License;
import dev.tollgate.privacy.EraseTenant;
import dev.tollgate.privacy.ErasureReceipt;
import dev.tollgate.privacy.ExportTenant;
import dev.tollgate.privacy.TenantExport;
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
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A tenant's data rights: everything Tollgate holds about it in one document, and its erasure.
 * Admins only: an export is the whole of a customer's data at once. The erasure is audited like
 * every admin write, and answers a receipt of ids and counts, stored for a year.
 */
@Path("/v1/admin/tenants/{tenantId}")
@Startup
@RolesAllowed(AdminRoles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class TenantDataResource {

    private final ExportTenant exportTenant;
    private final EraseTenant eraseTenant;
    private final AuditedWrites audited;
    private final JsonWebToken token;

    public TenantDataResource(ExportTenant exportTenant, EraseTenant eraseTenant, AuditedWrites audited,
                              JsonWebToken token) {
        this.exportTenant = exportTenant;
        this.eraseTenant = eraseTenant;
        this.audited = audited;
        this.token = token;
    }

    @GET
    @Path("/export")
    public ExportView export(@PathParam("tenantId") String tenantId) {
        return ExportView.of(exportTenant.export(AdminPaths.tenant(tenantId)));
    }

    /** 409 LEGAL_HOLD for a tenant under a legal hold; nothing is deleted then. */
    @POST
    @Path("/erase")
    @Consumes(MediaType.WILDCARD)
    public ReceiptView erase(@PathParam("tenantId") String tenantId) {
        return audited.write("tenant.erase", "tenant/" + tenantId,
                () -> ReceiptView.of(eraseTenant.erase(AdminPaths.tenant(tenantId), token.getSubject())));
    }

    @RegisterForReflection
    public record ExportView(String tenantId, String exportedAt, TenantResource.TenantView tenant,
                             List<LicenseLine> licenses, List<StartupTrailResource.Entry> startupTrail,
                             List<UsageResource.Line> usage, List<Map<String, Object>> credentials,
                             List<AuditEntry> auditEntries, List<ReceiptView> erasures) {
        static ExportView of(TenantExport e) {
            return new ExportView(e.tenantId().value(), e.exportedAt().toString(),
                    e.tenant().map(TenantResource.TenantView::of).orElse(null),
                    e.licenses().stream().map(LicenseLine::of).toList(),
                    e.startupTrail().stream().map(StartupTrailResource.Entry::of).toList(),
                    e.usage().stream().map(UsageResource.Line::of).toList(),
                    e.credentials().stream().map(CredentialResource::view).toList(),
                    e.auditEntries(), e.erasures().stream().map(ReceiptView::of).toList());
        }
    }

    /** What a licence is, as the privacy policy lists it: never the key, only its digest and last four. */
    @RegisterForReflection
    public record LicenseLine(String keyDigest, String keySuffix, String product, String status, String expiresOn) {
        static LicenseLine of(License l) {
            return new LicenseLine(l.digest().hex(), l.keySuffix(), l.product().id(), l.status().wire(),
                    l.expiresOn().toString());
        }
    }

    @RegisterForReflection(targets = {ReceiptView.class, ErasureReceipt.Counts.class})
    public record ReceiptView(String id, String tenantId, String erasedAt, String erasedBy, List<String> licenses,
                              ErasureReceipt.Counts counts) {
        static ReceiptView of(ErasureReceipt r) {
            return new ReceiptView(r.id(), r.tenant().value(), r.erasedAt().toString(), r.erasedBy(),
                    r.licenses().stream().map(d -> d.hex()).toList(), r.counts());
        }
    }
}
