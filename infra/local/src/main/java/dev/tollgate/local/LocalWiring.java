package dev.tollgate.local;

import dev.tollgate.adapters.local.LocalAdapters;
import dev.tollgate.startup.StartupEvents;
import dev.tollgate.wiring.TollgateConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** What the local runtime puts in place of SQS and the startup-log function. */
@Singleton
public class LocalWiring {

    /**
     * The in-process queue records startups as SQS and the startup-log function would, ahead of the
     * local adapters' in-memory stand-in; {@code tollgate.local.record-startups=false} records nothing.
     */
    @Produces
    @Singleton
    @Alternative
    @Priority(LocalAdapters.PRIORITY + 1)
    StartupEvents startupEvents(TollgateConfig config, Instance<LocalStartupQueue> queue) {
        return config.local().recordStartups() ? queue.get() : StartupEvents.NONE;
    }
}
