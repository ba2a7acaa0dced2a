package dev.tollgate.wiring;

import dev.tollgate.keys.KeyDigester;
import dev.tollgate.license.ChangeLicense;
import dev.tollgate.license.FindLicenses;
import dev.tollgate.license.IssueLicense;
import dev.tollgate.license.LicenseKeyFormat;
import dev.tollgate.license.LicenseLookup;
import dev.tollgate.license.LicenseStore;
import dev.tollgate.retention.LegalHolds;
import dev.tollgate.retention.RetentionPolicy;
import dev.tollgate.tenant.ChangeTenant;
import dev.tollgate.tenant.CreateTenant;
import dev.tollgate.tenant.TenantStore;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Staff's tenants and their licences' life cycle. Needs the tenants and licences tables and a digester. */
@Singleton
@IfBuildProperty(name = "tollgate.wiring.tenants", stringValue = "true")
public class TenantWiring {

    @Produces
    @Singleton
    CreateTenant createTenant(TenantStore tenants, Clock clock) {
        return new CreateTenant(tenants, clock);
    }

    @Produces
    @Singleton
    ChangeTenant changeTenant(TenantStore tenants, LicenseStore licenses, LegalHolds holds, Clock clock) {
        return new ChangeTenant(tenants, licenses, holds, clock);
    }

    @Produces
    @Singleton
    IssueLicense issueLicense(LicenseKeyFormat format, KeyDigester digester, TenantStore tenants, LicenseStore store,
                              RetentionPolicy retention, Clock clock) {
        return new IssueLicense(format, digester, tenants, store, retention, clock);
    }

    @Produces
    @Singleton
    ChangeLicense changeLicense(LicenseStore store, TenantStore tenants, Clock clock) {
        return new ChangeLicense(store, tenants, clock);
    }

    @Produces
    @Singleton
    FindLicenses findLicenses(LicenseKeyFormat format, LicenseLookup lookup, LicenseStore store, TenantStore tenants,
                              RetentionPolicy retention, Clock clock) {
        return new FindLicenses(format, lookup, store, tenants, retention, clock);
    }
}
