package dev.tollgate.adapters.kms;

import dev.tollgate.keys.HmacDigester;
import dev.tollgate.keys.KeyDigester;
import dev.tollgate.license.KeyDigest;
import dev.tollgate.license.LicenseKey;
import java.util.Arrays;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Digests under a secret that exists in plaintext only in memory: the operator stores it wrapped by
 * a KMS key under a fixed encryption context, and it is unwrapped once, when the function starts.
 * A KMS call per validation would put KMS latency and request quota on the hot path.
 */
public final class KmsKeyDigester implements KeyDigester {

    /** Bound to the wrapped digest secret: a ciphertext made for another purpose will not unwrap here. */
    public static final Map<String, String> CONTEXT = Map.of("tollgate:purpose", "license-key-digest");

    private final HmacDigester digester;

    private KmsKeyDigester(HmacDigester digester) {
        this.digester = digester;
    }

    /** One KMS {@code Decrypt}; the plaintext is zero-filled once the HMAC key holds it. */
    public static KmsKeyDigester unwrap(KmsClient kms, byte[] wrappedSecret) {
        byte[] secret = kms.decrypt(r -> r.ciphertextBlob(SdkBytes.fromByteArray(wrappedSecret))
                .encryptionContext(CONTEXT)).plaintext().asByteArray();
        try {
            return new KmsKeyDigester(new HmacDigester(secret));
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    @Override
    public KeyDigest digest(LicenseKey key) {
        return digester.digest(key);
    }
}
