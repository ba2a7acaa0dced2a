package dev.tollgate.adapters.kms;

import dev.tollgate.keys.DataKey;
import dev.tollgate.keys.DataKeyUnwrapper;
import dev.tollgate.keys.DataKeyWrapper;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;

/**
 * Data keys for envelope encryption from a symmetric KMS key: {@code GenerateDataKey} to wrap and
 * {@code Decrypt} to unwrap, both with the record's encryption context, one KMS call per record.
 * A function is handed this as one capability or the other, and its IAM role grants the one call.
 */
public final class KmsDataKeys implements DataKeyWrapper, DataKeyUnwrapper {

    private final KmsClient kms;
    private final String keyId;

    public KmsDataKeys(KmsClient kms, String keyId) {
        this.kms = Objects.requireNonNull(kms);
        this.keyId = Objects.requireNonNull(keyId);
    }

    @Override
    public DataKey generateDataKey(Map<String, String> encryptionContext) {
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
}
