package dev.tollgate.license;

import dev.tollgate.keys.KeyVault;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

/** Creates a licence and returns its key: the only moment the plaintext key exists. */
public final class IssueLicense {

    private final LicenseKeyFormat format;
    private final KeyVault vault;
    private final LicenseStore store;
    private final Clock clock;

    public IssueLicense(LicenseKeyFormat format, KeyVault vault, LicenseStore store, Clock clock) {
        this.format = format;
        this.vault = vault;
        this.store = store;
        this.clock = clock;
    }

    /** A fresh active licence. Throws IllegalArgumentException when the product has no key prefix configured. */
    public IssuedLicense issue(String tenantName, Product product, LocalDate expiresOn) {
        LicenseKey key = format.generate(product);
        Instant now = clock.instant();
        License license = new License(vault.digest(key), tenantName.strip(), product, LicenseStatus.ACTIVE,
                expiresOn, now, now);
        store.create(license);
        return new IssuedLicense(key, license);
    }

    public record IssuedLicense(LicenseKey key, License license) {
    }
}
