package dev.tollgate.retention;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A test double for the purge-reports table; the DynamoDB adapter has its own tests. */
public final class InMemoryPurgeReports implements PurgeReports {

    public final List<PurgeReport> saved = new ArrayList<>();
    public final Map<PurgeCategory, String> checkpoints = new EnumMap<>(PurgeCategory.class);

    @Override
    public void save(PurgeReport report) {
        saved.add(report);
    }

    @Override
    public Optional<String> checkpoint(PurgeCategory category) {
        return Optional.ofNullable(checkpoints.get(category));
    }

    @Override
    public void checkpoint(PurgeCategory category, String position) {
        checkpoints.put(category, position);
    }
}
