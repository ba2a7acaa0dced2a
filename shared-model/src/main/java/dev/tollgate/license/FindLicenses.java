package dev.tollgate.license;

import dev.tollgate.outcome.Refusal;
import dev.tollgate.retention.RetentionPolicy;
import dev.tollgate.tenant.TenantId;
import dev.tollgate.tenant.TenantStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Staff's read of licences: by key (sent in a body, never a URL), by digest, or all of a tenant's.
 * Records past their retention are gone as far as anyone can tell, as they are for validation: the
 * store never returns one.
 */
public final class FindLicenses {

    private final LicenseKeyFormat format;
    private final LicenseLookup lookup;
    private final LicenseStore store;
    private final TenantStore tenants;
    private final RetentionPolicy retention;
    private final Clock clock;

    public FindLicenses(LicenseKeyFormat format, LicenseLookup lookup, LicenseStore store, TenantStore tenants,
                        RetentionPolicy retention, Clock clock) {
        this.format = format;
        this.lookup = lookup;
        this.store = store;
        this.tenants = tenants;
        this.retention = retention;
        this.clock = clock;
    }

    /** A licence and what validation would answer for its own product right now. */
    public record Found(License license, VerdictCode verdict, Instant retainUntil) {
    }

    public Found byKey(String rawKey) {
        ParsedKey parsed = format.parse(rawKey);
        if (parsed instanceof MalformedKey malformed) {
            throw Refusal.invalid(malformed.detail());
        }
        LicenseKey key = (LicenseKey) parsed;
        Instant now = clock.instant();
        LicenseLookup.Found found = lookup.find(key, format.productOf(key), now);
        return found.license().map(l -> found(l, now)).orElseThrow(() -> notFound(found.digest()));
    }

    public Found byDigest(KeyDigest digest) {
        Instant now = clock.instant();
        return store.find(digest).map(l -> found(l, now)).orElseThrow(() -> notFound(digest));
    }

    public List<Found> ofTenant(TenantId tenant) {
        tenants.require(tenant);
        Instant now = clock.instant();
        return store.listByTenant(tenant).stream().map(l -> found(l, now)).toList();
    }

    /** How a licence just written looks to staff; no read, so no eventually consistent read can miss it. */
    public Found of(License license) {
        return found(license, clock.instant());
    }

    private Found found(License license, Instant now) {
        return new Found(license, license.verdictFor(license.product(), now), license.retainUntil(retention));
    }

    static Refusal notFound(KeyDigest digest) {
        return Refusal.notFound("LICENSE_NOT_FOUND", "no licence has the digest " + digest.hex());
    }
}
