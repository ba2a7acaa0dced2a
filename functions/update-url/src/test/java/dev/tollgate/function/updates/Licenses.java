package dev.tollgate.function.updates;

import dev.tollgate.keys.KeyVault;
import dev.tollgate.license.License;
import dev.tollgate.license.LicenseKey;
import dev.tollgate.license.LicenseKeyFormat;
import dev.tollgate.license.LicenseStatus;
import dev.tollgate.license.LicenseStore;
import dev.tollgate.license.Product;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.LocalDate;

/** Puts licences in any state straight into the table (the admin API that does this is its own issue). */
@Singleton
public class Licenses {

    public static final Product ZENDESK = new Product("zendesk-mcp");

    private final LicenseKeyFormat format;
    private final KeyVault vault;
    private final LicenseStore store;

    public Licenses(LicenseKeyFormat format, KeyVault vault, LicenseStore store) {
        this.format = format;
        this.vault = vault;
        this.store = store;
    }

    public LicenseKey stored(LicenseStatus status, LocalDate expiresOn) {
        LicenseKey key = format.generate(ZENDESK);
        Instant now = Instant.now();
        store.create(new License(vault.digest(key), "Acme Support", ZENDESK, status, expiresOn, now, now));
        return key;
    }

    public LicenseKey unknown() {
        return format.generate(ZENDESK);
    }
}
