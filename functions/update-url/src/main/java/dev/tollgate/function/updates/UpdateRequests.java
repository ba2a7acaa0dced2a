package dev.tollgate.function.updates;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Optional;

/** The update script's two requests; the licence key travels in the body, never in a URL. */
public final class UpdateRequests {

    private UpdateRequests() {
    }

    @RegisterForReflection
    public record DownloadUrlRequest(String licenseKey, String version, Optional<String> channel) {
    }

    @RegisterForReflection
    public record CheckRequest(String licenseKey, String currentVersion, Optional<String> channel) {
    }
}
