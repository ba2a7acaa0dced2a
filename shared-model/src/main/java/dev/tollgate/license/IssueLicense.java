package dev.tollgate.license;

import dev.tollgate.keys.KeyVault;
import dev.tollgate.retention.RetentionPolicy;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

/** Creates a licence and returns its key: the only moment the plaintext key exists. */
public final class IssueLicense {

    private final LicenseKeyFormat format;
    private final KeyVault vault;
    private final LicenseStore store;
    private final RetentionPolicy retention;
    private final Clock clock;

    public IssueLicense(LicenseKeyFormat format, KeyVault vault, LicenseStore store, RetentionPolicy retention,
                        Clock clock) {
        this.format = format;
        this.vault = vault;
        this.store = store;
        this.retention = retention;
        this.clock = clock;
    }

    /** A fresh active licence, or {@link Refused} saying why it cannot be issued. */
    public IssuedLicense issue(String tenantName, Product product, LocalDate expiresOn) {
        if (format.prefixOf(product).isEmpty()) {
            throw new Refused("product '" + product.id() + "' has no key prefix configured");
        }
        Instant now = clock.instant();
        if (!now.isBefore(License.endOf(expiresOn).plus(retention.licenseAfterExpiry()))) {
            throw new Refused("a licence that expired on " + expiresOn + " is past its retention period ("
                    + retention.licenseAfterExpiry().toDays() + " days after expiry) and would be purged at once");
        }
        LicenseKey key = format.generate(product);
        License license = new License(vault.digest(key), tenantName.strip(), product, LicenseStatus.ACTIVE,
                expiresOn, now, now);
        store.create(license);
        return new IssuedLicense(key, license);
    }

    public record IssuedLicense(LicenseKey key, License license) {
    }

    /** The request cannot be served as asked; the message says why, for the caller. */
    public static final class Refused extends RuntimeException {
        public Refused(String reason) {
            super(reason, null, false, false);
        }
    }
}
