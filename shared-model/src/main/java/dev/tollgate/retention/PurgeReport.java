package dev.tollgate.retention;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one purge run did: per category, the cutoff and the counts. Counts and times only, never a
 * key, a name or a record's contents, so the report can be stored for a year and logged whole.
 *
 * @param complete false when the run stopped before the Lambda deadline; the next run resumes where it stopped
 */
public record PurgeReport(String id, Instant startedAt, Instant endedAt, boolean dryRun, boolean complete,
                          List<Category> categories) {

    public PurgeReport {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        categories = List.copyOf(categories);
    }

    /**
     * @param found          due records read
     * @param deleted        deleted by this run (0 in a dry run)
     * @param skippedForHold belonging to a tenant under legal hold; found again by every run until the hold ends
     * @param gone           found, but already deleted by TTL or no longer due (renewed) when deleted
     * @param failed         could not be deleted after retries; the next run tries again
     * @param finished       every record due at the cutoff was examined
     */
    public record Category(PurgeCategory category, Instant cutoff, long found, long deleted, long skippedForHold,
                           long gone, long failed, boolean finished) {
    }

    public Category category(PurgeCategory category) {
        return categories.stream().filter(c -> c.category() == category).findFirst().orElseThrow();
    }
}
