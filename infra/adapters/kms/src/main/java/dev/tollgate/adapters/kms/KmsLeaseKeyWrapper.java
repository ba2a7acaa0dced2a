package dev.tollgate.adapters.kms;

import dev.tollgate.keys.DataKeyUnwrapper;
import dev.tollgate.keys.LeaseKeyWrapper;
import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;

/**
 * A lease key's private half under a symmetric KMS key: {@code Encrypt} when staff rotate (a P-256
 * PKCS#8 key is far below Encrypt's 4 KiB) and {@code Decrypt} once per key per container, both with
 * {@link LeaseKeyWrapper#CONTEXT}, which the template's IAM conditions require.
 */
public final class KmsLeaseKeyWrapper implements LeaseKeyWrapper {

    private final KmsClient kms;
    private final String keyId;

    public KmsLeaseKeyWrapper(KmsClient kms, String keyId) {
        this.kms = Objects.requireNonNull(kms);
        this.keyId = Objects.requireNonNull(keyId);
    }

    @Override
    public byte[] wrap(byte[] privateKey) {
        return kms.encrypt(r -> r.keyId(keyId).plaintext(SdkBytes.fromByteArray(privateKey)).encryptionContext(CONTEXT))
                .ciphertextBlob().asByteArray();
    }

    @Override
    public byte[] unwrap(byte[] wrapped) {
        Objects.requireNonNull(wrapped, "wrapped");
        try {
            return kms.decrypt(r -> r.keyId(keyId).ciphertextBlob(SdkBytes.fromByteArray(wrapped))
                    .encryptionContext(CONTEXT)).plaintext().asByteArray();
        } catch (InvalidCiphertextException | IncorrectKeyException e) {
            throw new DataKeyUnwrapper.WrongContext("KMS refused the lease key: another encryption context, "
                    + "another key, or an altered ciphertext", e);
        }
    }
}
