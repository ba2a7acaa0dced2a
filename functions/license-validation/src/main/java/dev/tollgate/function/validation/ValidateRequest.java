package dev.tollgate.function.validation;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The whole of what an instance sends: its key and the product it is. */
@RegisterForReflection
public record ValidateRequest(String licenseKey, String product) {
}
