package dev.tollgate.wiring;

import dev.tollgate.keys.KeyDigester;
import dev.tollgate.license.LicenseKeyFormat;
import dev.tollgate.retention.RetentionPolicy;
import dev.tollgate.startup.ListStartups;
import dev.tollgate.startup.RecordStartups;
import dev.tollgate.startup.StartupTrail;
import dev.tollgate.startup.UnknownKeyTally;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The startup trail: writing it (the startup-log function, which holds no key) and reading it for
 * support (which digests the key it is asked about), switched on separately.
 */
@Singleton
public class StartupTrailWiring {

    @Produces
    @Singleton
    @IfBuildProperty(name = "tollgate.wiring.startup-recording", stringValue = "true")
    RecordStartups recordStartups(StartupTrail trail, UnknownKeyTally unknownKeys, RetentionPolicy retention, Clock clock) {
        return new RecordStartups(trail, unknownKeys, retention, clock);
    }

    @Produces
    @Singleton
    @IfBuildProperty(name = "tollgate.wiring.startup-reading", stringValue = "true")
    ListStartups listStartups(StartupTrail trail, LicenseKeyFormat format, KeyDigester digester,
                              RetentionPolicy retention, Clock clock) {
        return new ListStartups(trail, format, digester, retention, clock);
    }
}
