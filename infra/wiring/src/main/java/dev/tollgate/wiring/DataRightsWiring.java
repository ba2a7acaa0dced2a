package dev.tollgate.wiring;

import dev.tollgate.audit.AuditTrail;
import dev.tollgate.credentials.CredentialStore;
import dev.tollgate.license.LicenseStore;
import dev.tollgate.privacy.EraseTenant;
import dev.tollgate.privacy.ErasureReceipts;
import dev.tollgate.privacy.ExportTenant;
import dev.tollgate.privacy.TenantStores;
import dev.tollgate.retention.RetentionPolicy;
import dev.tollgate.startup.StartupTrail;
import dev.tollgate.tenant.TenantStore;
import dev.tollgate.usage.UsageLedger;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** A tenant's export and erasure. Needs every table that holds something of a tenant, and the purge-reports table for receipts. */
@Singleton
@IfBuildProperty(name = "tollgate.wiring.data-rights", stringValue = "true")
public class DataRightsWiring {

    @Produces
    @Singleton
    TenantStores tenantStores(TenantStore tenants, LicenseStore licenses, StartupTrail startups, UsageLedger usage,
                              CredentialStore credentials, AuditTrail audit, ErasureReceipts receipts) {
        return new TenantStores(tenants, licenses, startups, usage, credentials, audit, receipts);
    }

    @Produces
    @Singleton
    ExportTenant exportTenant(TenantStores stores, RetentionPolicy retention, Clock clock) {
        return new ExportTenant(stores, retention, clock);
    }

    @Produces
    @Singleton
    EraseTenant eraseTenant(TenantStores stores, RetentionPolicy retention, Clock clock) {
        return new EraseTenant(stores, retention, clock);
    }
}
