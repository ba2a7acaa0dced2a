package dev.tollgate.adapters.dynamodb;

import dev.tollgate.tenant.TenantId;
import dev.tollgate.usage.UsageLedger;
import dev.tollgate.usage.UsageRecord;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The usage table: partition = tenant id, sort = {@code month#provider#model}. Counters grow by
 * DynamoDB's atomic ADD, so concurrent requests never lose a count. Aggregates carry no personal
 * data and are kept (the privacy promise), so there is no TTL. An erased tenant's counters move to
 * the {@value #ERASED} partition, which is no tenant's, and add up there with every other erased
 * tenant's.
 */
public final class DynamoUsageLedger implements UsageLedger {

    public static final String TENANT_ID = "tenantId";
    public static final String BUCKET = "bucket";
    /** Not a tenant id (those start with {@code t_}), so no tenant's reads ever reach it. */
    public static final String ERASED = "erased-tenants";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoUsageLedger(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The table's shape, for the local runtime and tests; sam-template.yaml declares the same. */
    public static CreateTableRequest tableDefinition(String table) {
        return DynamoTables.keyed(table, TENANT_ID, BUCKET);
    }

    @Override
    public void add(UsageRecord d) {
        dynamo.updateItem(r -> r.tableName(table)
                .key(Map.of(TENANT_ID, s(d.tenant().value()), BUCKET, s(d.month() + "#" + d.provider() + "#" + d.model())))
                .updateExpression("ADD requests :r, inputTokens :i, outputTokens :o, costMicroUsd :c")
                .expressionAttributeValues(Map.of(":r", n(d.requests()), ":i", n(d.inputTokens()),
                        ":o", n(d.outputTokens()), ":c", n(d.costMicroUsd()))));
    }

    @Override
    public List<UsageRecord> list(TenantId tenant, YearMonth from, YearMonth to) {
        // '$' sorts after '#', so "to$" bounds every bucket of the last month.
        return dynamo.queryPaginator(r -> r.tableName(table)
                        .keyConditionExpression("#t = :t AND #b BETWEEN :from AND :to")
                        .expressionAttributeNames(Map.of("#t", TENANT_ID, "#b", BUCKET))
                        .expressionAttributeValues(Map.of(":t", s(tenant.value()), ":from", s(from + "#"),
                                ":to", s(to + "$"))))
                .items().stream().map(DynamoUsageLedger::fromItem).toList();
    }

    @Override
    public int detach(TenantId tenant) {
        int moved = 0;
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(r -> r.tableName(table).consistentRead(true)
                .keyConditionExpression("#t = :t")
                .expressionAttributeNames(Map.of("#t", TENANT_ID))
                .expressionAttributeValues(Map.of(":t", s(tenant.value())))).items()) {
            // Every counter the item has, whatever counters there are, added in the same step as the delete:
            // a retried erasure never counts twice and never loses a count.
            Map<String, String> names = new HashMap<>();
            Map<String, AttributeValue> values = new HashMap<>();
            List<String> adds = new ArrayList<>();
            item.forEach((name, value) -> {
                if (value.n() != null) {
                    int i = adds.size();
                    names.put("#c" + i, name);
                    values.put(":c" + i, value);
                    adds.add("#c" + i + " :c" + i);
                }
            });
            List<TransactWriteItem> steps = new ArrayList<>();
            if (!adds.isEmpty()) {
                steps.add(TransactWriteItem.builder().update(u -> u.tableName(table)
                        .key(Map.of(TENANT_ID, s(ERASED), BUCKET, item.get(BUCKET)))
                        .updateExpression("ADD " + String.join(", ", adds))
                        .expressionAttributeNames(names).expressionAttributeValues(values)).build());
            }
            steps.add(TransactWriteItem.builder().delete(d -> d.tableName(table)
                    .key(Map.of(TENANT_ID, item.get(TENANT_ID), BUCKET, item.get(BUCKET)))
                    .conditionExpression("attribute_exists(#t)")
                    .expressionAttributeNames(Map.of("#t", TENANT_ID))).build());
            try {
                dynamo.transactWriteItems(t -> t.transactItems(steps));
                moved++;
            } catch (TransactionCanceledException e) {
                if (e.cancellationReasons().stream().noneMatch(r -> "ConditionalCheckFailed".equals(r.code()))) {
                    throw e;
                }
                // Another erasure of the same tenant moved it first.
            }
        }
        return moved;
    }

    private static UsageRecord fromItem(Map<String, AttributeValue> item) {
        String[] bucket = item.get(BUCKET).s().split("#", 3);
        return new UsageRecord(new TenantId(item.get(TENANT_ID).s()), YearMonth.parse(bucket[0]), bucket[1], bucket[2],
                count(item, "requests"), count(item, "inputTokens"), count(item, "outputTokens"),
                count(item, "costMicroUsd"));
    }

    private static long count(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? 0 : Long.parseLong(value.n());
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
