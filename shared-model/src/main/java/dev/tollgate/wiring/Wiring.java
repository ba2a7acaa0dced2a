package dev.tollgate.wiring;

import dev.tollgate.config.TollgateConfig;
import dev.tollgate.keys.KeyVault;
import dev.tollgate.keys.KmsKeyVault;
import dev.tollgate.keys.LocalKeyVault;
import dev.tollgate.lease.LeaseIssuer;
import dev.tollgate.lease.LeasePolicy;
import dev.tollgate.license.DynamoLicenseStore;
import dev.tollgate.license.IssueLicense;
import dev.tollgate.license.LicenseKeyFormat;
import dev.tollgate.license.LicenseStore;
import dev.tollgate.license.Product;
import dev.tollgate.license.ValidateLicense;
import dev.tollgate.retention.RetentionPolicy;
import dev.tollgate.startup.InMemoryStartupEvents;
import dev.tollgate.startup.StartupEvents;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Builds the domain from configuration: which adapter serves each port, and the use cases over
 * them. The same wiring serves every Lambda function and the local runtime; only config differs.
 */
@Singleton
public class Wiring {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    RetentionPolicy retentionPolicy(TollgateConfig config) {
        return new RetentionPolicy(config.retention().licenseAfterExpiry(), config.retention().startupLog());
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

    /** The KMS client is a lazy proxy: the local runtime never builds one. */
    @Produces
    @Singleton
    KeyVault keyVault(TollgateConfig config, KmsClient kms) {
        TollgateConfig.KeyVaultConfig vault = config.keyVault();
        return switch (vault.provider()) {
            case LOCAL -> LocalKeyVault.openOrCreate(Path.of(vault.local().path()));
            case KMS -> new KmsKeyVault(kms,
                    vault.kms().signingKeyId().orElse(null),
                    vault.kms().retiredSigningKeyIds().orElse(List.of()),
                    vault.kms().wrappedDigestSecret().orElse(null));
        };
    }

    @Produces
    @Singleton
    LicenseStore licenseStore(DynamoDbClient dynamo, TollgateConfig config, RetentionPolicy retention) {
        return new DynamoLicenseStore(dynamo, config.tables().licenses(), retention);
    }

    @Produces
    @Singleton
    @DefaultBean
    StartupEvents startupEvents() {
        return new InMemoryStartupEvents(10_000);
    }

    @Produces
    @Singleton
    LeaseIssuer leaseIssuer(KeyVault vault, LeasePolicy policy) {
        return new LeaseIssuer(vault, policy);
    }

    @Produces
    @Singleton
    ValidateLicense validateLicense(LicenseKeyFormat format, KeyVault vault, LicenseStore store, LeaseIssuer leases,
                                    StartupEvents startups, RetentionPolicy retention, Clock clock) {
        return new ValidateLicense(format, vault, store, leases, startups, retention, clock);
    }

    @Produces
    @Singleton
    IssueLicense issueLicense(LicenseKeyFormat format, KeyVault vault, LicenseStore store, RetentionPolicy retention,
                              Clock clock) {
        return new IssueLicense(format, vault, store, retention, clock);
    }
}
