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
import dev.tollgate.startup.DynamoStartupTrail;
import dev.tollgate.startup.InMemoryStartupEvents;
import dev.tollgate.startup.ListStartups;
import dev.tollgate.startup.RecordStartups;
import dev.tollgate.startup.SqsStartupEvents;
import dev.tollgate.startup.StartupEvents;
import dev.tollgate.startup.StartupHandOff;
import dev.tollgate.startup.StartupTrail;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

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

    /** The SQS client is a lazy proxy too: only publisher=sqs calls it. The local runtime overrides this bean. */
    @Produces
    @Singleton
    @DefaultBean
    StartupEvents startupEvents(TollgateConfig config, SqsClient sqs) {
        TollgateConfig.StartupLogConfig log = config.startupLog();
        return switch (log.publisher()) {
            case MEMORY -> new InMemoryStartupEvents(10_000);
            case NONE -> StartupEvents.NONE;
            case SQS -> new SqsStartupEvents(sqs,
                    log.queueUrl().orElseThrow(() -> new IllegalStateException(
                            "tollgate.startup-log.queue-url is required with publisher=sqs")),
                    log.senderThreads(), log.backlog());
        };
    }

    void closeStartupEvents(@Disposes StartupEvents events) throws Exception {
        if (events instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Produces
    @Singleton
    StartupHandOff startupHandOff(StartupEvents events, TollgateConfig config) {
        return new StartupHandOff(events, config.startupLog().maxWait());
    }

    @Produces
    @Singleton
    StartupTrail startupTrail(DynamoDbClient dynamo, TollgateConfig config, RetentionPolicy retention, Clock clock) {
        return new DynamoStartupTrail(dynamo, config.tables().startupLog(), retention, clock);
    }

    @Produces
    @Singleton
    RecordStartups recordStartups(StartupTrail trail, RetentionPolicy retention, Clock clock) {
        return new RecordStartups(trail, retention, clock);
    }

    @Produces
    @Singleton
    ListStartups listStartups(StartupTrail trail, LicenseKeyFormat format, KeyVault vault, RetentionPolicy retention,
                              Clock clock) {
        return new ListStartups(trail, format, vault, retention, clock);
    }

    @Produces
    @Singleton
    LeaseIssuer leaseIssuer(KeyVault vault, LeasePolicy policy) {
        return new LeaseIssuer(vault, policy);
    }

    @Produces
    @Singleton
    ValidateLicense validateLicense(LicenseKeyFormat format, KeyVault vault, LicenseStore store, LeaseIssuer leases,
                                    StartupHandOff startups, RetentionPolicy retention, Clock clock) {
        return new ValidateLicense(format, vault, store, leases, startups, retention, clock);
    }

    @Produces
    @Singleton
    IssueLicense issueLicense(LicenseKeyFormat format, KeyVault vault, LicenseStore store, RetentionPolicy retention,
                              Clock clock) {
        return new IssueLicense(format, vault, store, retention, clock);
    }
}
