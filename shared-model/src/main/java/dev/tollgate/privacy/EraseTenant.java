package dev.tollgate.privacy;

import dev.tollgate.credentials.StoredCredential;
import dev.tollgate.license.KeyDigest;
import dev.tollgate.outcome.Refusal;
import dev.tollgate.retention.RetentionPolicy;
import dev.tollgate.tenant.Tenant;
import dev.tollgate.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Erases a tenant before its records' retention would: credentials, the startup trail of each of
 * its licences, the licences, the tenant itself. Usage counters are kept, detached (the vendor's
 * totals stay right, nothing leads back). Audit entries about it are kept as they are: they hold
 * ids only (the staff subject, {@code tenant/<id>}, {@code license/<digest>}), never a name.
 *
 * <p>The tenant record goes last, so an erasure cut short (a timeout, a throttle) is finished by
 * asking again; the receipt then counts what the second call deleted. A tenant under legal hold is
 * refused with 409 and nothing is deleted.
 */
public final class EraseTenant {

    private final TenantStores stores;
    private final RetentionPolicy retention;
    private final Clock clock;

    public EraseTenant(TenantStores stores, RetentionPolicy retention, Clock clock) {
        this.stores = stores;
        this.retention = retention;
        this.clock = clock;
    }

    /** @param erasedBy the staff subject asking, kept on the receipt as the audit trail keeps it */
    public ErasureReceipt erase(TenantId id, String erasedBy) {
        Tenant tenant = stores.tenants().require(id);
        if (tenant.legalHold()) {
            throw Refusal.conflict("LEGAL_HOLD", "tenant " + id + " is under a legal hold; its records cannot be erased"
                    + " until the hold is cleared");
        }
        Instant now = clock.instant();
        List<KeyDigest> digests = stores.licenses().digestsOf(id);
        int sealed = 0;
        for (StoredCredential credential : stores.credentials().list(id)) {
            sealed += stores.credentials().delete(id, credential.kind()) ? 1 : 0;
        }
        int entries = 0;
        int deleted = 0;
        for (KeyDigest digest : digests) {
            entries += stores.startups().deleteAll(digest);
            deleted += stores.licenses().delete(digest) ? 1 : 0;
        }
        int detached = stores.usage().detach(id);
        Set<String> targets = new LinkedHashSet<>();
        targets.add(TenantRecords.tenantTarget(id));
        digests.forEach(d -> targets.add(TenantRecords.licenseTarget(d)));
        int kept = TenantRecords.about(stores.audit(), targets, now.minus(retention.adminAudit()), now).size();
        stores.tenants().delete(tenant);
        ErasureReceipt receipt = new ErasureReceipt(UUID.randomUUID().toString(), id, now, erasedBy, digests,
                new ErasureReceipt.Counts(1, deleted, entries, sealed, detached, kept));
        stores.receipts().save(receipt);
        return receipt;
    }
}
