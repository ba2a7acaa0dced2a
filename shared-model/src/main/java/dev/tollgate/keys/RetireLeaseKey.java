package dev.tollgate.keys;

import dev.tollgate.outcome.Refusal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Staff withdraw a lease key from the JWKS, after which the leases it signed stop verifying. Refused
 * for the active key and for the key still signing while its successor propagates: retiring either
 * would leave leases signed with a key nobody publishes.
 */
public final class RetireLeaseKey {

    private final LeaseKeys keys;
    private final Clock clock;
    private final Duration propagationDelay;

    public RetireLeaseKey(LeaseKeys keys, Clock clock, Duration propagationDelay) {
        this.keys = keys;
        this.clock = clock;
        this.propagationDelay = propagationDelay;
    }

    public LeaseKey retire(String keyId) {
        Instant now = clock.instant();
        LeaseKeySet set = new LeaseKeySet(keys.all());
        LeaseKey key = set.find(keyId)
                .orElseThrow(() -> Refusal.notFound("LEASE_KEY_NOT_FOUND", "no lease signing key has this kid"));
        if (key.status() == LeaseKeyStatus.RETIRED) {
            return key;
        }
        if (key.status() == LeaseKeyStatus.ACTIVE) {
            throw Refusal.conflict("ACTIVE_LEASE_KEY", "the active lease signing key cannot be retired; rotate first");
        }
        if (set.signing(now, propagationDelay).map(k -> k.keyId().equals(keyId)).orElse(false)) {
            throw Refusal.conflict("SIGNING_LEASE_KEY", "this key still signs leases until its successor has propagated, at "
                    + set.active().map(a -> a.createdAt().plus(propagationDelay)).map(Instant::toString).orElse("?"));
        }
        LeaseKey retired = key.withStatus(LeaseKeyStatus.RETIRED, Optional.of(now));
        keys.save(List.of(retired));
        return retired;
    }
}
