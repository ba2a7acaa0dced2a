package dev.tollgate.adapters.dynamodb;

import dev.tollgate.license.KeyDigest;
import dev.tollgate.license.License;
import dev.tollgate.license.LicenseStatus;
import dev.tollgate.license.LicenseStore;
import dev.tollgate.license.Product;
import dev.tollgate.outcome.Refusal;
import dev.tollgate.retention.RetentionPolicy;
import dev.tollgate.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The licences table. Items hold exactly the attributes of {@link License} plus the TTL and the
 * retention index's day and start ({@link RetentionIndex}: the licence's end or cancellation); the
 * mapping is written out by hand so it is reviewable against the privacy promise (and needs no
 * reflection in a native image). No read returns an item past its TTL ({@link Expiry}).
 */
public final class DynamoLicenseStore implements LicenseStore {

    public static final String KEY_DIGEST = "keyDigest";
    public static final String TTL = Expiry.TTL;
    public static final String TENANT_ID = "tenantId";
    public static final String CREATED_AT = "createdAt";
    /** Staff list a tenant's licences through this index; validation never touches it. */
    public static final String BY_TENANT = "byTenant";

    private final DynamoDbClient dynamo;
    private final String table;
    private final RetentionPolicy retention;
    private final Clock clock;

    public DynamoLicenseStore(DynamoDbClient dynamo, String table, RetentionPolicy retention, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
        this.clock = clock;
    }

    /** The table's shape, for the local runtime and tests; sam-template.yaml declares the same. */
    public static CreateTableRequest tableDefinition(String table) {
        return RetentionIndex.addTo(CreateTableRequest.builder()
                .tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName(KEY_DIGEST).attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName(TENANT_ID).attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName(CREATED_AT).attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName(KEY_DIGEST).keyType(KeyType.HASH).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(BY_TENANT)
                        .keySchema(
                                KeySchemaElement.builder().attributeName(TENANT_ID).keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName(CREATED_AT).keyType(KeyType.RANGE).build())
                        .projection(p -> p.projectionType(ProjectionType.ALL))
                        .build())
                .build(), TENANT_ID);
    }

    @Override
    public Optional<License> find(KeyDigest digest) {
        // Eventually consistent: half the cost, and a status change is visible within a second.
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table)
                .key(Map.of(KEY_DIGEST, s(digest.hex())))).item();
        return live(item);
    }

    @Override
    public Optional<License> findLatest(KeyDigest digest) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of(KEY_DIGEST, s(digest.hex())))).item();
        return live(item);
    }

    @Override
    public void create(License license) {
        AuditedTransaction.put(dynamo, PutItemRequest.builder().tableName(table).item(toItem(license))
                .conditionExpression("attribute_not_exists(" + KEY_DIGEST + ")").build(), DuplicateLicenseException::new);
    }

    @Override
    public void update(License license, Instant readAt) {
        AuditedTransaction.put(dynamo, PutItemRequest.builder().tableName(table).item(toItem(license))
                .conditionExpression("updatedAt = :seen")
                .expressionAttributeValues(Map.of(":seen", s(readAt.toString()))).build(),
                () -> Refusal.concurrentChange("the licence"));
    }

    @Override
    public List<License> listByTenant(TenantId tenant) {
        Instant now = clock.instant();
        return itemsOf(tenant).filter(item -> Expiry.live(item, now)).map(DynamoLicenseStore::fromItem)
                .sorted(Comparator.comparing(License::createdAt).reversed())
                .toList();
    }

    @Override
    public List<KeyDigest> digestsOf(TenantId tenant) {
        return itemsOf(tenant).map(item -> new KeyDigest(item.get(KEY_DIGEST).s())).toList();
    }

    @Override
    public boolean delete(KeyDigest digest) {
        Map<String, AttributeValue> old = dynamo.deleteItem(r -> r.tableName(table)
                .key(Map.of(KEY_DIGEST, s(digest.hex()))).returnValues(ReturnValue.ALL_OLD)).attributes();
        return old != null && !old.isEmpty();
    }

    private Stream<Map<String, AttributeValue>> itemsOf(TenantId tenant) {
        return dynamo.queryPaginator(r -> r.tableName(table).indexName(BY_TENANT)
                        .keyConditionExpression("#t = :t")
                        .expressionAttributeNames(Map.of("#t", TENANT_ID))
                        .expressionAttributeValues(Map.of(":t", s(tenant.value())))
                        .scanIndexForward(false))
                .items().stream();
    }

    private Optional<License> live(Map<String, AttributeValue> item) {
        return item == null || item.isEmpty() || !Expiry.live(item, clock.instant()) ? Optional.empty()
                : Optional.of(fromItem(item));
    }

    /** Only the name changes, and only on records that still exist: a purge may run at the same time. */
    @Override
    public void renameTenant(TenantId tenant, String name) {
        for (KeyDigest digest : digestsOf(tenant)) {
            try {
                dynamo.updateItem(r -> r.tableName(table).key(Map.of(KEY_DIGEST, s(digest.hex())))
                        .updateExpression("SET tenantName = :n")
                        .conditionExpression("attribute_exists(" + KEY_DIGEST + ")")
                        .expressionAttributeValues(Map.of(":n", s(name))));
            } catch (ConditionalCheckFailedException purged) {
                continue;
            }
        }
    }

    private Map<String, AttributeValue> toItem(License l) {
        Map<String, AttributeValue> item = new HashMap<>(RetentionIndex.attributes(l.retentionStart(), l.digest().hex()));
        item.putAll(Map.of(
                KEY_DIGEST, s(l.digest().hex()),
                "keySuffix", s(l.keySuffix()),
                TENANT_ID, s(l.tenantId().value()),
                "tenantName", s(l.tenantName()),
                "product", s(l.product().id()),
                "status", s(l.status().wire()),
                "expiresOn", s(l.expiresOn().toString()),
                CREATED_AT, s(l.createdAt().toString()),
                "updatedAt", s(l.updatedAt().toString()),
                TTL, Expiry.at(l.retainUntil(retention))));
        return item;
    }

    private static License fromItem(Map<String, AttributeValue> item) {
        return new License(
                new KeyDigest(item.get(KEY_DIGEST).s()),
                item.get("keySuffix").s(),
                new TenantId(item.get(TENANT_ID).s()),
                item.get("tenantName").s(),
                new Product(item.get("product").s()),
                LicenseStatus.fromWire(item.get("status").s()),
                LocalDate.parse(item.get("expiresOn").s()),
                Instant.parse(item.get(CREATED_AT).s()),
                Instant.parse(item.get("updatedAt").s()));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
