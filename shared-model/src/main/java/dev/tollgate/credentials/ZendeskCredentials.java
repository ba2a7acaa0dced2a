package dev.tollgate.credentials;

import dev.tollgate.outcome.Refusal;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How Tollgate reaches a tenant's Zendesk: the subdomain, and either an OAuth bearer token or an API
 * token with the agent e-mail it belongs to. The token and the e-mail are sealed at rest;
 * {@link #toString()} shows neither.
 */
public record ZendeskCredentials(String subdomain, Auth auth, Optional<String> email, String token) {

    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]{1,64}@[^\\s@]{1,255}");

    public enum Auth {
        OAUTH, API_TOKEN;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Auth> fromWire(String value) {
            return Arrays.stream(values()).filter(a -> a.wire().equals(value)).findFirst();
        }
    }

    public ZendeskCredentials {
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(email, "email");
        if (subdomain == null || !SUBDOMAIN.matcher(subdomain).matches()) {
            throw Refusal.invalid("'subdomain' is the part before .zendesk.com: 1 to 63 characters of a-z, 0-9 and '-'");
        }
        if (auth == Auth.API_TOKEN && email.isEmpty()) {
            throw Refusal.invalid("an API token needs the 'email' of the agent it belongs to");
        }
        if (auth == Auth.OAUTH && email.isPresent()) {
            throw Refusal.invalid("an OAuth token carries no 'email'; leave it out");
        }
        if (email.isPresent() && !EMAIL.matcher(email.get()).matches()) {
            throw Refusal.invalid("'email' is not an e-mail address");
        }
        Secrets.requireToken("token", token);
    }

    @Override
    public String toString() {
        return "ZendeskCredentials[subdomain=" + subdomain + ", auth=" + auth.wire() + ", secrets redacted]";
    }
}
