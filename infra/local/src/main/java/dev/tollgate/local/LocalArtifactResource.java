package dev.tollgate.local;

import dev.tollgate.adapters.local.LocalArtifactStore;
import dev.tollgate.http.core.Problem;
import dev.tollgate.http.core.ProblemException;
import dev.tollgate.release.ArtifactStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/**
 * Local only: serves artifacts through the expiring, HMAC-signed URLs the local store issues, as
 * S3 serves presigned GETs. A tampered or expired URL is 403, and says no more than that.
 */
@jakarta.ws.rs.Path(LocalArtifactStore.ROUTE + "{objectKey: .+}")
public class LocalArtifactResource {

    private final LocalArtifactStore store;

    public LocalArtifactResource(ArtifactStore store) {
        if (!(store instanceof LocalArtifactStore local)) {
            throw new IllegalStateException("the local runtime serves artifacts only from the local store");
        }
        this.store = local;
    }

    @GET
    @Produces("application/octet-stream")
    public Response download(@PathParam("objectKey") String objectKey, @QueryParam("expires") String expires,
                             @QueryParam("filename") String fileName, @QueryParam("signature") String signature) {
        long expiresAt;
        try {
            expiresAt = Long.parseLong(expires == null ? "" : expires);
        } catch (NumberFormatException e) {
            throw forbidden();
        }
        java.nio.file.Path file;
        try {
            file = store.verifiedFile(objectKey, expiresAt, fileName, signature).orElseThrow(LocalArtifactResource::forbidden);
        } catch (IllegalArgumentException notAKey) {
            throw forbidden();
        }
        return Response.ok(file.toFile())
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .header("Cache-Control", "private, no-store")
                .build();
    }

    private static ProblemException forbidden() {
        return new ProblemException(Problem.of(403, "URL_REFUSED", "Download URL refused",
                "the download URL is expired or not one Tollgate issued; ask for a new one"));
    }
}
