package dev.tollgate.function.purge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.retention.PurgeExpired;
import dev.tollgate.wiring.TollgateConfig;
import io.quarkus.runtime.Startup;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * The daily schedule's target: one purge run per event, within the invocation's deadline, and its
 * report as the answer and as one log line (counts only). A run that stops at the deadline reports
 * {@code "complete": false}; the next one resumes there. Built when the function starts
 * ({@code @Startup}), so a missing table name fails the start, not the first run.
 */
@Singleton
@Startup
@Named("retention-purge")
public class RetentionPurgeHandler implements RequestHandler<ScheduledEvent, PurgeReportView> {

    private static final Logger LOG = Logger.getLogger(RetentionPurgeHandler.class);

    private final PurgeExpired purge;
    private final TollgateConfig config;
    private final ObjectMapper json;
    private final Clock clock;

    public RetentionPurgeHandler(PurgeExpired purge, TollgateConfig config, ObjectMapper json, Clock clock) {
        this.purge = purge;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public PurgeReportView handleRequest(ScheduledEvent event, Context context) {
        boolean dryRun = event != null && event.dryRun();
        PurgeReportView report = PurgeReportView.of(purge.run(dryRun,
                LambdaDeadline.of(context, config.purge().maxRun(), clock)));
        log(report);
        return report;
    }

    private void log(PurgeReportView report) {
        try {
            LOG.infof("purge report %s", json.writeValueAsString(report));
        } catch (JsonProcessingException e) {
            LOG.infof("purge report %s (complete=%s)", report.id(), report.complete());
        }
    }
}
