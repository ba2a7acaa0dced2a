package dev.tollgate.privacy;

import dev.tollgate.license.KeyDigest;
import dev.tollgate.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The proof that a tenant was erased: ids and counts only, no name and no content. Stored beside
 * the purge reports and kept as long (a year), so a later export of the tenant shows that and when
 * it was erased, and by whom (the staff subject, an id like every audit actor).
 */
public record ErasureReceipt(String id, TenantId tenant, Instant erasedAt, String erasedBy, List<KeyDigest> licenses,
                             Counts counts) {

    public ErasureReceipt {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(erasedAt, "erasedAt");
        Objects.requireNonNull(erasedBy, "erasedBy");
        Objects.requireNonNull(counts, "counts");
        licenses = List.copyOf(licenses);
    }

    /**
     * @param usageRecordsDetached usage counters kept, but moved off the tenant into the erased-tenants aggregate
     * @param auditEntriesKept     audit entries about the tenant, kept: they hold ids only
     */
    public record Counts(int tenant, int licenses, int startupEntries, int credentials, int usageRecordsDetached,
                         int auditEntriesKept) {
    }
}
