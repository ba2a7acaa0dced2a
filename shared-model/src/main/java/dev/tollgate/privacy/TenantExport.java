package dev.tollgate.privacy;

import dev.tollgate.audit.AuditEntry;
import dev.tollgate.credentials.StoredCredential;
import dev.tollgate.license.License;
import dev.tollgate.startup.StartupEvent;
import dev.tollgate.tenant.Tenant;
import dev.tollgate.tenant.TenantId;
import dev.tollgate.usage.UsageRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything Tollgate holds about one tenant, as of {@code exportedAt}: the tenant, its licences,
 * their startup trail, its usage, its credentials without their secrets, the audit entries about it
 * or its licences, and its erasure receipts. After an erasure only the receipts and the audit
 * entries (ids only) remain.
 */
public record TenantExport(TenantId tenantId, Instant exportedAt, Optional<Tenant> tenant, List<License> licenses,
                           List<StartupEvent> startupTrail, List<UsageRecord> usage,
                           List<StoredCredential.Summary> credentials, List<AuditEntry> auditEntries,
                           List<ErasureReceipt> erasures) {

    public TenantExport {
        licenses = List.copyOf(licenses);
        startupTrail = List.copyOf(startupTrail);
        usage = List.copyOf(usage);
        credentials = List.copyOf(credentials);
        auditEntries = List.copyOf(auditEntries);
        erasures = List.copyOf(erasures);
    }
}
