package dev.tollgate.license;

import dev.tollgate.tenant.TenantStore;
import java.time.Clock;
import java.time.Instant;

/**
 * Suspends, reinstates, cancels or renews a licence. Validation reads the same record, so the next
 * startup sees the change; instances already running see it when their lease ends.
 */
public final class ChangeLicense {

    private final LicenseStore store;
    private final TenantStore tenants;
    private final Clock clock;

    public ChangeLicense(LicenseStore store, TenantStore tenants, Clock clock) {
        this.store = store;
        this.tenants = tenants;
        this.clock = clock;
    }

    public License apply(KeyDigest digest, LicenseChange change) {
        Instant now = clock.instant();
        // A record past its retention is not returned: changing it answers 404, as validation answers NOT_FOUND.
        License current = store.findLatest(digest).orElseThrow(() -> FindLicenses.notFound(digest));
        if (change.kind() == LicenseChange.Kind.RENEW || change.kind() == LicenseChange.Kind.REINSTATE) {
            // Giving a licence more life is a new commitment, which a terminated customer no longer gets.
            tenants.find(current.tenantId()).ifPresent(t -> t.requireNotTerminated("renewing or reinstating a licence"));
        }
        License changed = current.after(change, now);
        store.update(changed, current.updatedAt());
        return changed;
    }
}
