package dev.tollgate.credentials;

import dev.tollgate.tenant.TenantId;
import java.net.URI;
import java.util.Optional;

/**
 * Unseals a tenant's credentials for one call to Zendesk or the model provider. The caller uses
 * them and drops them; nothing here caches plaintext.
 */
public final class OpenCredentials {

    private final CredentialStore store;
    private final CredentialOpener opener;

    public OpenCredentials(CredentialStore store, CredentialOpener opener) {
        this.store = store;
        this.opener = opener;
    }

    /**
     * @throws EnvelopeCipher.CannotOpen if the record's facts or secret were altered, it belongs to
     *         another tenant, or it was sealed before facts were bound
     */
    public Optional<ZendeskCredentials> zendesk(TenantId tenant) {
        return store.find(tenant, CredentialKind.ZENDESK).map(stored -> {
            String secret = opener.openText(tenant.value(), stored.boundFacts(), stored.secret());
            int split = secret.indexOf(ManageCredentials.SEPARATOR);
            String email = secret.substring(0, split);
            return new ZendeskCredentials(stored.facts().get("subdomain"),
                    ZendeskCredentials.Auth.fromWire(stored.facts().get("authType")).orElseThrow(),
                    email.isEmpty() ? Optional.empty() : Optional.of(email), secret.substring(split + 1));
        });
    }

    public Optional<ModelCredentials> model(TenantId tenant) {
        return store.find(tenant, CredentialKind.MODEL).map(stored -> {
            // Opened first: the facts below are trusted only once the tag has vouched for them.
            String apiKey = opener.openText(tenant.value(), stored.boundFacts(), stored.secret());
            return new ModelCredentials(
                    ModelCredentials.Provider.fromWire(stored.facts().get("provider")).orElseThrow(),
                    Optional.ofNullable(stored.facts().get("baseUrl")).map(URI::create),
                    stored.facts().get("model"),
                    apiKey,
                    "true".equals(stored.facts().get(ModelCredentials.REDACT)));
        });
    }
}
