package dev.tollgate.adapters.dynamodb;

import dev.tollgate.license.KeyDigest;
import dev.tollgate.privacy.ErasureReceipt;
import dev.tollgate.privacy.ErasureReceipts;
import dev.tollgate.retention.PurgeCategory;
import dev.tollgate.retention.PurgeReport;
import dev.tollgate.retention.PurgeReports;
import dev.tollgate.retention.RetentionPolicy;
import dev.tollgate.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The purge-reports table: partition = month, sort = {@code time#kind#id}, like the audit trail, so
 * the purge deletes last year's reports by the same key design it uses there. It holds purge reports
 * and erasure receipts (counts, times and ids; never a name or a key), each with a TTL a year out,
 * and, in the {@value #CHECKPOINTS} partition, where each purge category resumes. Receipts also
 * carry their tenant's id, so the sparse {@value #BY_TENANT} index finds an erased tenant's receipts.
 */
public final class DynamoPurgeReports implements PurgeReports, ErasureReceipts {

    public static final String MONTH = MonthlyDueItems.MONTH;
    public static final String ENTRY = MonthlyDueItems.ENTRY;
    public static final String TTL = Expiry.TTL;
    public static final String TENANT_ID = "tenantId";
    public static final String BY_TENANT = "byTenant";
    /** Not a month, so no purge of old months ever reaches the resume points. */
    static final String CHECKPOINTS = "checkpoints";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final DynamoDbClient dynamo;
    private final String table;
    private final RetentionPolicy retention;
    private final Clock clock;

    public DynamoPurgeReports(DynamoDbClient dynamo, String table, RetentionPolicy retention, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
        this.clock = clock;
    }

    /** The table's shape, for the local runtime and tests; sam-template.yaml declares the same. */
    public static CreateTableRequest tableDefinition(String table) {
        CreateTableRequest keyed = DynamoTables.keyed(table, MONTH, ENTRY);
        List<AttributeDefinition> attributes = new ArrayList<>(keyed.attributeDefinitions());
        attributes.add(AttributeDefinition.builder().attributeName(TENANT_ID).attributeType(ScalarAttributeType.S).build());
        return keyed.toBuilder().attributeDefinitions(attributes)
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(BY_TENANT)
                        .keySchema(KeySchemaElement.builder().attributeName(TENANT_ID).keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName(ENTRY).keyType(KeyType.RANGE).build())
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build())
                .build();
    }

    @Override
    public void save(PurgeReport report) {
        Map<String, AttributeValue> categories = new LinkedHashMap<>();
        for (PurgeReport.Category c : report.categories()) {
            categories.put(c.category().wire(), AttributeValue.fromM(Map.of(
                    "cutoff", s(c.cutoff().toString()),
                    "found", n(c.found()),
                    "deleted", n(c.deleted()),
                    "skippedForHold", n(c.skippedForHold()),
                    "gone", n(c.gone()),
                    "failed", n(c.failed()),
                    "finished", AttributeValue.fromBool(c.finished()))));
        }
        Map<String, AttributeValue> item = new HashMap<>(keyOf(report.startedAt(), "purge", report.id()));
        item.put("kind", s("purge"));
        item.put("id", s(report.id()));
        item.put("startedAt", s(report.startedAt().toString()));
        item.put("endedAt", s(report.endedAt().toString()));
        item.put("dryRun", AttributeValue.fromBool(report.dryRun()));
        item.put("complete", AttributeValue.fromBool(report.complete()));
        item.put("categories", AttributeValue.fromM(categories));
        item.put(TTL, Expiry.at(report.startedAt().plus(retention.purgeReports())));
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    @Override
    public Optional<String> checkpoint(PurgeCategory category) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of(MONTH, s(CHECKPOINTS), ENTRY, s(category.wire())))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item.get("position").s());
    }

    @Override
    public void checkpoint(PurgeCategory category, String position) {
        dynamo.putItem(r -> r.tableName(table).item(Map.of(MONTH, s(CHECKPOINTS), ENTRY, s(category.wire()),
                "position", s(position), "updatedAt", s(clock.instant().toString()))));
    }

    @Override
    public void save(ErasureReceipt receipt) {
        ErasureReceipt.Counts c = receipt.counts();
        Map<String, AttributeValue> item = new HashMap<>(keyOf(receipt.erasedAt(), "erasure", receipt.id()));
        item.put("kind", s("erasure"));
        item.put("id", s(receipt.id()));
        item.put(TENANT_ID, s(receipt.tenant().value()));
        item.put("erasedAt", s(receipt.erasedAt().toString()));
        item.put("erasedBy", s(receipt.erasedBy()));
        item.put("licenses", AttributeValue.fromL(receipt.licenses().stream().map(d -> s(d.hex())).toList()));
        item.put("counts", AttributeValue.fromM(Map.of(
                "tenant", n(c.tenant()),
                "licenses", n(c.licenses()),
                "startupEntries", n(c.startupEntries()),
                "credentials", n(c.credentials()),
                "usageRecordsDetached", n(c.usageRecordsDetached()),
                "auditEntriesKept", n(c.auditEntriesKept()))));
        item.put(TTL, Expiry.at(receipt.erasedAt().plus(retention.purgeReports())));
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    @Override
    public List<ErasureReceipt> of(TenantId tenant) {
        Instant now = clock.instant();
        return dynamo.queryPaginator(r -> r.tableName(table).indexName(BY_TENANT)
                        .keyConditionExpression("#t = :t")
                        .expressionAttributeNames(Map.of("#t", TENANT_ID))
                        .expressionAttributeValues(Map.of(":t", s(tenant.value()))))
                .items().stream().filter(item -> Expiry.live(item, now)).map(DynamoPurgeReports::receiptOf).toList();
    }

    private static ErasureReceipt receiptOf(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> c = item.get("counts").m();
        return new ErasureReceipt(item.get("id").s(), new TenantId(item.get(TENANT_ID).s()),
                Instant.parse(item.get("erasedAt").s()), item.get("erasedBy").s(),
                item.get("licenses").l().stream().map(d -> new KeyDigest(d.s())).toList(),
                new ErasureReceipt.Counts(count(c, "tenant"), count(c, "licenses"), count(c, "startupEntries"),
                        count(c, "credentials"), count(c, "usageRecordsDetached"), count(c, "auditEntriesKept")));
    }

    private static Map<String, AttributeValue> keyOf(Instant at, String kind, String id) {
        return Map.of(MONTH, s(YearMonth.from(at.atOffset(ZoneOffset.UTC)).toString()),
                ENTRY, s(TIME.format(at) + "#" + kind + "#" + id));
    }

    private static int count(Map<String, AttributeValue> counts, String name) {
        return Integer.parseInt(counts.get(name).n());
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
