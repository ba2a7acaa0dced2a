package dev.tollgate.credentials;

import dev.tollgate.outcome.Refusal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The tenant's model provider: which API, which model, the tenant's own API key (sealed at rest),
 * and for an OpenAI-compatible server its base URL (a model server in the customer's network counts).
 */
public record ModelCredentials(Provider provider, Optional<URI> baseUrl, String model, String apiKey, boolean redact) {

    /** The visible fact that asks for e-mails, phone numbers, card numbers and keys to be redacted before the model. */
    public static final String REDACT = "redact";

    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@-]{0,127}");

    public enum Provider {
        ANTHROPIC("anthropic"), OPENAI("openai"), OPENAI_COMPATIBLE("openai-compatible");

        private final String wire;

        Provider(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        public static Optional<Provider> fromWire(String value) {
            return Arrays.stream(values()).filter(p -> p.wire.equals(value)).findFirst();
        }
    }

    public ModelCredentials {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (provider == Provider.OPENAI_COMPATIBLE && baseUrl.isEmpty()) {
            throw Refusal.invalid("an openai-compatible provider needs its 'baseUrl'");
        }
        if (provider != Provider.OPENAI_COMPATIBLE && baseUrl.isPresent()) {
            throw Refusal.invalid("'baseUrl' is only for openai-compatible; " + provider.wire() + " has its own");
        }
        baseUrl.ifPresent(ModelCredentials::requireBaseUrl);
        if (model == null || !MODEL.matcher(model).matches()) {
            throw Refusal.invalid("'model' is 1 to 128 characters of A-Z, a-z, 0-9 and . _ : / @ -");
        }
        Secrets.requireToken("apiKey", apiKey);
    }

    /** Without redaction, the default. */
    public ModelCredentials(Provider provider, Optional<URI> baseUrl, String model, String apiKey) {
        this(provider, baseUrl, model, apiKey, false);
    }

    /** Parses a base URL from a request, refusing anything but plain http(s) without credentials in it. */
    public static URI parseBaseUrl(String text) {
        try {
            URI uri = new URI(text);
            requireBaseUrl(uri);
            return uri;
        } catch (URISyntaxException e) {
            throw Refusal.invalid("'baseUrl' is not a URL");
        }
    }

    private static void requireBaseUrl(URI uri) {
        boolean web = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
        if (!web || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || uri.toString().length() > 500) {
            throw Refusal.invalid("'baseUrl' is an http(s) URL with a host and no user info, query or fragment");
        }
    }

    @Override
    public String toString() {
        return "ModelCredentials[provider=" + provider.wire() + ", model=" + model + ", redact=" + redact
                + ", apiKey redacted]";
    }
}
