package dev.tollgate.wiring;

import dev.tollgate.lease.LeasePolicy;
import dev.tollgate.license.LicenseKeyFormat;
import dev.tollgate.license.Product;
import dev.tollgate.retention.RetentionPolicy;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** What every feature shares and no port backs: the clock, the policies, the key format. */
@Singleton
public class CoreWiring {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    RetentionPolicy retentionPolicy(TollgateConfig config) {
        TollgateConfig.RetentionConfig r = config.retention();
        // Uploads, dead letters and server logs are kept by the template's settings, held to PROMISED by a test.
        return RetentionPolicy.PROMISED.withTunable(r.licenseAfterExpiry(), r.startupLog(), r.dedupMarkers(),
                r.credentialGrace(), r.adminAudit(), r.purgeReports());
    }

    @Produces
    @Singleton
    LeasePolicy leasePolicy(TollgateConfig config) {
        return new LeasePolicy(config.lease().issuer(), config.lease().ttl(), config.lease().grace());
    }

    @Produces
    @Singleton
    LicenseKeyFormat licenseKeyFormat(TollgateConfig config) {
        Map<String, Product> byPrefix = new HashMap<>();
        config.products().forEach((id, product) -> byPrefix.put(product.keyPrefix(), new Product(id)));
        return new LicenseKeyFormat(byPrefix);
    }
}
