package dev.tollgate.license;

import java.util.Optional;

/** Port: the licences table. Keyed by digest; the plaintext key never reaches it. */
public interface LicenseStore {

    /** One read. May return a record past its retention that the table has not yet deleted. */
    Optional<License> find(KeyDigest digest);

    /** Stores a new licence; refuses to overwrite an existing digest. */
    void create(License license);

    final class DuplicateLicenseException extends RuntimeException {
        public DuplicateLicenseException() {
            super("a licence with this key digest already exists");
        }
    }
}
