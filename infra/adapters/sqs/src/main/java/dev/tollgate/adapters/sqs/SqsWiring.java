package dev.tollgate.adapters.sqs;

import dev.tollgate.startup.StartupEvents;
import dev.tollgate.wiring.Settings;
import dev.tollgate.wiring.TollgateConfig;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Startup events to the startup queue, which the startup-log function drains. */
@Singleton
public class SqsWiring {

    @Produces
    @Singleton
    StartupEvents startupEvents(SqsClient sqs, TollgateConfig config) {
        TollgateConfig.StartupLogConfig log = config.startupLog();
        String queueUrl = Settings.required(log.queueUrl(), "tollgate.startup-log.queue-url",
                url -> url.matches("https?://\\S+/\\d+/[A-Za-z0-9_-]{1,80}(\\.fifo)?"), "an SQS queue URL");
        return new SqsStartupEvents(sqs, queueUrl, log.senderThreads(), log.backlog());
    }

    void close(@Disposes StartupEvents events) {
        if (events instanceof SqsStartupEvents sqs) {
            sqs.close();
        }
    }
}
