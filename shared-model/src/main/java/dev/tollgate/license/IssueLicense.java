package dev.tollgate.license;

import dev.tollgate.keys.KeyDigester;
import dev.tollgate.outcome.Refusal;
import dev.tollgate.retention.RetentionPolicy;
import dev.tollgate.tenant.Tenant;
import dev.tollgate.tenant.TenantId;
import dev.tollgate.tenant.TenantStore;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

/** Creates a licence for a tenant and returns its key: the only moment the plaintext key exists. */
public final class IssueLicense {

    private final LicenseKeyFormat format;
    private final KeyDigester digester;
    private final TenantStore tenants;
    private final LicenseStore store;
    private final RetentionPolicy retention;
    private final Clock clock;

    public IssueLicense(LicenseKeyFormat format, KeyDigester digester, TenantStore tenants, LicenseStore store,
                        RetentionPolicy retention, Clock clock) {
        this.format = format;
        this.digester = digester;
        this.tenants = tenants;
        this.store = store;
        this.retention = retention;
        this.clock = clock;
    }

    /** A fresh active licence, or a {@link Refusal} saying why it cannot be issued. */
    public IssuedLicense issue(TenantId tenantId, Product product, LocalDate expiresOn) {
        if (format.prefixOf(product).isEmpty()) {
            throw Refusal.invalid("product '" + product.id() + "' has no key prefix configured");
        }
        Instant now = clock.instant();
        if (!now.isBefore(License.endOf(expiresOn).plus(retention.licenseAfterExpiry()))) {
            throw Refusal.invalid("a licence that expired on " + expiresOn + " is past its retention period ("
                    + retention.licenseAfterExpiry().toDays() + " days after expiry) and would be purged at once");
        }
        Tenant tenant = tenants.require(tenantId);
        tenant.requireNotTerminated("a new licence");
        LicenseKey key = format.generate(product);
        License license = new License(digester.digest(key), key.suffix(), tenant.id(), tenant.name(), product,
                LicenseStatus.ACTIVE, expiresOn, now, now);
        store.create(license);
        return new IssuedLicense(key, license);
    }

    public record IssuedLicense(LicenseKey key, License license) {
    }
}
