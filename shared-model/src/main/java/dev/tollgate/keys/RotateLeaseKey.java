package dev.tollgate.keys;

import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Staff make a new lease signing key: a fresh P-256 pair whose private half is stored only wrapped.
 * It becomes the active key at once and signs once it has propagated; the key it replaces becomes
 * retiring, still published, so no lease in circulation stops verifying.
 */
public final class RotateLeaseKey {

    private final LeaseKeys keys;
    private final LeaseKeyWrapper wrapper;
    private final Clock clock;

    public RotateLeaseKey(LeaseKeys keys, LeaseKeyWrapper wrapper, Clock clock) {
        this.keys = keys;
        this.wrapper = wrapper;
        this.clock = clock;
    }

    public LeaseKey rotate() {
        Instant now = clock.instant();
        KeyPair pair = Es256.newKeyPair();
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        LeaseKey created;
        try {
            created = LeaseKey.active((ECPublicKey) pair.getPublic(), wrapper.wrap(pkcs8), now);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
        List<LeaseKey> changed = new ArrayList<>();
        changed.add(created);
        new LeaseKeySet(keys.all()).keys().stream()
                .filter(k -> k.status() == LeaseKeyStatus.ACTIVE)
                .forEach(previous -> changed.add(previous.withStatus(LeaseKeyStatus.RETIRING, Optional.empty())));
        keys.save(changed);
        return created;
    }
}
