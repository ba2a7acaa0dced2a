package dev.tollgate.adapters.dynamodb;

import dev.tollgate.audit.AuditTrail;
import dev.tollgate.credentials.CredentialStore;
import dev.tollgate.keys.LeaseKeys;
import dev.tollgate.license.LicenseStore;
import dev.tollgate.release.ReleaseCatalog;
import dev.tollgate.retention.RetentionPolicy;
import dev.tollgate.startup.StartupTrail;
import dev.tollgate.startup.UnknownKeyTally;
import dev.tollgate.tenant.TenantStore;
import dev.tollgate.ticket.DedupMarkers;
import dev.tollgate.usage.UsageLedger;
import dev.tollgate.wiring.Settings;
import dev.tollgate.wiring.TollgateConfig.TablesConfig;
import dev.tollgate.wiring.TollgateConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The tables behind the ports. A function builds only the stores its features inject (Quarkus
 * removes the rest at build time), and each store asks for its own table's name when it is built.
 */
@Singleton
public class DynamoWiring {

    @Produces
    @Singleton
    LicenseStore licenseStore(DynamoDbClient dynamo, TollgateConfig config, RetentionPolicy retention, Clock clock) {
        return new DynamoLicenseStore(dynamo, licenses(config.tables()), retention, clock);
    }

    @Produces
    @Singleton
    StartupTrail startupTrail(DynamoDbClient dynamo, TollgateConfig config, RetentionPolicy retention, Clock clock) {
        return new DynamoStartupTrail(dynamo, startupLog(config.tables()), retention, clock);
    }

    @Produces
    @Singleton
    UnknownKeyTally unknownKeyTally(DynamoDbClient dynamo, TollgateConfig config, RetentionPolicy retention, Clock clock) {
        return new DynamoUnknownKeyTally(dynamo, startupLog(config.tables()), retention, clock);
    }

    @Produces
    @Singleton
    ReleaseCatalog releaseCatalog(DynamoDbClient dynamo, TollgateConfig config) {
        return new DynamoReleaseCatalog(dynamo, releases(config.tables()));
    }

    @Produces
    @Singleton
    TenantStore tenantStore(DynamoDbClient dynamo, TollgateConfig config) {
        return new DynamoTenantStore(dynamo, tenants(config.tables()));
    }

    /** Credentials live beside their tenant, in the tenants table. */
    @Produces
    @Singleton
    CredentialStore credentialStore(DynamoDbClient dynamo, TollgateConfig config) {
        return new DynamoCredentialStore(dynamo, tenants(config.tables()));
    }

    @Produces
    @Singleton
    AuditTrail auditTrail(DynamoDbClient dynamo, TollgateConfig config, RetentionPolicy retention, Clock clock) {
        return new DynamoAuditTrail(dynamo, audit(config.tables()), retention.adminAudit(), clock);
    }

    @Produces
    @Singleton
    UsageLedger usageLedger(DynamoDbClient dynamo, TollgateConfig config) {
        return new DynamoUsageLedger(dynamo, usage(config.tables()));
    }

    @Produces
    @Singleton
    DedupMarkers dedupMarkers(DynamoDbClient dynamo, TollgateConfig config, RetentionPolicy retention) {
        return new DynamoDedupMarkers(dynamo, idempotency(config.tables()), retention.dedupMarkers());
    }

    @Produces
    @Singleton
    LeaseKeys leaseKeys(DynamoDbClient dynamo, TollgateConfig config) {
        return new DynamoLeaseKeyStore(dynamo, leaseKeys(config.tables()));
    }

    static String leaseKeys(TablesConfig tables) {
        return Settings.tableName(tables.leaseKeys(), "tollgate.tables.lease-keys");
    }

    static String licenses(TablesConfig tables) {
        return Settings.tableName(tables.licenses(), "tollgate.tables.licenses");
    }

    static String startupLog(TablesConfig tables) {
        return Settings.tableName(tables.startupLog(), "tollgate.tables.startup-log");
    }

    static String releases(TablesConfig tables) {
        return Settings.tableName(tables.releases(), "tollgate.tables.releases");
    }

    static String tenants(TablesConfig tables) {
        return Settings.tableName(tables.tenants(), "tollgate.tables.tenants");
    }

    static String audit(TablesConfig tables) {
        return Settings.tableName(tables.audit(), "tollgate.tables.audit");
    }

    static String usage(TablesConfig tables) {
        return Settings.tableName(tables.usage(), "tollgate.tables.usage");
    }

    static String idempotency(TablesConfig tables) {
        return Settings.tableName(tables.idempotency(), "tollgate.tables.idempotency");
    }
}
