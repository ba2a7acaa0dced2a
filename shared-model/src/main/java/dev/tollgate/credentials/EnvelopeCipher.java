package dev.tollgate.credentials;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Objects;
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
 * <p>This class is the format; {@link CredentialSealer} seals and {@link CredentialOpener} opens, as
 * separate capabilities, so a function that only stores secrets cannot read them back.
 *
 * <p>A random 96-bit nonce is safe here because every data key encrypts exactly one message; the
 * nonce only has to be unique under its key.
 */
public final class EnvelopeCipher {

    public static final String PURPOSE_KEY = "tollgate:purpose";
    public static final String PURPOSE = "integration-credential";
    public static final String TENANT_KEY = "tollgate:tenant";

    static final int TAG_BITS = Sealed.TAG_BYTES * 8;

    private EnvelopeCipher() {
    }

    /**
     * The context a tenant's data keys are wrapped under. Public because a KMS key policy can require
     * it ({@code kms:EncryptionContext:tollgate:tenant}).
     */
    public static Map<String, String> encryptionContext(String tenantId) {
        return Map.of(PURPOSE_KEY, PURPOSE, TENANT_KEY, requireTenant(tenantId));
    }

    /** Associated data = format version || UTF-8 tenant id: binds the tenant, and the format against downgrade. */
    static Cipher gcm(int mode, byte[] key, byte[] nonce, int version, String tenantId)
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
