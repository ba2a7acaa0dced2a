package dev.tollgate.adapters.dynamodb;

import dev.tollgate.license.KeyDigest;
import dev.tollgate.retention.DueItem;
import dev.tollgate.retention.DueItems;
import dev.tollgate.retention.PurgeCategory;
import dev.tollgate.tenant.TenantId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Due records of a table that carries the {@link RetentionIndex}: licences, startup entries, and
 * (through their terminated tenant) credentials. Reads the day buckets from the position up to the
 * cutoff's day, each for starts at or before the cutoff, so what is read is what is due.
 */
final class IndexedDueItems implements DueItems {

    private final DynamoDbClient dynamo;
    private final String table;
    private final PurgeCategory category;
    /** An index item (its table's key and projected attributes) to the due records it stands for. */
    private final Function<Map<String, AttributeValue>, List<DueItem>> expand;
    /** The conditional delete of one due record, given the cutoff. */
    private final BiFunction<DueItem, Instant, DeleteItemRequest> deletion;

    private IndexedDueItems(DynamoDbClient dynamo, String table, PurgeCategory category,
                            Function<Map<String, AttributeValue>, List<DueItem>> expand,
                            BiFunction<DueItem, Instant, DeleteItemRequest> deletion) {
        this.dynamo = dynamo;
        this.table = table;
        this.category = category;
        this.expand = expand;
        this.deletion = deletion;
    }

    /** Licences past their end (or cancellation); the index carries the tenant, for holds. */
    static IndexedDueItems licenses(DynamoDbClient dynamo, String table) {
        return new IndexedDueItems(dynamo, table, PurgeCategory.LICENSES,
                item -> List.of(DueItem.ofTenant(ref(item, DynamoLicenseStore.KEY_DIGEST),
                        new TenantId(item.get(DynamoLicenseStore.TENANT_ID).s()))),
                (due, cutoff) -> stillDue(table, due, cutoff));
    }

    /** Startup entries; a hold is checked against the licence they belong to. */
    static IndexedDueItems startupLog(DynamoDbClient dynamo, String table) {
        return new IndexedDueItems(dynamo, table, PurgeCategory.STARTUP_LOG,
                item -> List.of(DueItem.ofLicense(ref(item, DynamoStartupTrail.KEY_DIGEST, DynamoStartupTrail.ENTRY),
                        new KeyDigest(item.get(DynamoStartupTrail.KEY_DIGEST).s()))),
                (due, cutoff) -> stillDue(table, due, cutoff));
    }

    /**
     * Credentials of tenants whose subscription ended: the index holds the tenant records (their
     * retention starts on the day it ends), and each stands for the credential records beside it.
     */
    static IndexedDueItems credentials(DynamoDbClient dynamo, String table) {
        return new IndexedDueItems(dynamo, table, PurgeCategory.CREDENTIALS,
                tenant -> dynamo.queryPaginator(q -> q.tableName(table).consistentRead(true)
                                .keyConditionExpression("#t = :t AND begins_with(#r, :p)")
                                .expressionAttributeNames(Map.of("#t", DynamoTenantStore.TENANT_ID, "#r", DynamoTenantStore.RECORD))
                                .expressionAttributeValues(Map.of(":t", tenant.get(DynamoTenantStore.TENANT_ID),
                                        ":p", AttributeValue.fromS(DynamoCredentialStore.PREFIX)))
                                .projectionExpression("#t, #r"))
                        .items().stream()
                        .map(c -> DueItem.ofTenant(ref(c, DynamoTenantStore.TENANT_ID, DynamoTenantStore.RECORD),
                                new TenantId(c.get(DynamoTenantStore.TENANT_ID).s())))
                        .toList(),
                (due, cutoff) -> DeleteItemRequest.builder().tableName(table).key(DuePosition.decodeKey(due.ref()))
                        .conditionExpression("attribute_exists(#t)")
                        .expressionAttributeNames(Map.of("#t", DynamoTenantStore.TENANT_ID)).build());
    }

    @Override
    public PurgeCategory category() {
        return category;
    }

    @Override
    public String startAt(Instant since) {
        return DuePosition.bucket(LocalDate.ofInstant(since, ZoneOffset.UTC), 0).encode();
    }

    @Override
    public Page due(String position, Instant cutoff, int limit) {
        DuePosition at = DuePosition.decode(position);
        LocalDate lastDay = LocalDate.ofInstant(cutoff, ZoneOffset.UTC);
        AttributeValue upTo = AttributeValue.fromN(Long.toString(cutoff.getEpochSecond()));
        List<DueItem> found = new ArrayList<>();
        while (true) {
            if (at.day().isAfter(lastDay)) {
                return new Page(found, at.encode(), true); // a cutoff earlier than last run's (a longer period): nothing new
            }
            DuePosition from = at;
            QueryResponse page = dynamo.query(q -> q.tableName(table).indexName(RetentionIndex.NAME)
                    .keyConditionExpression("#day = :day AND #start <= :cutoff")
                    .expressionAttributeNames(Map.of("#day", RetentionIndex.DAY, "#start", RetentionIndex.START))
                    .expressionAttributeValues(Map.of(":day", AttributeValue.fromS(from.partition()), ":cutoff", upTo))
                    .limit(limit - found.size())
                    .exclusiveStartKey(from.exclusiveStartKey()));
            page.items().forEach(item -> found.addAll(expand.apply(item)));
            if (page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()) {
                at = at.after(page.lastEvaluatedKey());
            } else if (at.shard() + 1 < RetentionIndex.SHARDS) {
                at = DuePosition.bucket(at.day(), at.shard() + 1);
            } else if (at.day().isBefore(lastDay)) {
                at = DuePosition.bucket(at.day().plusDays(1), 0);
            } else {
                // The cutoff's day is done for now; by the next run more of it will be due.
                return new Page(found, DuePosition.bucket(lastDay, 0).encode(), true);
            }
            if (found.size() >= limit) {
                return new Page(found, at.encode(), false);
            }
        }
    }

    @Override
    public Deletion delete(List<DueItem> items, Instant cutoff) {
        return Deleter.delete(dynamo, items, due -> deletion.apply(due, cutoff));
    }

    private static String ref(Map<String, AttributeValue> item, String... keys) {
        Map<String, AttributeValue> key = new HashMap<>();
        for (String name : keys) {
            key.put(name, item.get(name));
        }
        return DuePosition.encodeKey(key);
    }

    /** Deleted only if it is there and its retention still started at or before the cutoff (a renewal moves it). */
    private static DeleteItemRequest stillDue(String table, DueItem due, Instant cutoff) {
        return DeleteItemRequest.builder().tableName(table).key(DuePosition.decodeKey(due.ref()))
                .conditionExpression("#start <= :cutoff")
                .expressionAttributeNames(Map.of("#start", RetentionIndex.START))
                .expressionAttributeValues(Map.of(":cutoff", AttributeValue.fromN(Long.toString(cutoff.getEpochSecond()))))
                .build();
    }
}
