package dev.tollgate.tenant;

import java.time.Clock;

/** Adds a customer. The id is minted here; the name is all Tollgate keeps about them. */
public final class CreateTenant {

    private final TenantStore tenants;
    private final Clock clock;

    public CreateTenant(TenantStore tenants, Clock clock) {
        this.tenants = tenants;
        this.clock = clock;
    }

    public Tenant create(String name) {
        Tenant tenant = Tenant.create(TenantId.generate(), name, clock.instant());
        tenants.create(tenant);
        return tenant;
    }
}
