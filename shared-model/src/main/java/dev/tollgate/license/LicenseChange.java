package dev.tollgate.license;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/** What staff can do to an issued licence; {@link License#after} says when each is allowed. */
public record LicenseChange(Kind kind, Optional<LocalDate> newExpiry) {

    public enum Kind { SUSPEND, REINSTATE, CANCEL, RENEW }

    public LicenseChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(newExpiry, "newExpiry");
        if ((kind == Kind.RENEW) != newExpiry.isPresent()) {
            throw new IllegalArgumentException("a renewal, and only a renewal, names the new expiry");
        }
    }

    public static LicenseChange suspend() {
        return new LicenseChange(Kind.SUSPEND, Optional.empty());
    }

    public static LicenseChange reinstate() {
        return new LicenseChange(Kind.REINSTATE, Optional.empty());
    }

    public static LicenseChange cancel() {
        return new LicenseChange(Kind.CANCEL, Optional.empty());
    }

    /** Moves the expiry later, e.g. for the next annual term. */
    public static LicenseChange renew(LocalDate expiresOn) {
        return new LicenseChange(Kind.RENEW, Optional.of(expiresOn));
    }
}
