package dev.tollgate.function.tickets;

import dev.tollgate.credentials.CredentialSealer;
import dev.tollgate.credentials.CredentialStore;
import dev.tollgate.credentials.ManageCredentials;
import dev.tollgate.credentials.ModelCredentials;
import dev.tollgate.credentials.ZendeskCredentials;
import dev.tollgate.keys.KeyDigester;
import dev.tollgate.keys.KeyRing;
import dev.tollgate.license.License;
import dev.tollgate.license.LicenseKey;
import dev.tollgate.license.LicenseKeyFormat;
import dev.tollgate.license.LicenseStatus;
import dev.tollgate.license.LicenseStore;
import dev.tollgate.license.Product;
import dev.tollgate.tenant.CreateTenant;
import dev.tollgate.tenant.Tenant;
import dev.tollgate.tenant.TenantStore;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tenants as staff set them up through the admin API: a tenant, a licence (the key is handed to the
 * Zendesk app), Zendesk credentials and a model credential, sealed with the local key ring.
 */
@Singleton
public class TestTenants {

    static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final LicenseKeyFormat format;
    private final KeyDigester digester;
    private final LicenseStore licenses;
    private final TenantStore tenants;
    private final ManageCredentials credentials;

    public TestTenants(LicenseKeyFormat format, KeyDigester digester, LicenseStore licenses, TenantStore tenants,
                       CredentialStore store, KeyRing ring) {
        this.format = format;
        this.digester = digester;
        this.licenses = licenses;
        this.tenants = tenants;
        this.credentials = new ManageCredentials(tenants, store, new CredentialSealer(ring), Clock.systemUTC());
    }

    /** A tenant with its licence key and both credentials; each tenant has its own subdomain and API key. */
    public record Setup(Tenant tenant, String licenseKey, String subdomain, ModelCredentials model) {
    }

    public Setup tenant(ModelCredentials.Provider provider, boolean redact) {
        int n = SEQUENCE.incrementAndGet();
        Tenant tenant = new CreateTenant(tenants, Clock.systemUTC()).create("Tenant " + n);
        String subdomain = "acme" + n;
        credentials.putZendesk(tenant.id(), new ZendeskCredentials(subdomain, ZendeskCredentials.Auth.OAUTH,
                Optional.empty(), "zd-oauth-token-" + n + "-Q7vK2mX9pL4tR8sW"));
        String model = switch (provider) {
            case ANTHROPIC -> "claude-sonnet-4-5";
            case OPENAI -> "gpt-4.1";
            case OPENAI_COMPATIBLE -> "llama-3.1-70b-instruct";
        };
        Optional<URI> baseUrl = provider == ModelCredentials.Provider.OPENAI_COMPATIBLE
                ? Optional.of(URI.create(Upstreams.baseUrl() + "/compat/t" + n + "/v1")) : Optional.empty();
        ModelCredentials modelCredentials = new ModelCredentials(provider, baseUrl, model,
                "sk-test-" + provider.wire() + "-" + n + "-Vb8Nq2Wm7Xr4Ts9Lp1Kc6", redact);
        credentials.putModel(tenant.id(), modelCredentials);
        return new Setup(tenant, licence(tenant, LicenseStatus.ACTIVE, LocalDate.now().plusYears(1)).display(),
                subdomain, modelCredentials);
    }

    public LicenseKey licence(Tenant tenant, LicenseStatus status, LocalDate expiresOn) {
        Product product = new Product("zendesk-mcp");
        LicenseKey key = format.generate(product);
        Instant now = Instant.now();
        licenses.create(new License(digester.digest(key), key.suffix(), tenant.id(), tenant.name(), product, status,
                expiresOn, now, now));
        return key;
    }

    public Tenant bareTenant() {
        return new CreateTenant(tenants, Clock.systemUTC()).create("Bare " + SEQUENCE.incrementAndGet()
                + Locale.ROOT.getLanguage());
    }
}
