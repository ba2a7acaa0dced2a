package dev.tollgate.release;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * Port: where release artifacts live. Object keys are relative to the store's artifacts area
 * (e.g. {@code zendesk-mcp/1.4.0/zendesk-mcp-1.4.0.tar.gz}).
 */
public interface ArtifactStore {

    /**
     * A short-lived GET URL for the object that names nothing but the object (never a licence key).
     * Absolute on AWS; the local store answers a URL relative to the runtime that serves it.
     */
    DownloadUrl downloadUrl(String objectKey, String fileName, Duration ttl);

    /** Reads the stored object to learn what the catalog records: computed here, never taken on trust. */
    ArtifactFacts describe(String objectKey);

    record DownloadUrl(URI url, Instant expiresAt) {
    }

    record ArtifactFacts(String sha256Hex, long size) {
    }

    /** The object does not exist. */
    final class NoSuchArtifact extends RuntimeException {
        public NoSuchArtifact(String objectKey) {
            super("no artifact at " + objectKey, null, false, false);
        }
    }
}
