package dev.tollgate.tenant;

import dev.tollgate.license.LicenseStore;
import dev.tollgate.retention.LegalHolds;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The staff's changes to a tenant: rename, terminate, legal hold. Each reads the tenant, applies
 * one rule of {@link Tenant}, and writes only if nobody changed it in between.
 */
public final class ChangeTenant {

    private final TenantStore tenants;
    private final LicenseStore licenses;
    private final LegalHolds holds;
    private final Clock clock;

    public ChangeTenant(TenantStore tenants, LicenseStore licenses, LegalHolds holds, Clock clock) {
        this.tenants = tenants;
        this.licenses = licenses;
        this.holds = holds;
        this.clock = clock;
    }

    /** The licence records carry the tenant's name (the privacy policy lists it), so they follow. */
    public Tenant rename(TenantId id, String name) {
        String newName = Tenant.requireName(name);
        Tenant renamed = change(id, (tenant, now) -> tenant.renamed(newName, now));
        licenses.renameTenant(id, newName);
        return renamed;
    }

    /**
     * Records the day the subscription ends, today unless given. Retention deletes the tenant's
     * integration credentials from that day; licences keep their own expiry and retention.
     */
    public Tenant terminate(TenantId id, Optional<LocalDate> on) {
        LocalDate day = on.orElseGet(() -> LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        return change(id, (tenant, now) -> tenant.terminatedOn(day, now));
    }

    /**
     * Sets or clears the hold, then takes the tenant's expiring records off TTL or puts them back:
     * the purge skips held records, but DynamoDB's TTL would delete them anyway. Asking again
     * finishes a change cut short.
     */
    public Tenant setLegalHold(TenantId id, boolean hold) {
        Tenant changed = change(id, (tenant, now) -> tenant.withLegalHold(hold, now));
        if (hold) {
            holds.suspendExpiry(id);
        } else {
            holds.resumeExpiry(id);
        }
        return changed;
    }

    private Tenant change(TenantId id, BiFunction<Tenant, Instant, Tenant> rule) {
        Tenant current = tenants.require(id);
        Tenant changed = rule.apply(current, clock.instant());
        tenants.update(changed, current.updatedAt());
        return changed;
    }
}
