package dev.tollgate.keys;

import dev.tollgate.license.KeyDigest;
import dev.tollgate.license.LicenseKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 of canonical keys under one secret; a prototype Mac is cloned per call (thread-safe, cheap). */
public final class HmacDigester implements KeyDigester {

    public static final int SECRET_BYTES = 32;

    private final Mac prototype;

    public HmacDigester(byte[] secret) {
        if (secret.length < SECRET_BYTES) {
            throw new IllegalArgumentException("the digest secret must have at least " + SECRET_BYTES + " bytes");
        }
        try {
            prototype = Mac.getInstance("HmacSHA256");
            prototype.init(new SecretKeySpec(secret, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    @Override
    public KeyDigest digest(LicenseKey key) {
        try {
            Mac mac = (Mac) prototype.clone();
            return KeyDigest.of(mac.doFinal(key.canonical().getBytes(StandardCharsets.US_ASCII)));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HmacSHA256 cannot be cloned", e);
        }
    }
}
