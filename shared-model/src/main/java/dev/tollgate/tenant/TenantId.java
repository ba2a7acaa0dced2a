package dev.tollgate.tenant;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * A tenant's id: {@code t_} and 16 random lower-case Crockford base32 characters (80 bits). Opaque
 * on purpose, so it says nothing about the customer and can stand in URLs, logs and KMS contexts.
 */
public record TenantId(String value) {

    private static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
    private static final Pattern FORMAT = Pattern.compile("t_[0-9a-hjkmnp-tv-z]{16}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public TenantId {
        if (!isValid(value)) {
            throw new IllegalArgumentException("a tenant id is 't_' and 16 characters of " + ALPHABET);
        }
    }

    public static TenantId generate() {
        StringBuilder id = new StringBuilder("t_");
        for (int i = 0; i < 16; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return new TenantId(id.toString());
    }

    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
