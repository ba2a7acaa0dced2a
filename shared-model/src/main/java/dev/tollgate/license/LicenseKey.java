package dev.tollgate.license;

import java.util.Objects;

/**
 * A well-formed licence key in canonical form: upper case, no separators, prefix + body + check.
 * It is never stored or logged; {@link #toString()} hides it so a stray log line cannot leak it.
 */
public final class LicenseKey implements ParsedKey {

    /** How many of the key's last characters a licence record keeps, to tell keys apart. */
    public static final int SUFFIX_LENGTH = 4;

    private final String prefix;
    private final String canonical;

    LicenseKey(String prefix, String canonical) {
        this.prefix = Objects.requireNonNull(prefix);
        this.canonical = Objects.requireNonNull(canonical);
    }

    public String prefix() {
        return prefix;
    }

    /** The exact bytes the digest is computed over. */
    public String canonical() {
        return canonical;
    }

    /** The last characters, as staff see them next to a digest: with 135 random bits they reveal nothing useful. */
    public String suffix() {
        return canonical.substring(canonical.length() - SUFFIX_LENGTH);
    }

    /** The form shown to a person once, at issue: prefix, then groups of four. */
    public String display() {
        StringBuilder out = new StringBuilder(prefix);
        String rest = canonical.substring(prefix.length());
        for (int i = 0; i < rest.length(); i += LicenseKeyFormat.GROUP) {
            out.append('-').append(rest, i, Math.min(rest.length(), i + LicenseKeyFormat.GROUP));
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LicenseKey other && canonical.equals(other.canonical);
    }

    @Override
    public int hashCode() {
        return canonical.hashCode();
    }

    @Override
    public String toString() {
        return "LicenseKey[" + prefix + "-****]";
    }
}
