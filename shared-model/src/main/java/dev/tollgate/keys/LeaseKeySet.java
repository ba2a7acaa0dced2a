package dev.tollgate.keys;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The lease keys at one moment, and the rule for which of them signs. A newly rotated key signs only
 * once {@code propagationDelay} has passed since it was created, so every JWKS cache (an hour at most)
 * has seen it before a lease carries its kid; until then its predecessor keeps signing. The first key
 * ever signs at once: no lease is in circulation that a cache could be verifying.
 */
public record LeaseKeySet(List<LeaseKey> keys) {

    private static final Comparator<LeaseKey> NEWEST_FIRST =
            Comparator.comparing(LeaseKey::createdAt).reversed().thenComparing(LeaseKey::keyId);

    public LeaseKeySet {
        keys = keys.stream().sorted(NEWEST_FIRST).toList();
    }

    /** Every key not retired, newest first: what the JWKS publishes. */
    public List<LeaseKey> published() {
        return keys.stream().filter(LeaseKey::published).toList();
    }

    public Optional<LeaseKey> active() {
        return keys.stream().filter(k -> k.status() == LeaseKeyStatus.ACTIVE).findFirst();
    }

    public Optional<LeaseKey> find(String keyId) {
        return keys.stream().filter(k -> k.keyId().equals(keyId)).findFirst();
    }

    /**
     * The key that signs at {@code now}: the newest published key that has propagated, else the oldest
     * published (the one JWKS caches have had longest; the only one, for the first key ever).
     */
    public Optional<LeaseKey> signing(Instant now, Duration propagationDelay) {
        List<LeaseKey> published = published();
        return published.stream()
                .filter(k -> !k.createdAt().plus(propagationDelay).isAfter(now))
                .findFirst()
                .or(() -> published.isEmpty() ? Optional.empty() : Optional.of(published.get(published.size() - 1)));
    }

    /** When a key still waiting to propagate starts signing, if one is waiting. */
    public Optional<Instant> nextSwitch(Instant now, Duration propagationDelay) {
        return published().stream()
                .map(k -> k.createdAt().plus(propagationDelay))
                .filter(at -> at.isAfter(now))
                .min(Comparator.naturalOrder());
    }
}
