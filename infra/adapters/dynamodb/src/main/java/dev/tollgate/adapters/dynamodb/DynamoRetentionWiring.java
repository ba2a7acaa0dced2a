package dev.tollgate.adapters.dynamodb;

import dev.tollgate.privacy.ErasureReceipts;
import dev.tollgate.retention.LegalHolds;
import dev.tollgate.retention.PurgeCategory;
import dev.tollgate.retention.PurgeReports;
import dev.tollgate.retention.PurgeSources;
import dev.tollgate.retention.RetentionPolicy;
import dev.tollgate.wiring.Settings;
import dev.tollgate.wiring.TollgateConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The retention purge's tables and the purge-reports table, beside {@link DynamoWiring}. As there,
 * a function builds only what its features inject: the purge function every source, the admin
 * function the erasure receipts only.
 */
@Singleton
public class DynamoRetentionWiring {

    @Produces
    @Singleton
    PurgeSources purgeSources(DynamoDbClient dynamo, TollgateConfig config) {
        TollgateConfig.TablesConfig tables = config.tables();
        return new PurgeSources(List.of(
                IndexedDueItems.credentials(dynamo, DynamoWiring.tenants(tables)),
                IndexedDueItems.licenses(dynamo, DynamoWiring.licenses(tables)),
                IndexedDueItems.startupLog(dynamo, DynamoWiring.startupLog(tables)),
                new MonthlyDueItems(dynamo, DynamoWiring.audit(tables), PurgeCategory.ADMIN_AUDIT),
                new MonthlyDueItems(dynamo, purgeReports(tables), PurgeCategory.PURGE_REPORTS)));
    }

    @Produces
    @Singleton
    LegalHolds legalHolds(DynamoDbClient dynamo, TollgateConfig config, RetentionPolicy retention) {
        TollgateConfig.TablesConfig tables = config.tables();
        return new DynamoLegalHolds(dynamo, DynamoWiring.tenants(tables), DynamoWiring.licenses(tables),
                DynamoWiring.startupLog(tables), retention);
    }

    @Produces
    @Singleton
    PurgeReports purgeReports(DynamoDbClient dynamo, TollgateConfig config, RetentionPolicy retention, Clock clock) {
        return new DynamoPurgeReports(dynamo, purgeReports(config.tables()), retention, clock);
    }

    @Produces
    @Singleton
    ErasureReceipts erasureReceipts(DynamoDbClient dynamo, TollgateConfig config, RetentionPolicy retention, Clock clock) {
        return new DynamoPurgeReports(dynamo, purgeReports(config.tables()), retention, clock);
    }

    static String purgeReports(TollgateConfig.TablesConfig tables) {
        return Settings.tableName(tables.purgeReports(), "tollgate.tables.purge-reports");
    }
}
