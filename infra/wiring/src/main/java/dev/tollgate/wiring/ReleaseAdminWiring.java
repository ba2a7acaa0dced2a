package dev.tollgate.wiring;

import dev.tollgate.license.LicenseKeyFormat;
import dev.tollgate.release.ArtifactStore;
import dev.tollgate.release.RegisterRelease;
import dev.tollgate.release.ReleaseCatalog;
import dev.tollgate.release.YankRelease;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Staff publishing and yanking releases. Needs the catalog and an artifact store. */
@Singleton
@IfBuildProperty(name = "tollgate.wiring.release-admin", stringValue = "true")
public class ReleaseAdminWiring {

    @Produces
    @Singleton
    RegisterRelease registerRelease(LicenseKeyFormat format, ReleaseCatalog catalog, ArtifactStore artifacts,
                                    TollgateConfig config, Clock clock) {
        return new RegisterRelease(format, catalog, artifacts, config.updates().uploadUrlTtl(), clock);
    }

    @Produces
    @Singleton
    YankRelease yankRelease(ReleaseCatalog catalog) {
        return new YankRelease(catalog);
    }
}
