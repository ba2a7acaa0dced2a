package dev.tollgate.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.tollgate.keys.KeyRing;
import dev.tollgate.license.KeyDigest;
import dev.tollgate.license.License;
import dev.tollgate.license.LicenseStatus;
import dev.tollgate.license.Product;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import org.junit.jupiter.api.Test;

class LeaseIssuerTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    static License license(LocalDate expiresOn) {
        return new License(new KeyDigest("b".repeat(64)), "X2M9", dev.tollgate.license.Licenses.TENANT, "Acme", new Product("zendesk-mcp"), LicenseStatus.ACTIVE,
                expiresOn, NOW, NOW);
    }

    @Test
    void aLeaseVerifiesWithAnIndependentLibraryAndCarriesTheDeclaredClaims() throws Exception {
        KeyRing vault = KeyRing.generate();
        LeaseIssuer issuer = new LeaseIssuer(vault, new LeasePolicy("tollgate", Duration.ofHours(24), Duration.ofDays(7)));
        Lease lease = issuer.issue(license(LocalDate.parse("2027-11-23")), NOW);

        JWTClaimsSet claims = LeaseVerification.verify(lease.token(), LeaseVerification.jwksOf(vault));
        assertEquals("tollgate", claims.getIssuer());
        assertEquals("b".repeat(64), claims.getSubject());
        assertEquals("zendesk-mcp", claims.getStringClaim("product"));
        assertEquals("active", claims.getStringClaim("status"));
        assertEquals("2027-11-23", claims.getStringClaim("licenseExpiresOn"));
        assertEquals(Date.from(NOW), claims.getIssueTime());
        assertEquals(NOW.plus(Duration.ofHours(24)).getEpochSecond(), claims.getLongClaim("leaseExpiresAt"));
        assertEquals(NOW.plus(Duration.ofDays(7)).getEpochSecond(), claims.getLongClaim("graceUntil"));
        assertEquals(Date.from(NOW.plus(Duration.ofDays(7))), claims.getExpirationTime());
    }

    @Test
    void noLeaseOutlivesItsLicence() throws Exception {
        KeyRing vault = KeyRing.generate();
        Lease lease = new LeaseIssuer(vault, new LeasePolicy("tollgate", Duration.ofHours(24), Duration.ofDays(7)))
                .issue(license(LocalDate.parse("2026-11-25")), NOW);
        Instant licenceEnd = Instant.parse("2026-11-26T00:00:00Z");
        assertEquals(NOW.plus(Duration.ofHours(24)), lease.expiresAt());
        assertEquals(licenceEnd, lease.graceUntil());
    }

    @Test
    void aTamperedLeaseOrAnotherVaultsKeyFailsVerification() throws Exception {
        KeyRing vault = KeyRing.generate();
        Lease lease = new LeaseIssuer(vault, new LeasePolicy("tollgate", Duration.ofHours(1), Duration.ofHours(1)))
                .issue(license(LocalDate.parse("2027-01-01")), NOW);
        String[] parts = lease.token().split("\\.");
        String forgedPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("active", "ACTIVE").getBytes());
        String tampered = parts[0] + "." + forgedPayload + "." + parts[2];
        assertThrows(AssertionError.class, () -> LeaseVerification.verify(tampered, LeaseVerification.jwksOf(vault)));

        KeyRing other = KeyRing.generate();
        String otherJwks = LeaseVerification.jwksOf(other);
        assertFalse(otherJwks.contains(vault.keyId()));
    }

    /**
     * A licence ending three hours from now: the lease's next-check time, its grace and the token's
     * exp all stop at the licence's end, checked on the token by an independent library (nimbus).
     */
    @Test
    void aLicenceEndingInThreeHoursBoundsTheLeaseTheGraceAndTheTokensExpiry() throws Exception {
        Instant now = Instant.parse("2026-11-23T21:00:00Z");
        Instant licenceEnd = Instant.parse("2026-11-24T00:00:00Z");
        KeyRing keys = KeyRing.generate();
        Lease lease = new LeaseIssuer(keys, new LeasePolicy("tollgate", Duration.ofHours(24), Duration.ofDays(7)))
                .issue(license(LocalDate.parse("2026-11-23")), now);

        assertEquals(licenceEnd, lease.expiresAt());
        assertEquals(licenceEnd, lease.graceUntil());
        JWTClaimsSet claims = LeaseVerification.verify(lease.token(), LeaseVerification.jwksOf(keys));
        assertEquals(licenceEnd.getEpochSecond(), claims.getLongClaim("leaseExpiresAt"));
        assertEquals(licenceEnd.getEpochSecond(), claims.getLongClaim("graceUntil"));
        assertEquals(Date.from(licenceEnd), claims.getExpirationTime());
    }

    @Test
    void aGraceShorterThanTheLeaseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LeasePolicy("tollgate", Duration.ofHours(24), Duration.ofHours(23)));
        assertThrows(IllegalArgumentException.class, () -> new LeasePolicy("tollgate", Duration.ZERO, Duration.ofHours(1)));
        new LeasePolicy("tollgate", Duration.ofHours(24), Duration.ofHours(24));
    }

    @Test
    void oneLicencesStormSharesOneLeaseWithinTheReuseWindowAndNothingElseDoes() throws Exception {
        KeyRing vault = KeyRing.generate();
        LeaseIssuer issuer = new LeaseIssuer(vault, new LeasePolicy("tollgate", Duration.ofHours(12), Duration.ofDays(3)),
                Duration.ofSeconds(60));
        License licence = license(LocalDate.parse("2027-11-23"));
        Lease first = issuer.issue(licence, NOW);

        assertEquals(first, issuer.issue(licence, NOW.plusSeconds(59)), "the same facts within the window: the same lease");
        assertFalse(first.equals(issuer.issue(licence, NOW.plusSeconds(60))), "the window has passed: a fresh lease");
        License suspended = new License(licence.digest(), licence.keySuffix(), licence.tenantId(), licence.tenantName(),
                licence.product(), LicenseStatus.SUSPENDED, licence.expiresOn(), NOW, NOW);
        assertEquals("suspended", LeaseVerification.verify(issuer.issue(suspended, NOW.plusSeconds(61)).token(),
                LeaseVerification.jwksOf(vault)).getStringClaim("status"), "other facts: their own lease");
        Lease withNonce = issuer.issue(licence, NOW.plusSeconds(61), java.util.Optional.of(new Nonce("abc")));
        assertEquals("abc", LeaseVerification.verify(withNonce.token(), LeaseVerification.jwksOf(vault)).getStringClaim("nonce"),
                "a nonce is this request's alone: never reused, never reusing");
        assertFalse(withNonce.equals(issuer.issue(licence, NOW.plusSeconds(61), java.util.Optional.of(new Nonce("abc")))));

        LeaseIssuer noReuse = new LeaseIssuer(vault, new LeasePolicy("tollgate", Duration.ofHours(12), Duration.ofDays(3)));
        assertFalse(noReuse.issue(licence, NOW).equals(noReuse.issue(licence, NOW)), "no window: every lease is signed");
        assertThrows(IllegalArgumentException.class, () -> new LeaseIssuer(vault,
                new LeasePolicy("tollgate", Duration.ofHours(12), Duration.ofDays(3)), Duration.ofSeconds(-1)));
    }
}
