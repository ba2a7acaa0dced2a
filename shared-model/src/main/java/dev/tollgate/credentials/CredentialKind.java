package dev.tollgate.credentials;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The integrations a tenant stores credentials for; one record of each kind at most. */
public enum CredentialKind {
    /** The tenant's Zendesk account, to fetch tickets and write notes. */
    ZENDESK,
    /** The tenant's model provider, to summarise with the tenant's own key. */
    MODEL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CredentialKind> fromWire(String value) {
        return Arrays.stream(values()).filter(k -> k.wire().equals(value)).findFirst();
    }
}
