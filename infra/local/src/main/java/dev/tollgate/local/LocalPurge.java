package dev.tollgate.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.adapters.local.LocalArtifactStore;
import dev.tollgate.function.purge.PurgeReportView;
import dev.tollgate.release.ArtifactStore;
import dev.tollgate.retention.Deadline;
import dev.tollgate.retention.PurgeExpired;
import dev.tollgate.retention.RetentionPolicy;
import dev.tollgate.wiring.TollgateConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * The local runtime's retention purge: the same use case as the Lambda, on a cron from
 * {@code tollgate.purge.cron} (what EventBridge Scheduler does on AWS), with a fixed budget for a
 * deadline. It also discards unpublished uploads past their day, as the bucket's lifecycle rule
 * does on AWS. One run at a time: the cron skips while an admin-triggered run is going.
 */
@Singleton
public class LocalPurge {

    private static final Logger LOG = Logger.getLogger(LocalPurge.class);

    private final PurgeExpired purge;
    private final ArtifactStore artifacts;
    private final RetentionPolicy retention;
    private final TollgateConfig config;
    private final ObjectMapper json;
    private final Clock clock;

    public LocalPurge(PurgeExpired purge, ArtifactStore artifacts, RetentionPolicy retention, TollgateConfig config,
                      ObjectMapper json, Clock clock) {
        this.purge = purge;
        this.artifacts = artifacts;
        this.retention = retention;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    @Scheduled(identity = "retention-purge", cron = "${tollgate.purge.cron}", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void daily() {
        run(false);
    }

    public synchronized PurgeReportView run(boolean dryRun) {
        PurgeReportView report = PurgeReportView.of(purge.run(dryRun, Deadline.after(config.purge().maxRun(), clock)));
        if (!dryRun && artifacts instanceof LocalArtifactStore local) {
            int discarded = local.discardUploadsOlderThan(clock.instant().minus(retention.unpublishedUploads()));
            if (discarded > 0) {
                LOG.infof("purge: %d unpublished uploads discarded", discarded);
            }
        }
        try {
            LOG.infof("purge report %s", json.writeValueAsString(report));
        } catch (JsonProcessingException e) {
            LOG.infof("purge report %s (complete=%s)", report.id(), report.complete());
        }
        return report;
    }
}
