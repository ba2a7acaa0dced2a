package dev.tollgate.adapters.kms;

import dev.tollgate.keys.Es256;
import dev.tollgate.keys.LeaseSigner;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/** Each lease signed by KMS {@code Sign}: the private key never leaves KMS. */
public final class KmsLeaseSigner implements LeaseSigner {

    private final KmsClient kms;
    private final String keyArn;
    private final String keyId;

    /** @param keyId the JWK thumbprint of the key's public half, as published */
    public KmsLeaseSigner(KmsClient kms, String keyArn, String keyId) {
        this.kms = kms;
        this.keyArn = keyArn;
        this.keyId = keyId;
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public byte[] signEs256(byte[] signingInput) {
        byte[] der = kms.sign(r -> r.keyId(keyArn)
                .message(SdkBytes.fromByteArray(signingInput))
                .messageType(MessageType.RAW)
                .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)).signature().asByteArray();
        return Es256.derToJose(der);
    }
}
