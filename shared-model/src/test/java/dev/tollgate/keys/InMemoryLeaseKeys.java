package dev.tollgate.keys;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The lease key table in a map, counting reads, able to fail on demand. */
public final class InMemoryLeaseKeys implements LeaseKeys {

    private final Map<String, LeaseKey> rows = new LinkedHashMap<>();
    public final AtomicInteger reads = new AtomicInteger();
    public volatile boolean down;

    @Override
    public synchronized List<LeaseKey> all() {
        reads.incrementAndGet();
        if (down) {
            throw new IllegalStateException("the table is unavailable");
        }
        return new LeaseKeySet(new ArrayList<>(rows.values())).keys();
    }

    @Override
    public synchronized void save(List<LeaseKey> changed) {
        changed.forEach(k -> rows.put(k.keyId(), k));
    }
}
