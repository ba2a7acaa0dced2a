package dev.tollgate.local;

import dev.tollgate.adapters.local.LocalArtifactStore;
import dev.tollgate.http.core.Problem;
import dev.tollgate.http.core.ProblemException;
import dev.tollgate.release.ArtifactStore;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/**
 * Local only: the upload URLs the admin API hands out ({@code POST /v1/admin/releases/uploads}) point
 * here, as they point at S3 on AWS. Only a signed, unexpired URL is accepted; the file waits in the
 * upload area until {@code POST /v1/admin/releases} publishes it.
 */
@jakarta.ws.rs.Path(LocalArtifactStore.UPLOAD_ROUTE + "{uploadKey: .+}")
public class LocalUploadResource {

    private final LocalArtifactStore store;

    public LocalUploadResource(ArtifactStore store) {
        this.store = (LocalArtifactStore) store;
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    public Response upload(@PathParam("uploadKey") String uploadKey, @QueryParam("expires") String expires,
                           @QueryParam("signature") String signature, InputStream body) {
        boolean stored;
        try {
            stored = store.acceptUpload(uploadKey, Long.parseLong(expires == null ? "" : expires), signature, body);
        } catch (IllegalArgumentException notAKeyOrNumber) {
            stored = false;
        }
        if (!stored) {
            throw new ProblemException(Problem.of(403, "URL_REFUSED", "Upload URL refused",
                    "the upload URL is expired or not one Tollgate issued; ask for a new one"));
        }
        return Response.ok().build();
    }
}
