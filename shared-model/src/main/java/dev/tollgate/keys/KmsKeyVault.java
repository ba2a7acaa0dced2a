package dev.tollgate.keys;

import dev.tollgate.license.KeyDigest;
import dev.tollgate.license.LicenseKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * The AWS vault. The lease key is a KMS ECC_NIST_P256 key: every lease is signed by KMS and the
 * private key never leaves it. The digest secret is a data key wrapped by a KMS key under a fixed
 * encryption context; it is unwrapped once per container, because a KMS call per validation would
 * put KMS latency and quota on the hot path. Data keys for envelope encryption come from
 * {@code GenerateDataKey} under a symmetric KMS key (the data key id) and go back through
 * {@code Decrypt}, both with the record's encryption context, one KMS call per record.
 */
public final class KmsKeyVault implements KeyVault {

    /** Bound to the wrapped digest secret: a ciphertext made for another purpose will not unwrap here. */
    public static final Map<String, String> DIGEST_SECRET_CONTEXT = Map.of("tollgate:purpose", "license-key-digest");

    private final KmsClient kms;
    private final String signingKeyArn;
    private final List<String> retiredSigningKeyArns;
    private final String wrappedDigestSecret;
    private final String dataKeyId;
    private volatile HmacDigester digester;
    private volatile List<VerificationKey> verificationKeys;

    /** A vault without a data key id: it digests and signs, but refuses to generate or unwrap data keys. */
    public KmsKeyVault(KmsClient kms, String signingKeyArn, List<String> retiredSigningKeyArns,
                       String wrappedDigestSecretBase64) {
        this(kms, signingKeyArn, retiredSigningKeyArns, wrappedDigestSecretBase64, null);
    }

    /**
     * @param dataKeyId the symmetric KMS key (id, ARN or alias) that wraps data keys for envelope
     *        encryption; null when this deployment does not use them
     */
    public KmsKeyVault(KmsClient kms, String signingKeyArn, List<String> retiredSigningKeyArns,
                       String wrappedDigestSecretBase64, String dataKeyId) {
        this.kms = Objects.requireNonNull(kms);
        this.signingKeyArn = requireText(signingKeyArn, "tollgate.key-vault.kms.signing-key-id");
        this.retiredSigningKeyArns = List.copyOf(retiredSigningKeyArns);
        this.wrappedDigestSecret = requireText(wrappedDigestSecretBase64,
                "tollgate.key-vault.kms.wrapped-digest-secret");
        this.dataKeyId = dataKeyId == null || dataKeyId.isBlank() ? null : dataKeyId;
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " must be set when the KMS key vault is used");
        }
        return value;
    }

    @Override
    public KeyDigest digest(LicenseKey key) {
        HmacDigester d = digester;
        if (d == null) {
            synchronized (this) {
                if (digester == null) {
                    byte[] secret = kms.decrypt(r -> r
                            .ciphertextBlob(SdkBytes.fromByteArray(Base64.getDecoder().decode(wrappedDigestSecret)))
                            .encryptionContext(DIGEST_SECRET_CONTEXT)).plaintext().asByteArray();
                    digester = new HmacDigester(secret);
                }
                d = digester;
            }
        }
        return d.digest(key);
    }

    @Override
    public byte[] signEs256(byte[] signingInput) {
        byte[] der = kms.sign(r -> r.keyId(signingKeyArn)
                .message(SdkBytes.fromByteArray(signingInput))
                .messageType(MessageType.RAW)
                .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)).signature().asByteArray();
        return Es256.derToJose(der);
    }

    @Override
    public String signingKeyId() {
        return verificationKeys().get(0).keyId();
    }

    @Override
    public List<VerificationKey> verificationKeys() {
        List<VerificationKey> keys = verificationKeys;
        if (keys == null) {
            List<VerificationKey> loaded = new ArrayList<>();
            loaded.add(publicKey(signingKeyArn));
            retiredSigningKeyArns.forEach(arn -> loaded.add(publicKey(arn)));
            keys = verificationKeys = List.copyOf(loaded);
        }
        return keys;
    }

    private VerificationKey publicKey(String keyArn) {
        byte[] spki = kms.getPublicKey(r -> r.keyId(keyArn)).publicKey().asByteArray();
        return VerificationKey.of(Es256.publicKeyFromX509(spki));
    }

    @Override
    public DataKey generateDataKey(Map<String, String> encryptionContext) {
        String keyId = requireDataKeyId();
        Objects.requireNonNull(encryptionContext, "encryptionContext");
        GenerateDataKeyResponse response = kms.generateDataKey(r -> r.keyId(keyId)
                .keySpec(DataKeySpec.AES_256)
                .encryptionContext(encryptionContext));
        return new DataKey(response.plaintext().asByteArray(), response.ciphertextBlob().asByteArray());
    }

    /**
     * Decrypt names the key as well as the context: the ciphertext blob says which key made it, and
     * naming ours means a blob made under some other key the role can use is refused, not decrypted.
     */
    @Override
    public byte[] unwrapDataKey(byte[] wrapped, Map<String, String> encryptionContext) {
        String keyId = requireDataKeyId();
        Objects.requireNonNull(wrapped, "wrapped");
        Objects.requireNonNull(encryptionContext, "encryptionContext");
        try {
            return kms.decrypt(r -> r.keyId(keyId)
                    .ciphertextBlob(SdkBytes.fromByteArray(wrapped))
                    .encryptionContext(encryptionContext)).plaintext().asByteArray();
        } catch (InvalidCiphertextException | IncorrectKeyException e) {
            throw new WrongContext("KMS refused the data key: another encryption context, another key, "
                    + "or an altered ciphertext", e);
        }
    }

    private String requireDataKeyId() {
        if (dataKeyId == null) {
            throw new IllegalStateException("the KMS key vault has no data key id configured, "
                    + "so it cannot generate or unwrap data keys for envelope encryption");
        }
        return dataKeyId;
    }
}
