package dev.tollgate.adapters.dynamodb;

import dev.tollgate.tenant.TenantId;
import dev.tollgate.usage.UsageLedger;
import dev.tollgate.usage.UsageRecord;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * The usage table: partition = tenant id, sort = {@code month#provider#model}. Counters grow by
 * DynamoDB's atomic ADD, so concurrent requests never lose a count. Aggregates carry no personal
 * data and are kept (the privacy promise), so there is no TTL.
 */
public final class DynamoUsageLedger implements UsageLedger {

    public static final String TENANT_ID = "tenantId";
    public static final String BUCKET = "bucket";

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
