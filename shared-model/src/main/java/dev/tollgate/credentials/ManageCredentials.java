package dev.tollgate.credentials;

import dev.tollgate.outcome.Refusal;
import dev.tollgate.tenant.TenantId;
import dev.tollgate.tenant.TenantStore;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Staff's side of a tenant's integration credentials: store (sealed under the tenant's context),
 * show (everything but the secret), delete. Secrets go in and never come back out through here;
 * {@link OpenCredentials} is the only way back to plaintext.
 */
public final class ManageCredentials {

    /** Separates the e-mail from the token inside one sealed Zendesk secret; neither may contain it. */
    static final char SEPARATOR = '\n';

    private final TenantStore tenants;
    private final CredentialStore store;
    private final CredentialSealer sealer;
    private final Clock clock;

    public ManageCredentials(TenantStore tenants, CredentialStore store, CredentialSealer sealer, Clock clock) {
        this.tenants = tenants;
        this.store = store;
        this.sealer = sealer;
        this.clock = clock;
    }

    public StoredCredential.Summary putZendesk(TenantId tenant, ZendeskCredentials zendesk) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("subdomain", zendesk.subdomain());
        facts.put("authType", zendesk.auth().wire());
        String secret = zendesk.email().orElse("") + SEPARATOR + zendesk.token();
        return put(tenant, CredentialKind.ZENDESK, facts, secret, Secrets.last4(zendesk.token()));
    }

    public StoredCredential.Summary putModel(TenantId tenant, ModelCredentials model) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("provider", model.provider().wire());
        facts.put("model", model.model());
        model.baseUrl().ifPresent(url -> facts.put("baseUrl", url.toString()));
        if (model.redact()) {
            facts.put(ModelCredentials.REDACT, "true");
        }
        return put(tenant, CredentialKind.MODEL, facts, model.apiKey(), Secrets.last4(model.apiKey()));
    }

    public List<StoredCredential.Summary> summaries(TenantId tenant) {
        tenants.require(tenant);
        return store.list(tenant).stream().map(StoredCredential::summary).toList();
    }

    public void delete(TenantId tenant, CredentialKind kind) {
        tenants.require(tenant);
        if (!store.delete(tenant, kind)) {
            throw Refusal.notFound("CREDENTIALS_NOT_FOUND", "tenant " + tenant + " has no " + kind.wire() + " credentials");
        }
    }

    private StoredCredential.Summary put(TenantId tenant, CredentialKind kind, Map<String, String> facts, String secret,
                                         String last4) {
        tenants.require(tenant).requireNotTerminated("storing credentials");
        StoredCredential stored = new StoredCredential(tenant, kind, facts, last4,
                sealer.seal(tenant.value(), StoredCredential.bound(kind, facts), secret), clock.instant());
        store.put(stored);
        return stored.summary();
    }
}
