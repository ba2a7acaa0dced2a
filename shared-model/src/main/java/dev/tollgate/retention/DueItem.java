package dev.tollgate.retention;

import dev.tollgate.license.KeyDigest;
import dev.tollgate.tenant.TenantId;
import java.util.Objects;
import java.util.Optional;

/**
 * One record the purge found due. {@code ref} is the adapter's key for it, opaque here; the tenant
 * or licence it belongs to, where the record names one, is what a legal hold is checked against.
 */
public record DueItem(String ref, Optional<TenantId> tenant, Optional<KeyDigest> license) {

    public DueItem {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(license, "license");
    }

    public static DueItem ofTenant(String ref, TenantId tenant) {
        return new DueItem(ref, Optional.of(tenant), Optional.empty());
    }

    public static DueItem ofLicense(String ref, KeyDigest license) {
        return new DueItem(ref, Optional.empty(), Optional.of(license));
    }

    /** A record that belongs to no tenant (an audit entry, a purge report): no hold applies. */
    public static DueItem unowned(String ref) {
        return new DueItem(ref, Optional.empty(), Optional.empty());
    }
}
