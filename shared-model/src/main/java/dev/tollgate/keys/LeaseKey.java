package dev.tollgate.keys;

import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * A lease signing key as stored: its public half in the clear (as a JWK) and its private half only
 * wrapped by a {@link LeaseKeyWrapper}. The key id is the public key's RFC 7638 thumbprint.
 */
public record LeaseKey(String keyId, String publicJwk, byte[] wrappedPrivate, LeaseKeyStatus status,
                       Instant createdAt, Optional<Instant> retiredAt) {

    public LeaseKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(publicJwk, "publicJwk");
        Objects.requireNonNull(wrappedPrivate, "wrappedPrivate");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(retiredAt, "retiredAt");
        if (wrappedPrivate.length == 0) {
            throw new IllegalArgumentException("a lease key's wrapped private half is empty");
        }
    }

    /** A new key, active from {@code now}. */
    public static LeaseKey active(ECPublicKey publicKey, byte[] wrappedPrivate, Instant now) {
        VerificationKey verification = VerificationKey.of(publicKey);
        String jwk = new EllipticCurveJsonWebKey(publicKey).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        return new LeaseKey(verification.keyId(), jwk, wrappedPrivate, LeaseKeyStatus.ACTIVE, now, Optional.empty());
    }

    public LeaseKey withStatus(LeaseKeyStatus next, Optional<Instant> retired) {
        return new LeaseKey(keyId, publicJwk, wrappedPrivate, next, createdAt, retired);
    }

    public boolean published() {
        return status != LeaseKeyStatus.RETIRED;
    }

    /**
     * The public half, checked against the key id: a row whose JWK does not hash to its kid is refused
     * rather than published.
     */
    public VerificationKey verificationKey() {
        try {
            ECPublicKey key = (ECPublicKey) ((EllipticCurveJsonWebKey) JsonWebKey.Factory.newJwk(publicJwk)).getKey();
            VerificationKey verification = VerificationKey.of(key);
            if (!verification.keyId().equals(keyId)) {
                throw new IllegalStateException("lease key " + keyId + " holds a public key with another thumbprint");
            }
            return verification;
        } catch (JoseException | ClassCastException e) {
            throw new IllegalStateException("lease key " + keyId + " holds no P-256 public JWK", e);
        }
    }

    /** Never the wrapped bytes: they are still a private key's, if only under KMS. */
    @Override
    public String toString() {
        return "LeaseKey[" + keyId + ", " + status.wire() + ", created " + createdAt + "]";
    }
}
