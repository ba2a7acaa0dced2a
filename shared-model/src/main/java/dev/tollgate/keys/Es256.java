package dev.tollgate.keys;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import org.jose4j.jws.EcdsaUsingShaAlgorithm;

/** The ES256 details every signer shares: JCA and KMS speak DER, JOSE wants r || s. */
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

    /** A new P-256 key pair. */
    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 is unavailable", e);
        }
    }

    /** ES256 with a private P-256 key held in memory, in JOSE form. */
    public static byte[] sign(PrivateKey key, byte[] signingInput) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(key);
            signature.update(signingInput);
            return derToJose(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ES256 signing failed", e);
        }
    }

    public static PrivateKey privateKeyFromPkcs8(byte[] pkcs8) {
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("not a P-256 private key", e);
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
