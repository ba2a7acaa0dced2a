package dev.tollgate.local;

import dev.tollgate.config.TollgateConfig;
import dev.tollgate.startup.StartupEvents;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** What the local runtime puts in place of the AWS-side adapters. */
@Singleton
public class LocalWiring {

    /** The in-process queue records startups as SQS and the startup-log function would; "none" records nothing. */
    @Produces
    @Singleton
    StartupEvents startupEvents(TollgateConfig config, Instance<LocalStartupQueue> queue) {
        return config.startupLog().publisher() == TollgateConfig.StartupLogConfig.Publisher.NONE
                ? StartupEvents.NONE
                : queue.get();
    }
}
