package dev.tollgate.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Deletes every record past its retention, category by category, and reports what it did. TTL is
 * the first line (DynamoDB deletes expired items within days, not on the hour); this run is the
 * guarantee and the record.
 *
 * <p>Each category is read from where its last run left it, page by page, and only what is due is
 * read. Before each page the run checks the deadline; when too little time is left it stops, saves
 * where it stopped, and the next run resumes there, so nothing is deleted twice and nothing missed.
 * A page with a failed deletion or a held record keeps the resume point at its start, so the next
 * run sees those records again (and a hold, once cleared, lets them go). A dry run reads the same
 * records, deletes nothing and moves no resume point, so it reports what the real run would.
 */
public final class PurgeExpired {

    private static final Logger LOG = Logger.getLogger(PurgeExpired.class);

    /**
     * @param pageSize         records read and deleted per step
     * @param stopBefore       the time left at which a run stops taking new pages
     * @param firstRunLookBack how far before the cutoff a category's very first run starts looking
     */
    public record Settings(int pageSize, Duration stopBefore, Duration firstRunLookBack) {
        public static final Settings DEFAULTS = new Settings(100, Duration.ofSeconds(30), Duration.ofDays(30));

        public Settings {
            if (pageSize < 1 || stopBefore.isNegative() || firstRunLookBack.isNegative()) {
                throw new IllegalArgumentException("a page holds at least one record, and durations are not negative");
            }
        }
    }

    private final PurgeSources sources;
    private final LegalHolds holds;
    private final PurgeReports reports;
    private final RetentionPolicy policy;
    private final Settings settings;
    private final Clock clock;

    public PurgeExpired(PurgeSources sources, LegalHolds holds, PurgeReports reports, RetentionPolicy policy,
                        Settings settings, Clock clock) {
        this.sources = Objects.requireNonNull(sources);
        this.holds = Objects.requireNonNull(holds);
        this.reports = Objects.requireNonNull(reports);
        this.policy = Objects.requireNonNull(policy);
        this.settings = Objects.requireNonNull(settings);
        this.clock = Objects.requireNonNull(clock);
    }

    public PurgeReport run(boolean dryRun, Deadline deadline) {
        Instant started = clock.instant();
        HeldRecords held = holds.held();
        List<PurgeReport.Category> categories = new ArrayList<>();
        boolean complete = true;
        for (DueItems source : sources.all()) {
            Instant cutoff = started.minus(source.category().period(policy));
            PurgeReport.Category done = complete ? purge(source, cutoff, held, dryRun, deadline)
                    : new PurgeReport.Category(source.category(), cutoff, 0, 0, 0, 0, 0, false);
            complete &= done.finished();
            categories.add(done);
        }
        PurgeReport report = new PurgeReport(UUID.randomUUID().toString(), started, clock.instant(), dryRun, complete,
                categories);
        reports.save(report);
        return report;
    }

    private PurgeReport.Category purge(DueItems source, Instant cutoff, HeldRecords held, boolean dryRun,
                                       Deadline deadline) {
        PurgeCategory category = source.category();
        String position = reports.checkpoint(category)
                .orElseGet(() -> source.startAt(cutoff.minus(settings.firstRunLookBack())));
        String resumeAt = null;
        long found = 0;
        long deleted = 0;
        long skipped = 0;
        long gone = 0;
        long failed = 0;
        boolean finished = false;
        while (true) {
            if (deadline.remaining().compareTo(settings.stopBefore()) <= 0) {
                LOG.infof("purge of %s stopped before the deadline; the next run resumes there", category.wire());
                break;
            }
            DueItems.Page page = source.due(position, cutoff, settings.pageSize());
            List<DueItem> due = new ArrayList<>();
            for (DueItem item : page.items()) {
                if (held.covers(item)) {
                    skipped++;
                } else {
                    due.add(item);
                }
            }
            found += page.items().size();
            boolean revisit = due.size() < page.items().size();
            if (!dryRun && !due.isEmpty()) {
                DueItems.Deletion deletion = source.delete(due, cutoff);
                deleted += deletion.deleted();
                gone += deletion.gone();
                failed += deletion.failed().size();
                revisit |= !deletion.failed().isEmpty();
            }
            if (revisit && resumeAt == null) {
                resumeAt = position;
            }
            position = page.next();
            if (page.last()) {
                finished = true;
                break;
            }
        }
        if (!dryRun) {
            reports.checkpoint(category, resumeAt != null ? resumeAt : position);
        }
        return new PurgeReport.Category(category, cutoff, found, deleted, skipped, gone, failed, finished);
    }
}
