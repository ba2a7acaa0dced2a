package dev.tollgate.adapters.dynamodb;

import dev.tollgate.audit.AuditEntry;
import dev.tollgate.audit.AuditTrail;
import dev.tollgate.outcome.Refusal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The admin audit table: partition = month (staff writes are few, and a month is what one reads),
 * sort = {@code time#id}, so entries come back in time order and two at the same instant both stay.
 * The time is written at a fixed width (nine fraction digits, as the startup trail fixes three):
 * {@code Instant.toString()} drops trailing zeros, and "10:00:00Z" sorts after "10:00:00.5Z".
 * Each item carries its TTL; reads skip items past it that DynamoDB has not yet deleted ({@link Expiry}).
 */
public final class DynamoAuditTrail implements AuditTrail {

    public static final String MONTH = "month";
    public static final String ENTRY = "entry";
    public static final String TTL = Expiry.TTL;

    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration retention;
    private final Clock clock;

    public DynamoAuditTrail(DynamoDbClient dynamo, String table, Duration retention, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
        this.clock = clock;
    }

    /** The table's shape, for the local runtime and tests; sam-template.yaml declares the same. */
    public static CreateTableRequest tableDefinition(String table) {
        return DynamoTables.keyed(table, MONTH, ENTRY);
    }

    @Override
    public void record(AuditEntry e) {
        dynamo.putItem(r -> r.tableName(table).item(itemOf(e)));
    }

    /** The command's licence, tenant and credential writes and this entry: one TransactWriteItems. */
    @Override
    public <T> T recordWith(Supplier<T> command, Function<T, AuditEntry> entry) {
        return AuditedTransaction.run(dynamo, command, result -> Put.builder().tableName(table)
                .item(itemOf(entry.apply(result))).build());
    }

    private Map<String, AttributeValue> itemOf(AuditEntry e) {
        return Map.of(
                MONTH, s(YearMonth.from(e.at().atOffset(ZoneOffset.UTC)).toString()),
                ENTRY, s(sortKey(e)),
                "actor", s(e.actor()),
                "action", s(e.action()),
                "target", s(e.target()),
                "result", s(e.result()),
                TTL, Expiry.at(e.at().plus(retention)));
    }

    static String sortKey(AuditEntry e) {
        return TIME.format(e.at()) + "#" + e.id();
    }

    @Override
    public Page list(YearMonth month, int limit, Optional<String> cursor) {
        Instant now = clock.instant();
        List<AuditEntry> entries = new ArrayList<>();
        Map<String, AttributeValue> start = cursor.map(c -> decodeCursor(c, month)).orElse(null);
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(r -> r.tableName(table).limit(limit).exclusiveStartKey(from)
                    .scanIndexForward(false)
                    .keyConditionExpression("#m = :m")
                    .expressionAttributeNames(Map.of("#m", MONTH))
                    .expressionAttributeValues(Map.of(":m", s(month.toString()))));
            start = null;
            for (Map<String, AttributeValue> item : page.items()) {
                if (Expiry.live(item, now)) {
                    entries.add(fromItem(item));
                }
                if (entries.size() == limit) {
                    start = Map.of(MONTH, item.get(MONTH), ENTRY, item.get(ENTRY));
                    break;
                }
            }
            if (entries.size() < limit && page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()) {
                start = page.lastEvaluatedKey();
            }
        } while (entries.size() < limit && start != null);
        return new Page(List.copyOf(entries), Optional.ofNullable(start).map(k -> DynamoTables.cursorOf(k.get(ENTRY).s())));
    }

    private static AuditEntry fromItem(Map<String, AttributeValue> item) {
        String entry = item.get(ENTRY).s();
        int split = entry.indexOf('#');
        return new AuditEntry(entry.substring(split + 1), Instant.parse(entry.substring(0, split)),
                item.get("actor").s(), item.get("action").s(), item.get("target").s(), item.get("result").s());
    }

    private static Map<String, AttributeValue> decodeCursor(String cursor, YearMonth month) {
        try {
            String entry = DynamoTables.keyValueOf(cursor);
            int split = entry.indexOf('#');
            if (split < 0 || !YearMonth.from(Instant.parse(entry.substring(0, split)).atOffset(ZoneOffset.UTC)).equals(month)) {
                throw new IllegalArgumentException("cursor of another month");
            }
            return Map.of(MONTH, s(month.toString()), ENTRY, s(entry));
        } catch (RuntimeException e) {
            throw Refusal.invalid("the cursor is not one this listing handed out");
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
