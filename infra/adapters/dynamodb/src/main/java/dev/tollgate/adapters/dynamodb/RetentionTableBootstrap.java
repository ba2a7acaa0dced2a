package dev.tollgate.adapters.dynamodb;

import dev.tollgate.wiring.TollgateConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Where Tollgate owns its storage (the local runtime, tests), after {@link TableBootstrap}: creates
 * the purge-reports table, and adds the retention indexes to tables an older local runtime created
 * without them (their older items are not in the index: TTL and the read filter still hide them).
 */
@Singleton
public class RetentionTableBootstrap {

    private static final Logger LOG = Logger.getLogger(RetentionTableBootstrap.class);

    private final DynamoDbClient dynamo;
    private final TollgateConfig config;

    RetentionTableBootstrap(DynamoDbClient dynamo, TollgateConfig config) {
        this.dynamo = dynamo;
        this.config = config;
    }

    void onStart(@Observes @Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION + 600) StartupEvent started) {
        TollgateConfig.TablesConfig tables = config.tables();
        if (!tables.createMissing() || tables.purgeReports().isEmpty()) {
            return;
        }
        TableBootstrap.createMissing(dynamo, List.of(new TableBootstrap.Table(
                DynamoPurgeReports.tableDefinition(DynamoRetentionWiring.purgeReports(tables)), DynamoPurgeReports.TTL)));
        tables.licenses().ifPresent(t -> addMissingIndexes(dynamo, DynamoLicenseStore.tableDefinition(t)));
        tables.startupLog().ifPresent(t -> addMissingIndexes(dynamo, DynamoStartupTrail.tableDefinition(t)));
        tables.tenants().ifPresent(t -> addMissingIndexes(dynamo, DynamoTenantStore.tableDefinition(t)));
    }

    /** Adds, one at a time as DynamoDB requires, the indexes the definition has and the table lacks. */
    public static void addMissingIndexes(DynamoDbClient dynamo, CreateTableRequest definition) {
        String name = definition.tableName();
        TableDescription table;
        try {
            table = dynamo.describeTable(r -> r.tableName(name)).table();
        } catch (ResourceNotFoundException absent) {
            return;
        }
        Set<String> existing = table.globalSecondaryIndexes().stream().map(i -> i.indexName()).collect(Collectors.toSet());
        for (GlobalSecondaryIndex index : definition.globalSecondaryIndexes()) {
            if (existing.contains(index.indexName())) {
                continue;
            }
            Set<String> keys = index.keySchema().stream().map(k -> k.attributeName()).collect(Collectors.toSet());
            List<AttributeDefinition> attributes = definition.attributeDefinitions().stream()
                    .filter(a -> keys.contains(a.attributeName())).toList();
            LOG.infof("adding index %s to table %s", index.indexName(), name);
            dynamo.updateTable(r -> r.tableName(name).attributeDefinitions(attributes)
                    .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName(index.indexName())
                            .keySchema(index.keySchema()).projection(index.projection()))));
            dynamo.waiter().waitUntilTableExists(r -> r.tableName(name));
        }
    }
}
