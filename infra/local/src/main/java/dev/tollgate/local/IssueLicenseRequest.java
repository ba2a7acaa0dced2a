package dev.tollgate.local;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.LocalDate;

@RegisterForReflection
public record IssueLicenseRequest(String tenantName, String product, LocalDate expiresOn) {
}
