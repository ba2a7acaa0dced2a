package dev.tollgate.adapters.dynamodb;

import dev.tollgate.wiring.TollgateConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;

/** Creates missing tables (with their TTL) where Tollgate owns its storage: the local runtime and tests. */
@Singleton
public class TableBootstrap {

    private final DynamoDbClient dynamo;
    private final TollgateConfig config;

    TableBootstrap(DynamoDbClient dynamo, TollgateConfig config) {
        this.dynamo = dynamo;
        this.config = config;
    }

    void onStart(@Observes StartupEvent started) {
        if (config.tables().createMissing()) {
            TollgateConfig.TablesConfig tables = config.tables();
            createMissing(dynamo, List.of(
                    new Table(DynamoLicenseStore.tableDefinition(DynamoWiring.licenses(tables)), DynamoLicenseStore.TTL),
                    new Table(DynamoStartupTrail.tableDefinition(DynamoWiring.startupLog(tables)), DynamoStartupTrail.TTL),
                    new Table(DynamoReleaseCatalog.tableDefinition(DynamoWiring.releases(tables)), null),
                    new Table(DynamoTenantStore.tableDefinition(DynamoWiring.tenants(tables)), null),
                    new Table(DynamoAuditTrail.tableDefinition(DynamoWiring.audit(tables)), DynamoAuditTrail.TTL),
                    new Table(DynamoUsageLedger.tableDefinition(DynamoWiring.usage(tables)), null),
                    new Table(DynamoDedupMarkers.tableDefinition(DynamoWiring.idempotency(tables)), DynamoDedupMarkers.TTL)));
            // Only where the lease keys table is named: the in-memory signer's, newer than the others.
            if (tables.leaseKeys().isPresent()) {
                createMissing(dynamo, List.of(new Table(
                        DynamoLeaseKeyStore.tableDefinition(DynamoWiring.leaseKeys(tables)), null)));
            }
        }
    }

    /** A table to create; {@code ttlAttribute} is null for one whose items do not expire. */
    public record Table(CreateTableRequest definition, String ttlAttribute) {
    }

    public static void createMissing(DynamoDbClient dynamo, List<Table> tables) {
        List<String> existing = dynamo.listTablesPaginator().tableNames().stream().toList();
        for (Table table : tables) {
            String name = table.definition().tableName();
            if (existing.contains(name)) {
                continue;
            }
            try {
                dynamo.createTable(table.definition());
            } catch (ResourceInUseException raced) {
                continue;
            }
            dynamo.waiter().waitUntilTableExists(r -> r.tableName(name));
            if (table.ttlAttribute() == null) {
                continue; // a table whose items do not expire
            }
            dynamo.updateTimeToLive(r -> r.tableName(name).timeToLiveSpecification(
                    t -> t.attributeName(table.ttlAttribute()).enabled(true)));
        }
    }
}
