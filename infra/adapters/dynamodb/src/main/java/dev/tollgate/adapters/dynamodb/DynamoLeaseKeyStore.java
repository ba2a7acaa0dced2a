package dev.tollgate.adapters.dynamodb;

import dev.tollgate.keys.LeaseKey;
import dev.tollgate.keys.LeaseKeySet;
import dev.tollgate.keys.LeaseKeyStatus;
import dev.tollgate.keys.LeaseKeys;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The lease keys table: every key in one partition ({@code set = "lease-keys"}), sorted by kid, so the
 * whole set is one {@code Query} (validation's role needs no {@code Scan}). A handful of rows, no TTL:
 * a retired key's row stays as the record of what once signed. The private half is stored only wrapped.
 */
public final class DynamoLeaseKeyStore implements LeaseKeys {

    public static final String SET = "set";
    public static final String KID = "kid";
    static final String THE_SET = "lease-keys";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoLeaseKeyStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The table's shape, for the local runtime and tests; sam-template.yaml declares the same. */
    public static CreateTableRequest tableDefinition(String table) {
        return DynamoTables.keyed(table, SET, KID);
    }

    @Override
    public List<LeaseKey> all() {
        List<LeaseKey> keys = dynamo.queryPaginator(r -> r.tableName(table).keyConditionExpression("#s = :s")
                        .expressionAttributeNames(Map.of("#s", SET))
                        .expressionAttributeValues(Map.of(":s", s(THE_SET)))
                        .consistentRead(true))
                .items().stream().map(DynamoLeaseKeyStore::fromItem).toList();
        return new LeaseKeySet(keys).keys();
    }

    /**
     * One transaction: a rotation's new key and its predecessor's demotion land together or not at all,
     * and, within a staff command, together with its audit entry.
     */
    @Override
    public void save(List<LeaseKey> changed) {
        if (changed.isEmpty()) {
            return;
        }
        if (AuditedTransaction.holding()) {
            changed.forEach(key -> AuditedTransaction.put(dynamo, PutItemRequest.builder().tableName(table).item(toItem(key))
                    .build(), () -> new IllegalStateException("an unconditional put cannot fail its condition")));
            return;
        }
        dynamo.transactWriteItems(r -> r.transactItems(changed.stream()
                .map(key -> TransactWriteItem.builder().put(p -> p.tableName(table).item(toItem(key))).build())
                .toList()));
    }

    static Map<String, AttributeValue> toItem(LeaseKey key) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(SET, s(THE_SET));
        item.put(KID, s(key.keyId()));
        item.put("publicJwk", s(key.publicJwk()));
        item.put("wrappedPrivate", AttributeValue.fromB(SdkBytes.fromByteArray(key.wrappedPrivate())));
        item.put("status", s(key.status().wire()));
        item.put("createdAt", s(key.createdAt().toString()));
        key.retiredAt().ifPresent(at -> item.put("retiredAt", s(at.toString())));
        return item;
    }

    static LeaseKey fromItem(Map<String, AttributeValue> item) {
        return new LeaseKey(item.get(KID).s(), item.get("publicJwk").s(), item.get("wrappedPrivate").b().asByteArray(),
                LeaseKeyStatus.ofWire(item.get("status").s()), Instant.parse(item.get("createdAt").s()),
                Optional.ofNullable(item.get("retiredAt")).map(v -> Instant.parse(v.s())));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
