package dev.tollgate.keys;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import org.jose4j.jws.EcdsaUsingShaAlgorithm;

/** The ES256 details both vaults share: JCA and KMS speak DER, JOSE wants r || s. */
public final class Es256 {

    /** Two 32-byte integers for P-256. */
    public static final int JOSE_SIGNATURE_LENGTH = 64;

    private Es256() {
    }

    public static byte[] derToJose(byte[] der) {
        try {
            return EcdsaUsingShaAlgorithm.convertDerToConcatenated(der, JOSE_SIGNATURE_LENGTH);
        } catch (IOException e) {
            throw new IllegalStateException("the signer returned a signature that is not DER", e);
        }
    }

    public static ECPublicKey publicKeyFromX509(byte[] subjectPublicKeyInfo) {
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC")
                    .generatePublic(new X509EncodedKeySpec(subjectPublicKeyInfo));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException("not a P-256 public key", e);
        }
    }
}
