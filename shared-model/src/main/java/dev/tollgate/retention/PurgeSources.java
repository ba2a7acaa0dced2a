package dev.tollgate.retention;

import java.util.Comparator;
import java.util.List;

/** Every category's due records a purge goes through, in the order of {@link PurgeCategory}. */
public record PurgeSources(List<DueItems> all) {

    public PurgeSources {
        all = all.stream().sorted(Comparator.comparing(DueItems::category)).toList();
        if (all.stream().map(DueItems::category).distinct().count() != all.size()) {
            throw new IllegalArgumentException("one source per category");
        }
    }
}
