package dev.tollgate.lease;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A client's nonce, echoed as the {@code nonce} claim of the lease it asked for: the instance that
 * chose it can tell an answer made for its own request from a captured lease replayed at it.
 * Short and opaque, in a character set that needs no escaping anywhere it travels.
 */
public record Nonce(String value) {

    public static final String RULE = "1 to 64 characters of A-Z, a-z, 0-9, '_' and '-'";
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public Nonce {
        Objects.requireNonNull(value, "value");
        if (!isValid(value)) {
            throw new IllegalArgumentException("a nonce is " + RULE);
        }
    }

    public static boolean isValid(String value) {
        return value != null && FORM.matcher(value).matches();
    }
}
