package dev.tollgate.adapters.kms;

import dev.tollgate.keys.Es256;
import dev.tollgate.keys.VerificationKey;
import dev.tollgate.keys.VerificationKeys;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kms.KmsClient;

/** The public halves of the KMS lease keys, current first, fetched once when the function starts. */
public final class KmsVerificationKeys implements VerificationKeys {

    private final List<VerificationKey> keys;

    private KmsVerificationKeys(List<VerificationKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /** One {@code GetPublicKey} per key; a key that is not an ECC_NIST_P256 key is refused here. */
    public static KmsVerificationKeys load(KmsClient kms, String currentKeyId, List<String> retiredKeyIds) {
        List<VerificationKey> loaded = new ArrayList<>();
        loaded.add(publicKey(kms, currentKeyId));
        retiredKeyIds.forEach(id -> loaded.add(publicKey(kms, id)));
        return new KmsVerificationKeys(loaded);
    }

    private static VerificationKey publicKey(KmsClient kms, String keyId) {
        byte[] spki = kms.getPublicKey(r -> r.keyId(keyId)).publicKey().asByteArray();
        return VerificationKey.of(Es256.publicKeyFromX509(spki));
    }

    @Override
    public List<VerificationKey> published() {
        return keys;
    }

    VerificationKey current() {
        return keys.get(0);
    }
}
