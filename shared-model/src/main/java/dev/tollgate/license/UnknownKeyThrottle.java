package dev.tollgate.license;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A token bucket per client (source address) for keys that turn out to be unknown. Only a
 * NOT_FOUND answer takes a token, so an instance with a real key is never limited, however many
 * random keys arrive from its address: known keys keep their answers through a flood. A client
 * whose bucket is empty gets a 429 instead of NOT_FOUND, and its startup is not handed to the trail,
 * so a flood costs a read each but neither a queue message nor a trail entry.
 *
 * <p>Memory is bounded: at most {@code maxClients} buckets. A full bucket says nothing a new one
 * would not, so full ones are dropped when room is needed; when every bucket is in use (a flood from
 * more addresses than that), the newcomers share one overflow bucket, which a many-address flood
 * empties at once. Per container: on Lambda, each container counts for itself.
 */
public final class UnknownKeyThrottle {

    /** No limit: for callers that name no client (priming, tests of other concerns). */
    public static final Budget UNLIMITED = new Budget(null, null);

    private final int burst;
    private final long nanosPerToken;
    private final int maxClients;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Bucket overflow;
    private final AtomicLong lastPrune = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong refused = new AtomicLong();

    /**
     * @param burst      unknown keys a client may send at once
     * @param perMinute  the rate its bucket refills at
     * @param maxClients buckets kept at most
     */
    public UnknownKeyThrottle(int burst, int perMinute, int maxClients, LongSupplier nanoTime) {
        if (burst < 1 || perMinute < 1 || maxClients < 1) {
            throw new IllegalArgumentException("burst, rate and client count must be positive");
        }
        this.burst = burst;
        this.nanosPerToken = Duration.ofMinutes(1).toNanos() / perMinute;
        this.maxClients = maxClients;
        this.nanoTime = Objects.requireNonNull(nanoTime);
        this.overflow = new Bucket(burst, nanoTime.getAsLong());
    }

    /** The budget of one request from {@code client}; a blank client is one more address, {@code "unknown"}. */
    public Budget budgetFor(String client) {
        String name = client == null || client.isBlank() ? "unknown" : client;
        return new Budget(this, bucketOf(name));
    }

    /** Unknown keys refused so far. */
    public long refused() {
        return refused.get();
    }

    /** Buckets held now (for tests and benchmarks). */
    public int clients() {
        return buckets.size();
    }

    private Bucket bucketOf(String client) {
        Bucket bucket = buckets.get(client);
        if (bucket != null) {
            return bucket;
        }
        long now = nanoTime.getAsLong();
        if (buckets.size() >= maxClients) {
            pruneFull(now);
            if (buckets.size() >= maxClients) {
                return overflow;
            }
        }
        return buckets.computeIfAbsent(client, c -> new Bucket(burst, now));
    }

    /** At most once per token interval: a bucket that has refilled completely can go. */
    private void pruneFull(long now) {
        long last = lastPrune.get();
        if (last != Long.MIN_VALUE && now - last < nanosPerToken) {
            return;
        }
        if (lastPrune.compareAndSet(last, now)) {
            buckets.values().removeIf(b -> b.isFull(now, burst, nanosPerToken));
        }
    }

    /** One request's view of its client's bucket: take at most once, then read the figures for the answer's headers. */
    public static final class Budget {

        private final UnknownKeyThrottle throttle;
        private final Bucket bucket;
        private volatile boolean refusedHere;
        private volatile long remaining = -1;
        private volatile long nanosToNext;
        private volatile long nanosToFull;

        private Budget(UnknownKeyThrottle throttle, Bucket bucket) {
            this.throttle = throttle;
            this.bucket = bucket;
        }

        /** Takes a token for an unknown key; false when the client has none left. */
        public boolean tryTake() {
            if (throttle == null) {
                return true;
            }
            long now = throttle.nanoTime.getAsLong();
            synchronized (bucket) {
                bucket.refill(now, throttle.burst, throttle.nanosPerToken);
                boolean taken = bucket.tokens >= 1;
                if (taken) {
                    bucket.tokens--;
                }
                remaining = bucket.tokens;
                nanosToNext = bucket.tokens >= 1 ? 0 : bucket.nanosToNextToken(now, throttle.nanosPerToken);
                nanosToFull = bucket.nanosToFull(now, throttle.burst, throttle.nanosPerToken);
                refusedHere = !taken;
            }
            if (refusedHere) {
                throttle.refused.incrementAndGet();
            }
            return !refusedHere;
        }

        /** Whether a limit applied to this request (a token was asked for). */
        public boolean applied() {
            return remaining >= 0;
        }

        public boolean refused() {
            return refusedHere;
        }

        public int limit() {
            return throttle == null ? 0 : throttle.burst;
        }

        public long remaining() {
            return Math.max(remaining, 0);
        }

        /** Whole seconds until the next token (for Retry-After), at least 1 when refused. */
        public long retryAfterSeconds() {
            return Math.max(1, ceilSeconds(nanosToNext));
        }

        /** Whole seconds until the bucket is full again (RateLimit-Reset). */
        public long resetSeconds() {
            return ceilSeconds(nanosToFull);
        }

        private static long ceilSeconds(long nanos) {
            return (nanos + 999_999_999L) / 1_000_000_000L;
        }
    }

    /** Tokens are counted whole; the refill keeps the nanoseconds of a token in progress. */
    private static final class Bucket {
        private long tokens;
        private long stamp;

        Bucket(int burst, long now) {
            this.tokens = burst;
            this.stamp = now;
        }

        void refill(long now, int burst, long nanosPerToken) {
            if (tokens >= burst) {
                stamp = now;
                return;
            }
            long earned = (now - stamp) / nanosPerToken;
            if (earned > 0) {
                tokens = Math.min(burst, tokens + earned);
                stamp = tokens >= burst ? now : stamp + earned * nanosPerToken;
            }
        }

        long nanosToNextToken(long now, long nanosPerToken) {
            return Math.max(0, stamp + nanosPerToken - now);
        }

        long nanosToFull(long now, int burst, long nanosPerToken) {
            if (tokens >= burst) {
                return 0;
            }
            return Math.max(0, stamp + (burst - tokens) * nanosPerToken - now);
        }

        synchronized boolean isFull(long now, int burst, long nanosPerToken) {
            return tokens + (now - stamp) / nanosPerToken >= burst;
        }
    }
}
