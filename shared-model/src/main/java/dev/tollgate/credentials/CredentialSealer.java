package dev.tollgate.credentials;

import dev.tollgate.keys.DataKey;
import dev.tollgate.keys.DataKeyWrapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Cipher;

/** Seals a tenant's secret in the {@link EnvelopeCipher} format; it cannot open what it seals. */
public final class CredentialSealer {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataKeyWrapper dataKeys;

    public CredentialSealer(DataKeyWrapper dataKeys) {
        this.dataKeys = Objects.requireNonNull(dataKeys);
    }

    public Sealed seal(String tenantId, byte[] secret) {
        Map<String, String> context = EnvelopeCipher.encryptionContext(tenantId);
        Objects.requireNonNull(secret, "secret");
        byte[] nonce = new byte[Sealed.NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try (DataKey key = dataKeys.generateDataKey(context)) {
            Cipher gcm = EnvelopeCipher.gcm(Cipher.ENCRYPT_MODE, key.plaintext(), nonce, Sealed.V1, tenantId);
            return new Sealed(Sealed.V1, key.wrapped(), nonce, gcm.doFinal(secret));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** Seals the UTF-8 bytes of {@code secret}. Prefer the byte form where the secret arrives as bytes. */
    public Sealed seal(String tenantId, String secret) {
        byte[] utf8 = Objects.requireNonNull(secret, "secret").getBytes(StandardCharsets.UTF_8);
        try {
            return seal(tenantId, utf8);
        } finally {
            Arrays.fill(utf8, (byte) 0);
        }
    }
}
