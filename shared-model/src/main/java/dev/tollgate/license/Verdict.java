package dev.tollgate.license;

import dev.tollgate.lease.Lease;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a validation. It carries only what the instance needs: the licence's status and
 * expiry where the instance has shown it holds that licence's key, and a lease when it may run.
 */
public record Verdict(VerdictCode code, Optional<LicenseStatus> status, Optional<LocalDate> expiresOn,
                      Optional<Lease> lease, Optional<MalformedKey> malformed) {

    public Verdict {
        Objects.requireNonNull(code);
        Objects.requireNonNull(status);
        Objects.requireNonNull(expiresOn);
        Objects.requireNonNull(lease);
        Objects.requireNonNull(malformed);
    }

    static Verdict malformed(MalformedKey why) {
        return new Verdict(VerdictCode.MALFORMED_KEY, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(why));
    }

    static Verdict withoutLicense(VerdictCode code) {
        return new Verdict(code, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    static Verdict about(License license, VerdictCode code, Optional<Lease> lease) {
        return new Verdict(code, Optional.of(license.status()), Optional.of(license.expiresOn()), lease,
                Optional.empty());
    }
}
