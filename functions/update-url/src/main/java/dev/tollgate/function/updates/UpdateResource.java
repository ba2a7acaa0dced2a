package dev.tollgate.function.updates;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tollgate.http.core.JsonBodies;
import dev.tollgate.http.core.Problem;
import dev.tollgate.http.core.ProblemException;
import dev.tollgate.release.CheckForUpdate;
import dev.tollgate.release.IssueDownloadUrl;
import dev.tollgate.release.Release;
import dev.tollgate.release.UpdateRefused;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The update script's routes. Licence refusals carry validation's codes (400 MALFORMED_KEY,
 * 404 NOT_FOUND, 403 EXPIRED / SUSPENDED / CANCELLED); version problems are 400 or 404.
 */
@Path("/v1/updates")
@Startup
public class UpdateResource {

    private final IssueDownloadUrl issueDownloadUrl;
    private final CheckForUpdate checkForUpdate;

    public UpdateResource(IssueDownloadUrl issueDownloadUrl, CheckForUpdate checkForUpdate) {
        this.issueDownloadUrl = issueDownloadUrl;
        this.checkForUpdate = checkForUpdate;
    }

    @POST
    @Path("/download-url")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response downloadUrl(byte[] body, @Context UriInfo uri) {
        UpdateRequests.DownloadUrlRequest request = JsonBodies.read(body, UpdateRequests.DownloadUrlRequest.class);
        IssueDownloadUrl.Answer answer = refusalsAsProblems(() -> issueDownloadUrl.issue(
                new IssueDownloadUrl.Request(request.licenseKey(), request.version(), request.channel())));
        Release release = answer.release();
        // The local store answers a path; a presigned S3 URL is absolute and resolves to itself.
        String url = uri.getBaseUri().resolve(answer.download().url()).toString();
        return noStore(new DownloadUrlAnswer(release.version().toString(), url, answer.download().expiresAt(),
                release.sha256Hex(), release.size(), release.fileName()));
    }

    @POST
    @Path("/check")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response check(byte[] body) {
        UpdateRequests.CheckRequest request = JsonBodies.read(body, UpdateRequests.CheckRequest.class);
        CheckForUpdate.Answer answer = refusalsAsProblems(() -> checkForUpdate.check(
                new CheckForUpdate.Request(request.licenseKey(), request.currentVersion(), request.channel())));
        return noStore(new CheckAnswer(answer.current().toString(), answer.newest().isPresent(),
                answer.newest().map(ReleaseView::of).orElse(null)));
    }

    private static <T> T refusalsAsProblems(Supplier<T> call) {
        try {
            return call.get();
        } catch (UpdateRefused refused) {
            int status = switch (refused.reason()) {
                case MALFORMED_KEY, MALFORMED_VERSION, MALFORMED_CHANNEL -> 400;
                case NOT_FOUND, VERSION_NOT_FOUND -> 404;
                case EXPIRED, SUSPENDED, CANCELLED -> 403;
            };
            throw new ProblemException(Problem.of(status, refused.reason().name(), title(refused.reason()),
                    refused.getMessage()));
        }
    }

    private static String title(UpdateRefused.Reason reason) {
        return switch (reason) {
            case MALFORMED_KEY -> "Malformed licence key";
            case NOT_FOUND -> "Licence not found";
            case EXPIRED -> "Licence expired";
            case SUSPENDED -> "Licence suspended";
            case CANCELLED -> "Licence cancelled";
            case MALFORMED_VERSION -> "Malformed version";
            case MALFORMED_CHANNEL -> "Malformed channel";
            case VERSION_NOT_FOUND -> "Version not found";
        };
    }

    private static Response noStore(Object entity) {
        return Response.ok(entity).header("Cache-Control", "no-store").build();
    }

    @RegisterForReflection
    public record DownloadUrlAnswer(String version, String url, Instant expiresAt, String sha256, long size,
                                    String fileName) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CheckAnswer(String currentVersion, boolean updateAvailable, ReleaseView latest) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReleaseView(String version, String channel, Instant publishedAt, String sha256, long size,
                              String notes) {
        static ReleaseView of(Release r) {
            return new ReleaseView(r.version().toString(), r.channel(), r.publishedAt(), r.sha256Hex(), r.size(),
                    r.notes().orElse(null));
        }
    }
}
