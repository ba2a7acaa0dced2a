package dev.tollgate.lease;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.keys.VerificationKeys;

/**
 * Verifies a lease the way an installed instance would, with an independent JOSE library
 * (nimbus-jose-jwt) and only the published JWKS: none of Tollgate's signing code is involved.
 */
public final class LeaseVerification {

    private LeaseVerification() {
    }

    public static JWTClaimsSet verify(String token, String jwksJson) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())) {
            throw new AssertionError("lease is not ES256: " + jwt.getHeader().getAlgorithm());
        }
        ECKey key = JWKSet.parse(jwksJson).getKeyByKeyId(jwt.getHeader().getKeyID()).toECKey();
        if (!jwt.verify(new ECDSAVerifier(key))) {
            throw new AssertionError("lease signature does not verify");
        }
        return jwt.getJWTClaimsSet();
    }

    public static String jwksOf(VerificationKeys vault) throws Exception {
        return new ObjectMapper().writeValueAsString(Jwks.of(vault));
    }
}
