package dev.tollgate.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.tollgate.retention.MovableClock;
import dev.tollgate.lease.Lease;
import dev.tollgate.lease.LeaseIssuer;
import dev.tollgate.lease.LeasePolicy;
import dev.tollgate.lease.LeaseVerification;
import dev.tollgate.lease.Nonce;
import dev.tollgate.license.KeyDigest;
import dev.tollgate.license.License;
import dev.tollgate.license.LicenseStatus;
import dev.tollgate.license.Product;
import dev.tollgate.outcome.Refusal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LeaseKeyRotationTest {

    static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    static final Duration REFRESH = Duration.ofMinutes(5);
    static final Duration PROPAGATION = Duration.ofHours(2);

    final MovableClock clock = new MovableClock(T0);
    final InMemoryLeaseKeys table = new InMemoryLeaseKeys();
    final CountingWrapper vault = new CountingWrapper(KeyRing.generate());
    final RotateLeaseKey rotate = new RotateLeaseKey(table, vault, clock);
    final RetireLeaseKey retire = new RetireLeaseKey(table, clock, PROPAGATION);

    InMemoryLeaseSigner signer() {
        return new InMemoryLeaseSigner(table, vault, clock, REFRESH, PROPAGATION);
    }

    LeaseIssuer issuer(InMemoryLeaseSigner signer) {
        return new LeaseIssuer(signer, new LeasePolicy("tollgate", Duration.ofHours(24), Duration.ofDays(7)));
    }

    static License license() {
        return new License(new KeyDigest("c".repeat(64)), "X2M9", dev.tollgate.license.Licenses.TENANT, "Acme",
                new Product("zendesk-mcp"), LicenseStatus.ACTIVE, LocalDate.parse("2028-01-01"), T0, T0);
    }

    JWTClaimsSet verify(Lease lease, InMemoryLeaseSigner signer) throws Exception {
        return LeaseVerification.verify(lease.token(), LeaseVerification.jwksOf(signer));
    }

    @Test
    void theFirstKeySignsAtOnceAndIsUnwrappedOncePerContainer() throws Exception {
        LeaseKey first = rotate.rotate();
        InMemoryLeaseSigner signer = signer();
        LeaseIssuer issuer = issuer(signer);
        for (int i = 0; i < 100; i++) {
            clock.advance(Duration.ofMinutes(1));
            verify(issuer.issue(license(), clock.instant()), signer);
        }
        assertEquals(first.keyId(), signer.current().keyId());
        assertEquals(1, vault.unwraps.get(), "one unwrap for a hundred leases");
        assertTrue(table.reads.get() <= 1 + 100 / 5 + 1, "the key set is read once per refresh interval, not per lease");
    }

    @Test
    void theStoredPrivateHalfIsWrappedAndOpensOnlyUnderTheLeaseSigningContext() {
        LeaseKey key = rotate.rotate();
        KeyRing ring = vault.ring;
        byte[] pkcs8 = ring.unwrap(key.wrappedPrivate());
        assertEquals(key.keyId(), VerificationKey.of(key.verificationKey().publicKey()).keyId());
        assertNotEquals(new String(pkcs8), new String(key.wrappedPrivate()));
        byte[] otherPurpose = ring.generateDataKey(Map.of(LeaseKeyWrapper.PURPOSE_KEY, "integration-credential")).wrapped();
        assertThrows(DataKeyUnwrapper.WrongContext.class, () -> ring.unwrap(otherPurpose));
        assertThrows(DataKeyUnwrapper.WrongContext.class,
                () -> KeyRing.generate().unwrap(key.wrappedPrivate()), "another key ring's key does not open it");
    }

    @Test
    void aRotatedKeySignsOnlyAfterThePropagationDelayAndTheOldOneKeepsVerifyingUntilRetired() throws Exception {
        LeaseKey first = rotate.rotate();
        InMemoryLeaseSigner signer = signer();
        LeaseIssuer issuer = issuer(signer);
        Lease old = issuer.issue(license(), clock.instant());

        clock.advance(Duration.ofDays(1));
        LeaseKey second = rotate.rotate();
        clock.advance(REFRESH);
        assertEquals(2, signer.published().size(), "both keys are published as soon as the set is read again");
        assertEquals(first.keyId(), signer.current().keyId(), "the new key waits for JWKS caches");
        verify(old, signer);

        clock.advance(PROPAGATION);
        assertEquals(second.keyId(), signer.current().keyId());
        Lease fresh = issuer.issue(license(), clock.instant());
        verify(fresh, signer);
        verify(old, signer);

        retire.retire(first.keyId());
        clock.advance(REFRESH);
        assertEquals(1, signer.published().size());
        verify(fresh, signer);
        assertThrows(Exception.class, () -> verify(old, signer), "a retired key's leases stop verifying");
    }

    @Test
    void theActiveKeyAndAKeyStillSigningCannotBeRetired() {
        LeaseKey first = rotate.rotate();
        Refusal active = assertThrows(Refusal.class, () -> retire.retire(first.keyId()));
        assertEquals(Refusal.Kind.CONFLICT, active.kind());
        assertEquals("ACTIVE_LEASE_KEY", active.code());

        clock.advance(Duration.ofSeconds(1));
        LeaseKey second = rotate.rotate();
        Refusal signing = assertThrows(Refusal.class, () -> retire.retire(first.keyId()));
        assertEquals("SIGNING_LEASE_KEY", signing.code());
        assertEquals(Refusal.Kind.NOT_FOUND, assertThrows(Refusal.class, () -> retire.retire("nope")).kind());

        clock.advance(PROPAGATION);
        assertEquals(LeaseKeyStatus.RETIRED, retire.retire(first.keyId()).status());
        assertEquals(LeaseKeyStatus.ACTIVE, new LeaseKeySet(table.all()).find(second.keyId()).orElseThrow().status());
    }

    @Test
    void withNoKeyYetSigningIsRefusedAndTheFirstRotationIsPickedUpAtOnce() throws Exception {
        InMemoryLeaseSigner signer = signer();
        assertThrows(InMemoryLeaseSigner.NoSigningKey.class, signer::current);
        assertTrue(signer.published().isEmpty());
        rotate.rotate();
        verify(issuer(signer).issue(license(), clock.instant()), signer);
    }

    @Test
    void aFailedRefreshKeepsSigningWithTheLastKeysRead() throws Exception {
        rotate.rotate();
        InMemoryLeaseSigner signer = signer();
        table.down = true;
        clock.advance(REFRESH.multipliedBy(3));
        verify(issuer(signer).issue(license(), clock.instant()), signer);
    }

    @Test
    void theNonceIsEchoedAsAClaimAndAbsentWhenNotSent() throws Exception {
        rotate.rotate();
        InMemoryLeaseSigner signer = signer();
        LeaseIssuer issuer = issuer(signer);
        JWTClaimsSet with = verify(issuer.issue(license(), T0, Optional.of(new Nonce("n-0123_abcXYZ"))), signer);
        assertEquals("n-0123_abcXYZ", with.getStringClaim("nonce"));
        assertNull(verify(issuer.issue(license(), T0), signer).getClaim("nonce"));
        for (String bad : new String[] {"", "a".repeat(65), "has space", "dot.", "ü", "a/b"}) {
            assertFalse(Nonce.isValid(bad), bad);
            assertThrows(IllegalArgumentException.class, () -> new Nonce(bad));
        }
        assertTrue(Nonce.isValid("a".repeat(64)));
    }

    static final class CountingWrapper implements LeaseKeyWrapper {
        final KeyRing ring;
        final AtomicInteger unwraps = new AtomicInteger();

        CountingWrapper(KeyRing ring) {
            this.ring = ring;
        }

        @Override
        public byte[] wrap(byte[] privateKey) {
            return ring.wrap(privateKey);
        }

        @Override
        public byte[] unwrap(byte[] wrapped) {
            unwraps.incrementAndGet();
            return ring.unwrap(wrapped);
        }
    }
}
