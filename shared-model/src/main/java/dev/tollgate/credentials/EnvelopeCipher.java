package dev.tollgate.credentials;

import dev.tollgate.keys.DataKey;
import dev.tollgate.keys.KeyVault;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption of a tenant's integration credentials, as the privacy promise says: AES-256-GCM
 * under a data key of its own per record, a fresh 96-bit nonce per record, and the tenant id bound
 * twice, in the encryption context the vault wraps the data key under (so KMS itself refuses to
 * unwrap it for another tenant, and CloudTrail shows whose key it was) and in the GCM associated data
 * (so the ciphertext is bound to the tenant even by a vault that ignored the context).
 *
 * <p>A random 96-bit nonce is safe here because every data key encrypts exactly one message; the
 * nonce only has to be unique under its key.
 */
public final class EnvelopeCipher {

    public static final String PURPOSE_KEY = "tollgate:purpose";
    public static final String PURPOSE = "integration-credential";
    public static final String TENANT_KEY = "tollgate:tenant";

    private static final int TAG_BITS = Sealed.TAG_BYTES * 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyVault vault;

    public EnvelopeCipher(KeyVault vault) {
        this.vault = Objects.requireNonNull(vault);
    }

    /**
     * The context a tenant's data keys are wrapped under. Public because a KMS key policy can require
     * it ({@code kms:EncryptionContext:tollgate:tenant}).
     */
    public static Map<String, String> encryptionContext(String tenantId) {
        return Map.of(PURPOSE_KEY, PURPOSE, TENANT_KEY, requireTenant(tenantId));
    }

    public Sealed seal(String tenantId, byte[] secret) {
        Map<String, String> context = encryptionContext(tenantId);
        Objects.requireNonNull(secret, "secret");
        byte[] nonce = new byte[Sealed.NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try (DataKey key = vault.generateDataKey(context)) {
            Cipher gcm = gcm(Cipher.ENCRYPT_MODE, key.plaintext(), nonce, Sealed.V1, tenantId);
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

    /**
     * The secret, for the caller to use and zero-fill. All or nothing: GCM checks the tag before it
     * releases any plaintext.
     *
     * @throws CannotOpen if {@code sealed} was sealed for another tenant or has been altered
     */
    public byte[] open(String tenantId, Sealed sealed) {
        Map<String, String> context = encryptionContext(tenantId);
        Objects.requireNonNull(sealed, "sealed");
        byte[] dataKey;
        try {
            dataKey = vault.unwrapDataKey(sealed.wrappedKey(), context);
        } catch (KeyVault.WrongContext e) {
            throw new CannotOpen(e);
        }
        try {
            Cipher gcm = gcm(Cipher.DECRYPT_MODE, dataKey, sealed.nonce(), sealed.version(), tenantId);
            return gcm.doFinal(sealed.ciphertext());
        } catch (AEADBadTagException e) {
            throw new CannotOpen(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** {@link #open} for a secret sealed from a String. */
    public String openText(String tenantId, Sealed sealed) {
        byte[] utf8 = open(tenantId, sealed);
        try {
            return new String(utf8, StandardCharsets.UTF_8);
        } finally {
            Arrays.fill(utf8, (byte) 0);
        }
    }

    /** Associated data = format version || UTF-8 tenant id: binds the tenant, and the format against downgrade. */
    private static Cipher gcm(int mode, byte[] key, byte[] nonce, int version, String tenantId)
            throws GeneralSecurityException {
        byte[] tenant = tenantId.getBytes(StandardCharsets.UTF_8);
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        gcm.updateAAD(ByteBuffer.allocate(1 + tenant.length).put((byte) version).put(tenant).array());
        return gcm;
    }

    private static String requireTenant(String tenantId) {
        if (tenantId == null || tenantId.isBlank()) {
            throw new IllegalArgumentException("a tenant id is required");
        }
        return tenantId;
    }

    /**
     * A sealed secret that will not open for this tenant: it was sealed for another, or it has been
     * altered. Which of the two is not said, and no plaintext is released.
     */
    public static final class CannotOpen extends RuntimeException {

        CannotOpen(Throwable cause) {
            super("the sealed secret cannot be opened for this tenant: it was sealed for another tenant "
                    + "or has been altered", cause);
        }
    }
}
