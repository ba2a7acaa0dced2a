package dev.tollgate.release;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * Port: where release artifacts live. Object keys are relative to the store's artifacts area
 * (e.g. {@code zendesk-mcp/1.4.0/zendesk-mcp-1.4.0.tar.gz}). New files arrive in a separate upload
 * area that update URLs can never reach, and are published from there once Tollgate has read them.
 */
public interface ArtifactStore {

    /**
     * A short-lived GET URL for the object that names nothing but the object (never a licence key).
     * Absolute on AWS; the local store answers a URL relative to the runtime that serves it.
     */
    DownloadUrl downloadUrl(String objectKey, String fileName, Duration ttl);

    /** A short-lived URL to PUT a new file to, in the upload area under {@code uploadKey}. */
    UploadUrl uploadUrl(String uploadKey, Duration ttl);

    /**
     * Reads the uploaded file to learn what the catalog records (computed here, never taken on
     * trust), then moves exactly those bytes to {@code objectKey}: a file replaced after it was read
     * is refused, not published.
     *
     * @throws NoSuchArtifact if nothing has been uploaded under {@code uploadKey}
     * @throws UploadChanged if the upload changed while it was being read
     */
    ArtifactFacts publishUpload(String uploadKey, String objectKey);

    record DownloadUrl(URI url, Instant expiresAt) {
    }

    record UploadUrl(URI url, Instant expiresAt) {
    }

    record ArtifactFacts(String sha256Hex, long size) {
    }

    /** The object does not exist. */
    final class NoSuchArtifact extends RuntimeException {
        public NoSuchArtifact(String objectKey) {
            super("no artifact at " + objectKey, null, false, false);
        }
    }

    /** The upload was replaced between reading and publishing it. */
    final class UploadChanged extends RuntimeException {
        public UploadChanged(String uploadKey) {
            super("the upload at " + uploadKey + " changed while it was being published", null, false, false);
        }
    }
}
