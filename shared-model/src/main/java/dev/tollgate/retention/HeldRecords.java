package dev.tollgate.retention;

import dev.tollgate.license.KeyDigest;
import dev.tollgate.tenant.TenantId;
import java.util.Set;

/** The tenants under a legal hold and the digests of their licences: what the purge must not delete. */
public record HeldRecords(Set<TenantId> tenants, Set<KeyDigest> licenses) {

    public static final HeldRecords NONE = new HeldRecords(Set.of(), Set.of());

    public HeldRecords {
        tenants = Set.copyOf(tenants);
        licenses = Set.copyOf(licenses);
    }

    public boolean covers(DueItem item) {
        return item.tenant().filter(tenants::contains).isPresent() || item.license().filter(licenses::contains).isPresent();
    }
}
