package dev.tollgate.lease;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.keys.LeaseSigner;
import dev.tollgate.license.KeyDigest;
import dev.tollgate.license.License;
import dev.tollgate.license.LicenseStatus;
import dev.tollgate.license.Product;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds leases as compact JWS (ES256). The payload names the licence by its digest, never by
 * its key, and no lease outlives the licence it stands for.
 */
public final class LeaseIssuer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    /** At most this many recent leases are kept for reuse; a full map is emptied, and refills at one signature per licence. */
    static final int REUSE_CAPACITY = 10_000;

    private final LeaseSigner signer;
    private final LeasePolicy policy;
    private final Duration reuseWindow;
    private final Map<Facts, Signed> recent = new ConcurrentHashMap<>();

    /** What a lease says, besides its times and id: identical facts may share one signed lease. */
    private record Facts(String keyId, KeyDigest digest, Product product, LicenseStatus status, LocalDate expiresOn) {
    }

    private record Signed(Instant issuedAt, Lease lease) {
    }

    public LeaseIssuer(LeaseSigner signer, LeasePolicy policy) {
        this(signer, policy, Duration.ZERO);
    }

    /**
     * @param reuseWindow how long a lease signed for a licence is handed again to other instances of it
     *     asking with the same facts and no nonce: a fleet restarting at once (one customer's startup
     *     storm) then costs one signature per window instead of one per instance, the signature being
     *     the largest share of validation's CPU after the read. A reused lease is at most this much
     *     older, so it ends at most this much sooner; it never outlives the licence.
     */
    public LeaseIssuer(LeaseSigner signer, LeasePolicy policy, Duration reuseWindow) {
        if (reuseWindow.isNegative()) {
            throw new IllegalArgumentException("the lease reuse window must not be negative");
        }
        this.signer = signer;
        this.policy = policy;
        this.reuseWindow = reuseWindow;
    }

    public Lease issue(License license, Instant now) {
        return issue(license, now, Optional.empty());
    }

    /** A lease whose {@code nonce} claim echoes the client's, when it sent one. */
    public Lease issue(License license, Instant now, Optional<Nonce> nonce) {
        LeaseSigner key = signer.current();
        if (nonce.isPresent() || reuseWindow.isZero()) {
            return sign(key, license, now, nonce);
        }
        Facts facts = new Facts(key.keyId(), license.digest(), license.product(), license.status(), license.expiresOn());
        Signed recentOne = recent.get(facts);
        if (recentOne != null && !now.isBefore(recentOne.issuedAt()) && now.isBefore(recentOne.issuedAt().plus(reuseWindow))) {
            return recentOne.lease();
        }
        Lease lease = sign(key, license, now, nonce);
        if (recent.size() >= REUSE_CAPACITY) {
            recent.clear();
        }
        recent.put(facts, new Signed(now, lease));
        return lease;
    }

    private Lease sign(LeaseSigner key, License license, Instant now, Optional<Nonce> nonce) {
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
