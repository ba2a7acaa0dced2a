package dev.tollgate.wiring;

import dev.tollgate.audit.AuditTrail;
import dev.tollgate.audit.DynamoAuditTrail;
import dev.tollgate.config.TollgateConfig;
import dev.tollgate.credentials.CredentialStore;
import dev.tollgate.credentials.DynamoCredentialStore;
import dev.tollgate.credentials.EnvelopeCipher;
import dev.tollgate.credentials.ManageCredentials;
import dev.tollgate.credentials.OpenCredentials;
import dev.tollgate.keys.KeyVault;
import dev.tollgate.keys.KmsKeyVault;
import dev.tollgate.keys.LocalKeyVault;
import dev.tollgate.lease.LeaseIssuer;
import dev.tollgate.lease.LeasePolicy;
import dev.tollgate.license.ChangeLicense;
import dev.tollgate.license.DynamoLicenseStore;
import dev.tollgate.license.FindLicenses;
import dev.tollgate.license.IssueLicense;
import dev.tollgate.license.LicenseKeyFormat;
import dev.tollgate.license.LicenseLookup;
import dev.tollgate.license.LicenseStore;
import dev.tollgate.license.Product;
import dev.tollgate.license.ValidateLicense;
import dev.tollgate.release.ArtifactStore;
import dev.tollgate.release.CheckForUpdate;
import dev.tollgate.release.DynamoReleaseCatalog;
import dev.tollgate.release.IssueDownloadUrl;
import dev.tollgate.release.LocalArtifactStore;
import dev.tollgate.release.RegisterRelease;
import dev.tollgate.release.ReleaseCatalog;
import dev.tollgate.release.S3ArtifactStore;
import dev.tollgate.release.UpdateEntitlement;
import dev.tollgate.release.YankRelease;
import dev.tollgate.retention.RetentionPolicy;
import dev.tollgate.startup.DynamoStartupTrail;
import dev.tollgate.startup.InMemoryStartupEvents;
import dev.tollgate.startup.ListStartups;
import dev.tollgate.startup.RecordStartups;
import dev.tollgate.startup.SqsStartupEvents;
import dev.tollgate.startup.StartupEvents;
import dev.tollgate.startup.StartupHandOff;
import dev.tollgate.startup.StartupTrail;
import dev.tollgate.tenant.ChangeTenant;
import dev.tollgate.tenant.CreateTenant;
import dev.tollgate.tenant.DynamoTenantStore;
import dev.tollgate.tenant.TenantStore;
import dev.tollgate.usage.DynamoUsageLedger;
import dev.tollgate.usage.UsageLedger;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
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
                    vault.kms().wrappedDigestSecret().orElse(null),
                    vault.kms().dataKeyId().orElse(null));
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
    LicenseLookup licenseLookup(KeyVault vault, LicenseStore store, RetentionPolicy retention) {
        return new LicenseLookup(vault, store, retention);
    }

    @Produces
    @Singleton
    ValidateLicense validateLicense(LicenseKeyFormat format, LicenseLookup lookup, LeaseIssuer leases,
                                    StartupHandOff startups, Clock clock) {
        return new ValidateLicense(format, lookup, leases, startups, clock);
    }

    @Produces
    @Singleton
    ReleaseCatalog releaseCatalog(DynamoDbClient dynamo, TollgateConfig config) {
        return new DynamoReleaseCatalog(dynamo, config.tables().releases());
    }

    /** S3 clients are resolved only for provider=s3: the local runtime never builds one. */
    @Produces
    @Singleton
    ArtifactStore artifactStore(TollgateConfig config, Clock clock, Instance<S3Client> s3, Instance<S3Presigner> presigner) {
        TollgateConfig.ArtifactsConfig artifacts = config.artifacts();
        return switch (artifacts.provider()) {
            case LOCAL -> new LocalArtifactStore(Path.of(artifacts.localDir()), clock);
            case S3 -> new S3ArtifactStore(s3.get(), presigner.get(),
                    artifacts.bucket().orElseThrow(() -> new IllegalStateException(
                            "tollgate.artifacts.bucket is required with provider=s3")),
                    artifacts.prefix(), artifacts.uploadPrefix());
        };
    }

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

    @Produces
    @Singleton
    IssueLicense issueLicense(LicenseKeyFormat format, KeyVault vault, TenantStore tenants, LicenseStore store,
                              RetentionPolicy retention, Clock clock) {
        return new IssueLicense(format, vault, tenants, store, retention, clock);
    }

    @Produces
    @Singleton
    ChangeLicense changeLicense(LicenseStore store, TenantStore tenants, RetentionPolicy retention, Clock clock) {
        return new ChangeLicense(store, tenants, retention, clock);
    }

    @Produces
    @Singleton
    FindLicenses findLicenses(LicenseKeyFormat format, LicenseLookup lookup, LicenseStore store, TenantStore tenants,
                              RetentionPolicy retention, Clock clock) {
        return new FindLicenses(format, lookup, store, tenants, retention, clock);
    }

    @Produces
    @Singleton
    TenantStore tenantStore(DynamoDbClient dynamo, TollgateConfig config) {
        return new DynamoTenantStore(dynamo, config.tables().tenants());
    }

    @Produces
    @Singleton
    AuditTrail auditTrail(DynamoDbClient dynamo, TollgateConfig config, Clock clock) {
        return new DynamoAuditTrail(dynamo, config.tables().audit(), config.retention().adminAudit(), clock);
    }

    @Produces
    @Singleton
    UsageLedger usageLedger(DynamoDbClient dynamo, TollgateConfig config) {
        return new DynamoUsageLedger(dynamo, config.tables().usage());
    }

    @Produces
    @Singleton
    CredentialStore credentialStore(DynamoDbClient dynamo, TollgateConfig config) {
        return new DynamoCredentialStore(dynamo, config.tables().tenants());
    }

    @Produces
    @Singleton
    EnvelopeCipher envelopeCipher(KeyVault vault) {
        return new EnvelopeCipher(vault);
    }

    @Produces
    @Singleton
    ManageCredentials manageCredentials(TenantStore tenants, CredentialStore store, EnvelopeCipher cipher, Clock clock) {
        return new ManageCredentials(tenants, store, cipher, clock);
    }

    @Produces
    @Singleton
    OpenCredentials openCredentials(CredentialStore store, EnvelopeCipher cipher) {
        return new OpenCredentials(store, cipher);
    }

    @Produces
    @Singleton
    CreateTenant createTenant(TenantStore tenants, Clock clock) {
        return new CreateTenant(tenants, clock);
    }

    @Produces
    @Singleton
    ChangeTenant changeTenant(TenantStore tenants, LicenseStore licenses, Clock clock) {
        return new ChangeTenant(tenants, licenses, clock);
    }
}
