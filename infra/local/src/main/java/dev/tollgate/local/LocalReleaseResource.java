package dev.tollgate.local;

import dev.tollgate.http.ProblemException;
import dev.tollgate.release.ArtifactStore;
import dev.tollgate.release.LocalArtifactStore;
import dev.tollgate.release.RegisterRelease;
import dev.tollgate.release.Release;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;

/**
 * Local only: register a release by uploading its file (the admin API adds the full flow, with a
 * presigned PUT on AWS). The catalog entry's SHA-256 and size are computed from the stored bytes.
 * Release metadata travels in the query: it is public, unlike licence keys.
 */
@Path("/local/releases")
public class LocalReleaseResource {

    private final RegisterRelease registerRelease;
    private final LocalArtifactStore store;

    public LocalReleaseResource(RegisterRelease registerRelease, ArtifactStore store) {
        this.registerRelease = registerRelease;
        this.store = (LocalArtifactStore) store;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response register(@QueryParam("product") String product, @QueryParam("version") String version,
                             @QueryParam("channel") String channel, @QueryParam("fileName") String fileName,
                             @QueryParam("notes") String notes, InputStream body) {
        RegisterRelease.Request request = new RegisterRelease.Request(required("product", product),
                required("version", version), channel == null ? Release.STABLE : channel, required("fileName", fileName),
                Optional.ofNullable(notes));
        Release release;
        try {
            // Checked before the upload is stored: a refused request never overwrites a published artifact.
            store.put(registerRelease.objectKeyFor(request), body);
            release = registerRelease.register(request);
        } catch (RegisterRelease.Refused refused) {
            throw ProblemException.badRequest(refused.getMessage());
        }
        return Response.status(201).entity(new Registered(release.product().id(), release.version().toString(),
                release.channel(), release.fileName(), release.sha256Hex(), release.size(), release.publishedAt(),
                release.notes().orElse(null))).build();
    }

    private static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest("query parameter '" + name + "' is required");
        }
        return value;
    }

    @RegisterForReflection
    public record Registered(String product, String version, String channel, String fileName, String sha256, long size,
                             Instant publishedAt, String notes) {
    }
}
