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

    /** Seals a secret with no visible facts beside it. */
    public Sealed seal(String tenantId, byte[] secret) {
        return seal(tenantId, Map.of(), secret);
    }

    /**
     * Seals {@code secret} with {@code boundFacts} (what the record shows beside it) in the associated
     * data: it opens only with exactly those facts.
     */
    public Sealed seal(String tenantId, Map<String, String> boundFacts, byte[] secret) {
        Map<String, String> context = EnvelopeCipher.encryptionContext(tenantId);
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(boundFacts, "boundFacts");
        byte[] nonce = new byte[Sealed.NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try (DataKey key = dataKeys.generateDataKey(context)) {
            Cipher gcm = EnvelopeCipher.gcm(Cipher.ENCRYPT_MODE, key.plaintext(), nonce, Sealed.CURRENT, tenantId,
                    boundFacts);
            return new Sealed(Sealed.CURRENT, key.wrapped(), nonce, gcm.doFinal(secret));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** Seals the UTF-8 bytes of {@code secret}. Prefer the byte form where the secret arrives as bytes. */
    public Sealed seal(String tenantId, String secret) {
        return seal(tenantId, Map.of(), secret);
    }

    public Sealed seal(String tenantId, Map<String, String> boundFacts, String secret) {
        byte[] utf8 = Objects.requireNonNull(secret, "secret").getBytes(StandardCharsets.UTF_8);
        try {
            return seal(tenantId, boundFacts, utf8);
        } finally {
            Arrays.fill(utf8, (byte) 0);
        }
    }
}
