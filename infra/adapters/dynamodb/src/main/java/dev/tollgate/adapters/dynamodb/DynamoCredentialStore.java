package dev.tollgate.adapters.dynamodb;

import dev.tollgate.credentials.CredentialKind;
import dev.tollgate.credentials.CredentialStore;
import dev.tollgate.credentials.Sealed;
import dev.tollgate.credentials.StoredCredential;
import dev.tollgate.outcome.Refusal;
import dev.tollgate.tenant.TenantId;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Credential records in the tenants table, beside their tenant ({@code record = credentials#kind}).
 * The item holds the visible facts, the last four characters, and the sealed secret as one binary
 * attribute: wrapped data key, nonce, ciphertext. No plaintext secret is ever written.
 */
public final class DynamoCredentialStore implements CredentialStore {

    static final String PREFIX = "credentials#";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoCredentialStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void put(StoredCredential c) {
        Map<String, AttributeValue> item = new HashMap<>(key(c.tenant(), c.kind()));
        item.put("facts", AttributeValue.fromM(c.facts().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> AttributeValue.fromS(e.getValue())))));
        item.put("last4", AttributeValue.fromS(c.last4()));
        item.put("sealed", AttributeValue.fromB(SdkBytes.fromByteArray(c.secret().toBytes())));
        item.put("updatedAt", AttributeValue.fromS(c.updatedAt().toString()));
        AuditedTransaction.put(dynamo, PutItemRequest.builder().tableName(table).item(item).build(),
                () -> new IllegalStateException("an unconditional put cannot fail its condition"));
    }

    @Override
    public Optional<StoredCredential> find(TenantId tenant, CredentialKind kind) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(key(tenant, kind))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public List<StoredCredential> list(TenantId tenant) {
        return dynamo.queryPaginator(r -> r.tableName(table).consistentRead(true)
                        .keyConditionExpression("#t = :t AND begins_with(#r, :p)")
                        .expressionAttributeNames(Map.of("#t", DynamoTenantStore.TENANT_ID, "#r", DynamoTenantStore.RECORD))
                        .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(tenant.value()),
                                ":p", AttributeValue.fromS(PREFIX))))
                .items().stream().map(DynamoCredentialStore::fromItem).toList();
    }

    @Override
    public boolean delete(TenantId tenant, CredentialKind kind) {
        if (AuditedTransaction.holding()) {
            // Within a staff command the delete commits with its audit entry: whether there was one to
            // delete is read first, and the delete is conditioned on it still being there.
            Map<String, AttributeValue> there = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                    .key(key(tenant, kind))).item();
            if (there == null || there.isEmpty()) {
                return false;
            }
            AuditedTransaction.delete(dynamo, DeleteItemRequest.builder().tableName(table).key(key(tenant, kind))
                    .conditionExpression("attribute_exists(#r)")
                    .expressionAttributeNames(Map.of("#r", DynamoTenantStore.RECORD)).build(),
                    () -> Refusal.concurrentChange("the " + kind.wire() + " credentials of " + tenant));
            return true;
        }
        Map<String, AttributeValue> old = dynamo.deleteItem(r -> r.tableName(table).key(key(tenant, kind))
                .returnValues(ReturnValue.ALL_OLD)).attributes();
        return old != null && !old.isEmpty();
    }

    private static Map<String, AttributeValue> key(TenantId tenant, CredentialKind kind) {
        return Map.of(DynamoTenantStore.TENANT_ID, AttributeValue.fromS(tenant.value()),
                DynamoTenantStore.RECORD, AttributeValue.fromS(PREFIX + kind.wire()));
    }

    private static StoredCredential fromItem(Map<String, AttributeValue> item) {
        CredentialKind kind = CredentialKind.fromWire(item.get(DynamoTenantStore.RECORD).s().substring(PREFIX.length()))
                .orElseThrow(() -> new IllegalStateException("unknown credential record"));
        Map<String, String> facts = item.get("facts").m().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().s()));
        return new StoredCredential(new TenantId(item.get(DynamoTenantStore.TENANT_ID).s()), kind, facts,
                item.get("last4").s(), Sealed.fromBytes(item.get("sealed").b().asByteArray()),
                Instant.parse(item.get("updatedAt").s()));
    }
}
