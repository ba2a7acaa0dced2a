package dev.tollgate.wiring;

import dev.tollgate.license.LicenseKeyFormat;
import dev.tollgate.license.LicenseLookup;
import dev.tollgate.license.Product;
import dev.tollgate.release.ArtifactStore;
import dev.tollgate.release.CheckForUpdate;
import dev.tollgate.release.IssueDownloadUrl;
import dev.tollgate.release.ReleaseCatalog;
import dev.tollgate.release.UpdateEntitlement;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

/** The update script's questions: is there a newer release, and a download URL for one. Needs the catalog and an artifact store. */
@Singleton
@IfBuildProperty(name = "tollgate.wiring.updates", stringValue = "true")
public class UpdateWiring {

    @Produces
    @Singleton
    UpdateEntitlement updateEntitlement(TollgateConfig config, LicenseKeyFormat format, LicenseLookup lookup) {
        Set<Product> expiredMayDownload = new HashSet<>();
        config.products().forEach((id, product) -> {
            if (product.expiredLicenseDownloads()) {
                expiredMayDownload.add(new Product(id));
            }
        });
        return new UpdateEntitlement(format, lookup, expiredMayDownload);
    }

    @Produces
    @Singleton
    IssueDownloadUrl issueDownloadUrl(UpdateEntitlement entitlement, ReleaseCatalog catalog, ArtifactStore artifacts,
                                      TollgateConfig config, Clock clock) {
        return new IssueDownloadUrl(entitlement, catalog, artifacts, config.updates().urlTtl(), clock);
    }

    @Produces
    @Singleton
    CheckForUpdate checkForUpdate(UpdateEntitlement entitlement, ReleaseCatalog catalog, Clock clock) {
        return new CheckForUpdate(entitlement, catalog, clock);
    }
}
