package dev.tollgate.retention;

import dev.tollgate.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A test double for one category's records, ordered by retention start as the adapters' indexes
 * are; a position is the last key read. It counts every delete per record, and can fail chosen ones.
 */
public final class InMemoryDueItems implements DueItems {

    private final PurgeCategory category;
    /** "start epoch (zero-padded)|ref" -> the record's owner. */
    private final TreeMap<String, Optional<TenantId>> records = new TreeMap<>();
    public final Map<String, Integer> deletes = new HashMap<>();
    public final Set<String> failing = new HashSet<>();

    public InMemoryDueItems(PurgeCategory category) {
        this.category = category;
    }

    public void add(String ref, Instant retentionStart, Optional<TenantId> owner) {
        records.put(key(retentionStart, ref), owner);
    }

    public Set<String> remaining() {
        Set<String> refs = new HashSet<>();
        records.keySet().forEach(k -> refs.add(k.substring(k.indexOf('|') + 1)));
        return refs;
    }

    @Override
    public PurgeCategory category() {
        return category;
    }

    @Override
    public String startAt(Instant since) {
        return key(since, "");
    }

    @Override
    public Page due(String position, Instant cutoff, int limit) {
        List<DueItem> found = new ArrayList<>();
        String last = position;
        for (Map.Entry<String, Optional<TenantId>> e : records.tailMap(position, false).entrySet()) {
            if (e.getKey().compareTo(key(cutoff, "~")) > 0) {
                break;
            }
            String ref = e.getKey().substring(e.getKey().indexOf('|') + 1);
            found.add(e.getValue().map(t -> DueItem.ofTenant(ref, t)).orElseGet(() -> DueItem.unowned(ref)));
            last = e.getKey();
            if (found.size() == limit) {
                return new Page(found, last, false);
            }
        }
        return new Page(found, key(cutoff, ""), true);
    }

    @Override
    public Deletion delete(List<DueItem> items, Instant cutoff) {
        int deleted = 0;
        List<DueItem> failed = new ArrayList<>();
        for (DueItem item : items) {
            deletes.merge(item.ref(), 1, Integer::sum);
            if (failing.contains(item.ref())) {
                failed.add(item);
            } else if (records.keySet().removeIf(k -> k.endsWith("|" + item.ref()))) {
                deleted++;
            }
        }
        return new Deletion(deleted, items.size() - deleted - failed.size(), failed);
    }

    private static String key(Instant start, String ref) {
        return String.format("%015d|%s", start.getEpochSecond(), ref);
    }
}
