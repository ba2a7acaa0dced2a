package dev.tollgate.function.validation;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Optional;

/**
 * The whole of what an instance sends: its key, the product it is, and optionally a nonce of its
 * choosing that the lease echoes, so it can tell a lease made for this request from a replayed one.
 */
@RegisterForReflection
public record ValidateRequest(String licenseKey, String product, Optional<String> nonce) {
}
