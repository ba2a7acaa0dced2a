package dev.tollgate.wiring;

import dev.tollgate.retention.LegalHolds;
import dev.tollgate.retention.PurgeExpired;
import dev.tollgate.retention.PurgeReports;
import dev.tollgate.retention.PurgeSources;
import dev.tollgate.retention.RetentionPolicy;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The retention purge. Needs each purged category's due records, the legal holds and the purge-reports table. */
@Singleton
@IfBuildProperty(name = "tollgate.wiring.purge", stringValue = "true")
public class RetentionWiring {

    @Produces
    @Singleton
    PurgeExpired purgeExpired(PurgeSources sources, LegalHolds holds, PurgeReports reports, RetentionPolicy retention,
                              TollgateConfig config, Clock clock) {
        TollgateConfig.PurgeConfig purge = config.purge();
        return new PurgeExpired(sources, holds, reports, retention,
                new PurgeExpired.Settings(purge.pageSize(), purge.stopBefore(), purge.firstRunLookBack()), clock);
    }
}
