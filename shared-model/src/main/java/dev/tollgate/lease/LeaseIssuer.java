package dev.tollgate.lease;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.keys.LeaseSigner;
import dev.tollgate.license.License;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds leases as compact JWS (ES256). The payload names the licence by its digest, never by
 * its key, and no lease outlives the licence it stands for.
 */
public final class LeaseIssuer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final LeaseSigner signer;
    private final LeasePolicy policy;

    public LeaseIssuer(LeaseSigner signer, LeasePolicy policy) {
        this.signer = signer;
        this.policy = policy;
    }

    public Lease issue(License license, Instant now) {
        return issue(license, now, Optional.empty());
    }

    /** A lease whose {@code nonce} claim echoes the client's, when it sent one. */
    public Lease issue(License license, Instant now, Optional<Nonce> nonce) {
        LeaseSigner key = signer.current();
        Instant end = license.endsAt();
        Instant expiresAt = earliest(now.plus(policy.ttl()), end);
        Instant graceUntil = earliest(now.plus(policy.grace()), end);

        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "ES256");
        header.put("typ", "JWT");
        header.put("kid", key.keyId());

        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", policy.issuer());
        claims.put("sub", license.digest().hex());
        claims.put("jti", jti());
        claims.put("product", license.product().id());
        claims.put("status", license.status().wire());
        claims.put("licenseExpiresOn", license.expiresOn().toString());
        claims.put("iat", now.getEpochSecond());
        claims.put("leaseExpiresAt", expiresAt.getEpochSecond());
        claims.put("graceUntil", graceUntil.getEpochSecond());
        claims.put("exp", graceUntil.getEpochSecond());
        nonce.ifPresent(n -> claims.put("nonce", n.value()));

        String signingInput = encode(header) + "." + encode(claims);
        byte[] signature = key.signEs256(signingInput.getBytes(StandardCharsets.US_ASCII));
        return new Lease(signingInput + "." + B64URL.encodeToString(signature), expiresAt, graceUntil);
    }

    /** Uniqueness, not secrecy (the signature protects the lease): no SecureRandom lock on the hot path. */
    private static String jti() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static String encode(Map<String, Object> json) {
        try {
            return B64URL.encodeToString(JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
