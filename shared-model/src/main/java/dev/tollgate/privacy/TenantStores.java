package dev.tollgate.privacy;

import dev.tollgate.audit.AuditTrail;
import dev.tollgate.credentials.CredentialStore;
import dev.tollgate.license.LicenseStore;
import dev.tollgate.startup.StartupTrail;
import dev.tollgate.tenant.TenantStore;
import dev.tollgate.usage.UsageLedger;

/** Every store that holds something of a tenant: what an export reads and an erasure deletes (or detaches). */
public record TenantStores(TenantStore tenants, LicenseStore licenses, StartupTrail startups, UsageLedger usage,
                           CredentialStore credentials, AuditTrail audit, ErasureReceipts receipts) {
}
