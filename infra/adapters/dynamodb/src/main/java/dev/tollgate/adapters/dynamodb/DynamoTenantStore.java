package dev.tollgate.adapters.dynamodb;

import dev.tollgate.outcome.Refusal;
import dev.tollgate.tenant.Tenant;
import dev.tollgate.tenant.TenantId;
import dev.tollgate.tenant.TenantStore;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The tenants table: partition = tenant id, sort = record kind. The tenant itself is the
 * {@value #TENANT_RECORD} record; its integration credentials are records beside it
 * ({@code DynamoCredentialStore}), so one key policy and one IAM grant cover a tenant's data and
 * ending a subscription deletes within one partition.
 *
 * <p>Retention finds a terminated tenant through {@link RetentionIndex} (its retention starts on the
 * day the subscription ends) and a held one through the sparse {@value #BY_LEGAL_HOLD} index:
 * {@value #HOLD} is written only while the hold lasts, so the index holds exactly the held tenants.
 */
public final class DynamoTenantStore implements TenantStore {

    public static final String TENANT_ID = "tenantId";
    public static final String RECORD = "record";
    public static final String TENANT_RECORD = "tenant";
    public static final String HOLD = "hold";
    public static final String BY_LEGAL_HOLD = "byLegalHold";
    static final String HELD = "legal";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoTenantStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The table's shape, for the local runtime and tests; sam-template.yaml declares the same. */
    public static CreateTableRequest tableDefinition(String table) {
        CreateTableRequest withRetention = RetentionIndex.addTo(DynamoTables.keyed(table, TENANT_ID, RECORD));
        List<AttributeDefinition> attributes = new ArrayList<>(withRetention.attributeDefinitions());
        attributes.add(AttributeDefinition.builder().attributeName(HOLD).attributeType(ScalarAttributeType.S).build());
        List<GlobalSecondaryIndex> indexes = new ArrayList<>(withRetention.globalSecondaryIndexes());
        indexes.add(GlobalSecondaryIndex.builder().indexName(BY_LEGAL_HOLD)
                .keySchema(KeySchemaElement.builder().attributeName(HOLD).keyType(KeyType.HASH).build())
                .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).build());
        return withRetention.toBuilder().attributeDefinitions(attributes).globalSecondaryIndexes(indexes).build();
    }

    @Override
    public Optional<Tenant> find(TenantId id) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(key(id))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public void create(Tenant tenant) {
        AuditedTransaction.put(dynamo, PutItemRequest.builder().tableName(table).item(toItem(tenant))
                .conditionExpression("attribute_not_exists(" + TENANT_ID + ")").build(),
                () -> Refusal.conflict("TENANT_EXISTS", "a tenant with the id " + tenant.id() + " already exists"));
    }

    @Override
    public void update(Tenant tenant, Instant readAt) {
        AuditedTransaction.put(dynamo, PutItemRequest.builder().tableName(table).item(toItem(tenant))
                .conditionExpression("updatedAt = :seen")
                .expressionAttributeValues(Map.of(":seen", s(readAt.toString()))).build(),
                () -> Refusal.concurrentChange("tenant " + tenant.id()));
    }

    @Override
    public void delete(Tenant tenant) {
        AuditedTransaction.delete(dynamo, DeleteItemRequest.builder().tableName(table).key(key(tenant.id()))
                .conditionExpression("updatedAt = :seen")
                .expressionAttributeValues(Map.of(":seen", s(tenant.updatedAt().toString()))).build(),
                () -> Refusal.concurrentChange("tenant " + tenant.id()));
    }

    /** A scan: a vendor has hundreds of tenants, and listing them is a staff action, not a hot path. */
    @Override
    public Page list(int limit, Optional<String> cursor) {
        List<Tenant> tenants = new ArrayList<>();
        Map<String, AttributeValue> start = cursor.map(DynamoTenantStore::decodeCursor).orElse(null);
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = dynamo.scan(r -> r.tableName(table).limit(limit).exclusiveStartKey(from)
                    .filterExpression("#r = :tenant")
                    .expressionAttributeNames(Map.of("#r", RECORD))
                    .expressionAttributeValues(Map.of(":tenant", s(TENANT_RECORD))));
            for (Map<String, AttributeValue> item : page.items()) {
                if (tenants.size() == limit) {
                    break;
                }
                tenants.add(fromItem(item));
                start = key(tenants.get(tenants.size() - 1).id());
            }
            if (tenants.size() < limit) {
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            }
        } while (tenants.size() < limit && start != null);
        return new Page(List.copyOf(tenants), Optional.ofNullable(start).map(k -> DynamoTables.cursorOf(k.get(TENANT_ID).s())));
    }

    private static Map<String, AttributeValue> key(TenantId id) {
        return Map.of(TENANT_ID, s(id.value()), RECORD, s(TENANT_RECORD));
    }

    private static Map<String, AttributeValue> toItem(Tenant t) {
        Map<String, AttributeValue> item = new HashMap<>(key(t.id()));
        item.put("name", s(t.name()));
        item.put("createdAt", s(t.createdAt().toString()));
        item.put("updatedAt", s(t.updatedAt().toString()));
        item.put("legalHold", AttributeValue.fromBool(t.legalHold()));
        t.terminatedOn().ifPresent(day -> {
            item.put("terminatedOn", s(day.toString()));
            // Credentials are due from the start of that day (plus the grace, applied by the purge).
            item.putAll(RetentionIndex.attributes(day.atStartOfDay(ZoneOffset.UTC).toInstant(), t.id().value()));
        });
        if (t.legalHold()) {
            item.put(HOLD, s(HELD));
        }
        return item;
    }

    private static Tenant fromItem(Map<String, AttributeValue> item) {
        return new Tenant(new TenantId(item.get(TENANT_ID).s()), item.get("name").s(),
                Instant.parse(item.get("createdAt").s()), Instant.parse(item.get("updatedAt").s()),
                Optional.ofNullable(item.get("terminatedOn")).map(v -> LocalDate.parse(v.s())),
                item.get("legalHold").bool());
    }

    private static Map<String, AttributeValue> decodeCursor(String cursor) {
        try {
            return key(new TenantId(DynamoTables.keyValueOf(cursor)));
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("the cursor is not one this listing handed out");
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
