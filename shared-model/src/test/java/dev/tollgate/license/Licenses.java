package dev.tollgate.license;

import dev.tollgate.keys.KeyDigester;
import dev.tollgate.tenant.TenantId;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.LocalDate;

/**
 * For the functions' Quarkus tests (shipped in shared-model's test jar, a bean archive): puts
 * licences in any state straight into the table, as the admin API will.
 */
@Singleton
public class Licenses {

    public static final Product ZENDESK = new Product("zendesk-mcp");
    /** The tenant these licences name; the tenants table need not hold it for validation's tests. */
    public static final TenantId TENANT = new TenantId("t_acme00000000000a");

    private final LicenseKeyFormat format;
    private final KeyDigester vault;
    private final LicenseStore store;

    public Licenses(LicenseKeyFormat format, KeyDigester vault, LicenseStore store) {
        this.format = format;
        this.vault = vault;
        this.store = store;
    }

    public LicenseKey stored(LicenseStatus status, LocalDate expiresOn) {
        LicenseKey key = format.generate(ZENDESK);
        Instant now = Instant.now();
        store.create(new License(vault.digest(key), key.suffix(), TENANT, "Acme Support", ZENDESK, status, expiresOn,
                now, now));
        return key;
    }

    public LicenseKey unknown() {
        return format.generate(ZENDESK);
    }
}
