package dev.tollgate.lease;

import dev.tollgate.keys.VerificationKeys;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;

/** The public JWK Set instances verify leases with: every key a lease in circulation may carry. */
public final class Jwks {

    private Jwks() {
    }

    public static Map<String, Object> of(VerificationKeys published) {
        List<Map<String, Object>> keys = published.published().stream().map(key -> {
            EllipticCurveJsonWebKey jwk = new EllipticCurveJsonWebKey(key.publicKey());
            jwk.setKeyId(key.keyId());
            jwk.setUse("sig");
            jwk.setAlgorithm("ES256");
            return jwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        }).toList();
        return Map.of("keys", keys);
    }
}
