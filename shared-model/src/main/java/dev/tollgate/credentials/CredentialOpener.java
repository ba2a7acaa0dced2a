package dev.tollgate.credentials;

import dev.tollgate.keys.DataKeyUnwrapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;

/** Opens a secret sealed by {@link CredentialSealer}; only the function that uses credentials has one. */
public final class CredentialOpener {

    private final DataKeyUnwrapper dataKeys;

    public CredentialOpener(DataKeyUnwrapper dataKeys) {
        this.dataKeys = Objects.requireNonNull(dataKeys);
    }

    /**
     * The secret, for the caller to use and zero-fill. All or nothing: GCM checks the tag before it
     * releases any plaintext.
     *
     * @throws EnvelopeCipher.CannotOpen if {@code sealed} was sealed for another tenant or has been altered
     */
    public byte[] open(String tenantId, Sealed sealed) {
        return open(tenantId, Map.of(), sealed);
    }

    /**
     * {@link #open(String, Sealed)} for a secret sealed with {@code boundFacts}: any other facts, or
     * a record sealed before facts were bound ({@link EnvelopeCipher.SealedBeforeFactsWereBound}), do not open.
     */
    public byte[] open(String tenantId, Map<String, String> boundFacts, Sealed sealed) {
        Map<String, String> context = EnvelopeCipher.encryptionContext(tenantId);
        Objects.requireNonNull(sealed, "sealed");
        Objects.requireNonNull(boundFacts, "boundFacts");
        if (sealed.version() == Sealed.V1) {
            throw new EnvelopeCipher.SealedBeforeFactsWereBound();
        }
        byte[] dataKey;
        try {
            dataKey = dataKeys.unwrapDataKey(sealed.wrappedKey(), context);
        } catch (DataKeyUnwrapper.WrongContext e) {
            throw new EnvelopeCipher.CannotOpen(e);
        }
        try {
            Cipher gcm = EnvelopeCipher.gcm(Cipher.DECRYPT_MODE, dataKey, sealed.nonce(), sealed.version(), tenantId,
                    boundFacts);
            return gcm.doFinal(sealed.ciphertext());
        } catch (AEADBadTagException e) {
            throw new EnvelopeCipher.CannotOpen(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** {@link #open} for a secret sealed from a String. */
    public String openText(String tenantId, Sealed sealed) {
        return openText(tenantId, Map.of(), sealed);
    }

    public String openText(String tenantId, Map<String, String> boundFacts, Sealed sealed) {
        byte[] utf8 = open(tenantId, boundFacts, sealed);
        try {
            return new String(utf8, StandardCharsets.UTF_8);
        } finally {
            Arrays.fill(utf8, (byte) 0);
        }
    }
}
