package dev.tollgate.keys;

import java.lang.System.Logger.Level;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Signs leases in memory with the key the {@link LeaseKeySet} rule picks. Each private key is
 * unwrapped once per container (one vault call, KMS {@code Decrypt} on AWS) and kept, so a validation
 * costs no KMS call; a per-lease KMS {@code Sign} would put KMS latency and its asymmetric request
 * quota on every startup. The key set is read again every {@code refreshInterval}, by one caller
 * while the others keep signing with what they have, and a read that fails keeps the last good set.
 */
public final class InMemoryLeaseSigner implements LeaseSigner, VerificationKeys {

    private static final System.Logger LOG = System.getLogger(InMemoryLeaseSigner.class.getName());

    private final LeaseKeys store;
    private final LeaseKeyWrapper wrapper;
    private final Clock clock;
    private final Duration refreshInterval;
    private final Duration propagationDelay;
    private final Map<String, PrivateKey> unwrapped = new ConcurrentHashMap<>();
    private final ReentrantLock refreshing = new ReentrantLock();
    private volatile State state;

    /** What the signer uses between refreshes; {@code signing} is null while no key exists. */
    private record State(Instant refreshAt, List<VerificationKey> published, Key signing) {
    }

    /** One key, fixed for one lease. */
    private record Key(String keyId, PrivateKey privateKey) implements LeaseSigner {
        @Override
        public byte[] signEs256(byte[] signingInput) {
            return Es256.sign(privateKey, signingInput);
        }
    }

    /** Reads the key set now, so a wrong table or a key the vault will not open fails the start. */
    public InMemoryLeaseSigner(LeaseKeys store, LeaseKeyWrapper wrapper, Clock clock, Duration refreshInterval,
                               Duration propagationDelay) {
        this.store = Objects.requireNonNull(store);
        this.wrapper = Objects.requireNonNull(wrapper);
        this.clock = Objects.requireNonNull(clock);
        if (refreshInterval.isNegative() || refreshInterval.isZero() || propagationDelay.isNegative()) {
            throw new IllegalArgumentException("the refresh interval must be positive and the propagation delay not negative");
        }
        this.refreshInterval = refreshInterval;
        this.propagationDelay = propagationDelay;
        this.state = load(clock.instant());
    }

    @Override
    public LeaseSigner current() {
        Key signing = fresh().signing;
        if (signing == null) {
            throw new NoSigningKey();
        }
        return signing;
    }

    @Override
    public String keyId() {
        return current().keyId();
    }

    @Override
    public byte[] signEs256(byte[] signingInput) {
        return current().signEs256(signingInput);
    }

    @Override
    public List<VerificationKey> published() {
        return fresh().published;
    }

    private State fresh() {
        State now = state;
        Instant at = clock.instant();
        // With no key yet, every call looks again (staff may just have rotated the first one).
        if ((at.isBefore(now.refreshAt) && now.signing != null) || !refreshing.tryLock()) {
            return now;
        }
        try {
            state = load(at);
        } catch (RuntimeException e) {
            // The keys in hand stay valid: a lease signed with them still verifies. Look again next interval.
            LOG.log(Level.WARNING, "lease keys could not be refreshed; signing with the last set read ({0})",
                    e.getClass().getSimpleName());
            state = new State(at.plus(refreshInterval), now.published, now.signing);
        } finally {
            refreshing.unlock();
        }
        return state;
    }

    private State load(Instant now) {
        LeaseKeySet set = new LeaseKeySet(store.all());
        List<VerificationKey> published = set.published().stream().map(LeaseKey::verificationKey).toList();
        Key signing = set.signing(now, propagationDelay)
                .map(k -> new Key(k.keyId(), unwrapped.computeIfAbsent(k.keyId(), id -> unwrap(k))))
                .orElse(null);
        Instant refreshAt = set.nextSwitch(now, propagationDelay)
                .filter(at -> at.isBefore(now.plus(refreshInterval)))
                .orElse(now.plus(refreshInterval));
        return new State(refreshAt, published, signing);
    }

    private PrivateKey unwrap(LeaseKey key) {
        byte[] pkcs8 = wrapper.unwrap(key.wrappedPrivate());
        try {
            return Es256.privateKeyFromPkcs8(pkcs8);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    /** No lease key exists yet: staff must rotate the first one ({@code POST /v1/admin/signing-keys/rotate}). */
    public static final class NoSigningKey extends IllegalStateException {
        public NoSigningKey() {
            super("no lease signing key exists yet; rotate one first (POST /v1/admin/signing-keys/rotate)");
        }
    }
}
