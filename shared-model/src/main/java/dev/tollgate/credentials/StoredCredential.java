package dev.tollgate.credentials;

import dev.tollgate.tenant.TenantId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A credential as stored: the facts staff may see (subdomain, auth type, provider, model, base URL),
 * the last four characters of the secret, and the secret itself only as {@link Sealed}.
 */
public record StoredCredential(TenantId tenant, CredentialKind kind, Map<String, String> facts, String last4,
                               Sealed secret, Instant updatedAt) {

    public StoredCredential {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(updatedAt, "updatedAt");
        facts = Map.copyOf(facts);
        if (last4 == null || last4.length() != 4) {
            throw new IllegalArgumentException("last4 has four characters");
        }
    }

    /** What the sealed secret is bound to: the kind and every visible fact (see {@link EnvelopeCipher}). */
    public Map<String, String> boundFacts() {
        return bound(kind, facts);
    }

    static Map<String, String> bound(CredentialKind kind, Map<String, String> facts) {
        Map<String, String> bound = new java.util.TreeMap<>(facts);
        bound.put("kind", kind.wire());
        return bound;
    }

    /** What a read shows: everything but the secret. */
    public Summary summary() {
        return new Summary(kind, facts, last4, updatedAt);
    }

    public record Summary(CredentialKind kind, Map<String, String> facts, String last4, Instant updatedAt) {
    }
}
