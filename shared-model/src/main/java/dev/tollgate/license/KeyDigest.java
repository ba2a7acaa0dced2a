package dev.tollgate.license;

import java.util.HexFormat;
import java.util.regex.Pattern;

/** HMAC-SHA256 of a canonical licence key, lower-case hex: the only form of a key at rest. */
public record KeyDigest(String hex) {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public KeyDigest {
        if (hex == null || !HEX64.matcher(hex).matches()) {
            throw new IllegalArgumentException("a key digest is 64 lower-case hex characters");
        }
    }

    public static KeyDigest of(byte[] mac) {
        return new KeyDigest(HexFormat.of().formatHex(mac));
    }

    public static boolean isValid(String hex) {
        return hex != null && HEX64.matcher(hex).matches();
    }
}
