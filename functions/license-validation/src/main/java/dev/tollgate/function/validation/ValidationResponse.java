package dev.tollgate.function.validation;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tollgate.lease.Lease;
import dev.tollgate.license.Verdict;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.time.LocalDate;

/** The verdict as the instance reads it: no tenant data, only status, expiry and, when valid, the lease. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ValidationResponse(String verdict, String status, LocalDate expiresOn, LeaseView lease) {

    @RegisterForReflection
    public record LeaseView(String token, Instant expiresAt, Instant graceUntil) {
        static LeaseView of(Lease lease) {
            return new LeaseView(lease.token(), lease.expiresAt(), lease.graceUntil());
        }
    }

    static ValidationResponse of(Verdict verdict) {
        return new ValidationResponse(
                verdict.code().name(),
                verdict.status().map(s -> s.wire()).orElse(null),
                verdict.expiresOn().orElse(null),
                verdict.lease().map(LeaseView::of).orElse(null));
    }
}
