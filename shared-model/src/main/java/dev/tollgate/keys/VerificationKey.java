package dev.tollgate.keys;

import java.security.interfaces.ECPublicKey;
import java.util.Objects;
import org.jose4j.jwk.EllipticCurveJsonWebKey;

/** A P-256 public key and its {@code kid}: the RFC 7638 thumbprint, so it is stable wherever the key lives. */
public record VerificationKey(String keyId, ECPublicKey publicKey) {

    public VerificationKey {
        Objects.requireNonNull(keyId);
        Objects.requireNonNull(publicKey);
    }

    public static VerificationKey of(ECPublicKey publicKey) {
        return new VerificationKey(
                new EllipticCurveJsonWebKey(publicKey).calculateBase64urlEncodedThumbprint("SHA-256"), publicKey);
    }
}
