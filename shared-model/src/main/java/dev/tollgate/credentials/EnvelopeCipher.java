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

    /**
     * Associated data (format {@link Sealed#V2}) = version || tenant id || the bound facts, each a
     * 4-byte length and UTF-8 bytes, facts sorted by name. It binds the tenant, the format against
     * downgrade, and the facts a record shows beside its secret (kind, provider, model, base URL,
     * subdomain, auth type, redaction): someone who can write the table but not read the secret
     * cannot point a tenant's API key at another base URL, or turn its redaction off, and still
     * have it open.
     */
    static Cipher gcm(int mode, byte[] key, byte[] nonce, int version, String tenantId, Map<String, String> boundFacts)
            throws GeneralSecurityException {
        if (version != Sealed.V2) {
            throw new IllegalArgumentException("only format " + Sealed.V2 + " is sealed or opened");
        }
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        gcm.updateAAD(associatedData(version, tenantId, boundFacts));
        return gcm;
    }

    static byte[] associatedData(int version, String tenantId, Map<String, String> boundFacts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(version);
        writeField(out, tenantId);
        new java.util.TreeMap<>(boundFacts).forEach((name, value) -> {
            writeField(out, name);
            writeField(out, value);
        });
        return out.toByteArray();
    }

    private static void writeField(java.io.ByteArrayOutputStream out, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(utf8.length).array());
        out.writeBytes(utf8);
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
    public static class CannotOpen extends RuntimeException {

        CannotOpen(Throwable cause) {
            super("the sealed secret cannot be opened for this tenant: it was sealed for another tenant "
                    + "or has been altered", cause);
        }

        CannotOpen(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * A record sealed in format {@link Sealed#V1}, before its visible facts were bound: whether they
     * were edited since cannot be told, so it is not opened at all. Staff store the credential again.
     */
    public static final class SealedBeforeFactsWereBound extends CannotOpen {

        SealedBeforeFactsWereBound() {
            super("the credential was sealed in an older format that does not protect its visible facts; "
                    + "staff must store it again (PUT /v1/admin/tenants/{id}/credentials/{kind})");
        }
    }
}
