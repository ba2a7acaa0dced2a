package dev.tollgate.function.admin;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Optional;

/** Which licence (by key or by digest, never in a URL), which time range, which page. */
@RegisterForReflection
public record StartupTrailQuery(Optional<String> licenseKey, Optional<String> keyDigest, Optional<Instant> from,
                                Optional<Instant> to, Optional<Integer> limit, Optional<String> cursor) {
}
