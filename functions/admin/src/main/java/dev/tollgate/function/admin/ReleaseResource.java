package dev.tollgate.function.admin;

import dev.tollgate.http.core.JsonBodies;
import dev.tollgate.release.ArtifactStore;
import dev.tollgate.release.RegisterRelease;
import dev.tollgate.release.Release;
import dev.tollgate.release.ReleaseCatalog;
import dev.tollgate.release.YankRelease;
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
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The release catalog. Registering is two calls with the same body: {@code POST /uploads} answers a
 * short-lived URL to PUT the file to (S3 presigned on AWS, the local runtime's own route locally),
 * then {@code POST /} publishes what was uploaded with the SHA-256 and size Tollgate computed.
 */
@Path("/v1/admin/releases")
@Startup
@RolesAllowed({AdminRoles.ADMIN, AdminRoles.SUPPORT})
@Produces(MediaType.APPLICATION_JSON)
public class ReleaseResource {

    private final RegisterRelease registerRelease;
    private final YankRelease yankRelease;
    private final ReleaseCatalog catalog;
    private final AuditedWrites audited;

    public ReleaseResource(RegisterRelease registerRelease, YankRelease yankRelease, ReleaseCatalog catalog,
                           AuditedWrites audited) {
        this.registerRelease = registerRelease;
        this.yankRelease = yankRelease;
        this.catalog = catalog;
        this.audited = audited;
    }

    @POST
    @Path("/uploads")
    @RolesAllowed(AdminRoles.ADMIN)
    @Consumes(MediaType.WILDCARD)
    public Upload upload(byte[] body) {
        return audited.write("release.upload-url", "releases", () -> {
            RegisterRelease.Request request = request(body);
            ArtifactStore.UploadUrl url = registerRelease.uploadUrl(request);
            return new Upload("PUT", url.url().toString(), url.expiresAt(),
                    "PUT the file to uploadUrl, then POST the same body to /v1/admin/releases");
        }, upload -> "releases");
    }

    @POST
    @RolesAllowed(AdminRoles.ADMIN)
    @Consumes(MediaType.WILDCARD)
    public Response register(byte[] body) {
        ReleaseView registered = audited.write("release.register", "releases",
                () -> ReleaseView.of(registerRelease.register(request(body))),
                view -> "release/" + view.product() + "/" + view.version());
        return Response.status(201).entity(registered).build();
    }

    /** Newest version first, yanked ones included and marked. */
    @GET
    public List<ReleaseView> list(@QueryParam("product") String product) {
        if (product == null) {
            throw dev.tollgate.outcome.Refusal.invalid("query parameter 'product' is required");
        }
        return catalog.list(AdminPaths.product(product)).stream()
                .sorted(Comparator.comparing(Release::version).reversed())
                .map(ReleaseView::of).toList();
    }

    @POST
    @Path("/{product}/{version}/yank")
    @RolesAllowed(AdminRoles.ADMIN)
    public ReleaseView yank(@PathParam("product") String product, @PathParam("version") String version) {
        return audited.write("release.yank", "release/" + product + "/" + version,
                () -> ReleaseView.of(yankRelease.yank(AdminPaths.product(product), AdminPaths.version(version))));
    }

    private static RegisterRelease.Request request(byte[] body) {
        ReleaseRequest r = JsonBodies.read(body, ReleaseRequest.class);
        return new RegisterRelease.Request(r.product(), r.version(), r.channel().orElse(Release.STABLE), r.fileName(),
                r.notes());
    }

    @RegisterForReflection
    public record ReleaseRequest(String product, String version, Optional<String> channel, String fileName,
                                 Optional<String> notes) {
    }

    @RegisterForReflection
    public record Upload(String method, String uploadUrl, Instant expiresAt, String next) {
    }

    @RegisterForReflection
    public record ReleaseView(String product, String version, String channel, String fileName, String sha256, long size,
                              Instant publishedAt, boolean yanked, String notes) {
        static ReleaseView of(Release r) {
            return new ReleaseView(r.product().id(), r.version().toString(), r.channel(), r.fileName(), r.sha256Hex(),
                    r.size(), r.publishedAt(), r.yanked(), r.notes().orElse(null));
        }
    }
}
