package dev.tollgate.license;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Licence keys: a product prefix, 27 random Crockford base32 characters (135 bits) and one check
 * character, shown in groups of four ({@code ZDMCP-7K3Q-...-X2M9}).
 *
 * <p>The check character is Luhn mod 32 over prefix and body: it catches every single-character
 * substitution and most transpositions, so typos are answered as MALFORMED_KEY without a database
 * read, and it stays in the key's own alphabet (Crockford's mod-37 symbols {@code *~$=} would
 * need quoting in a shell).
 */
public final class LicenseKeyFormat {

    /** Crockford base32: no I, L, O, U. */
    public static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final int BODY_LENGTH = 27;
    static final int GROUP = 4;
    /** Longer input is rejected before any work, whatever its content. */
    static final int MAX_RAW_LENGTH = 128;

    private final Map<String, Product> productsByPrefix;
    private final SecureRandom random;

    public LicenseKeyFormat(Map<String, Product> productsByPrefix) {
        this(productsByPrefix, new SecureRandom());
    }

    LicenseKeyFormat(Map<String, Product> productsByPrefix, SecureRandom random) {
        productsByPrefix.keySet().forEach(LicenseKeyFormat::requireValidPrefix);
        this.productsByPrefix = Map.copyOf(productsByPrefix);
        this.random = Objects.requireNonNull(random);
    }

    /** The products this format issues keys for. */
    public java.util.Set<Product> products() {
        return java.util.Set.copyOf(productsByPrefix.values());
    }

    public static void requireValidPrefix(String prefix) {
        if (prefix == null || prefix.length() < 2 || prefix.length() > 8
                || !prefix.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            throw new IllegalArgumentException(
                    "a key prefix is 2 to 8 characters of " + ALPHABET + ": " + prefix);
        }
    }

    public Optional<String> prefixOf(Product product) {
        return productsByPrefix.entrySet().stream()
                .filter(e -> e.getValue().equals(product))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /** The product a well-formed key was issued for (parsing accepts only configured prefixes). */
    public Product productOf(LicenseKey key) {
        Product product = productsByPrefix.get(key.prefix());
        if (product == null) {
            throw new IllegalArgumentException("no product has the key prefix " + key.prefix());
        }
        return product;
    }

    public LicenseKey generate(Product product) {
        String prefix = prefixOf(product).orElseThrow(
                () -> new IllegalArgumentException("no key prefix is configured for product " + product.id()));
        StringBuilder key = new StringBuilder(prefix);
        for (int i = 0; i < BODY_LENGTH; i++) {
            key.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        key.append(ALPHABET.charAt(checkValue(key)));
        return new LicenseKey(prefix, key.toString());
    }

    /** Offline check of a raw key: case, hyphens and spaces are forgiven, nothing else is. */
    public ParsedKey parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return new MalformedKey(MalformedKey.Reason.EMPTY, "the licence key is empty");
        }
        if (raw.length() > MAX_RAW_LENGTH) {
            return new MalformedKey(MalformedKey.Reason.TOO_LONG,
                    "the licence key is longer than " + MAX_RAW_LENGTH + " characters");
        }
        StringBuilder canonical = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '-' || c == ' ') {
                continue;
            }
            char normal = normalise(c);
            if (ALPHABET.indexOf(normal) < 0) {
                return new MalformedKey(MalformedKey.Reason.BAD_CHARACTER,
                        "the licence key contains a character outside Crockford base32 at position " + (i + 1));
            }
            canonical.append(normal);
        }
        String key = canonical.toString();
        Optional<String> prefix = productsByPrefix.keySet().stream().filter(key::startsWith)
                .max((a, b) -> Integer.compare(a.length(), b.length()));
        if (prefix.isEmpty()) {
            return new MalformedKey(MalformedKey.Reason.UNKNOWN_PREFIX, "the licence key has no known product prefix");
        }
        int expected = prefix.get().length() + BODY_LENGTH + 1;
        if (key.length() != expected) {
            return new MalformedKey(MalformedKey.Reason.WRONG_LENGTH, "the licence key has " + key.length()
                    + " significant characters, expected " + expected);
        }
        if (checkValue(key.subSequence(0, key.length() - 1)) != ALPHABET.indexOf(key.charAt(key.length() - 1))) {
            return new MalformedKey(MalformedKey.Reason.BAD_CHECK_CHARACTER,
                    "the licence key's check character does not match: a character is mistyped");
        }
        return new LicenseKey(prefix.get(), key);
    }

    /** Crockford decoding: lower case is upper case, I and L read as 1, O reads as 0. */
    private static char normalise(char c) {
        char upper = Character.toUpperCase(c);
        return switch (upper) {
            case 'I', 'L' -> '1';
            case 'O' -> '0';
            default -> upper;
        };
    }

    /** Luhn mod N (N = 32): the value of the check character for {@code payload}. */
    static int checkValue(CharSequence payload) {
        int n = ALPHABET.length();
        int factor = 2;
        int sum = 0;
        for (int i = payload.length() - 1; i >= 0; i--) {
            int addend = factor * ALPHABET.indexOf(payload.charAt(i));
            factor = factor == 2 ? 1 : 2;
            sum += addend / n + addend % n;
        }
        return (n - sum % n) % n;
    }
}
