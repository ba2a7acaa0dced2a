package dev.tollgate.adapters.dynamodb;

import dev.tollgate.retention.DueItem;
import dev.tollgate.retention.DueItems;
import dev.tollgate.retention.PurgeCategory;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Due records of a table keyed by month and {@code time#...}: the admin audit trail, the purge
 * reports. The key design is the index: the months from the position up to the cutoff's month,
 * each read only up to the cutoff's time.
 */
final class MonthlyDueItems implements DueItems {

    static final String MONTH = "month";
    static final String ENTRY = "entry";
    /** Entries start with an ISO-8601 UTC time; to the second, this bound sorts after every entry of that second and before the next. */
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private final DynamoDbClient dynamo;
    private final String table;
    private final PurgeCategory category;

    MonthlyDueItems(DynamoDbClient dynamo, String table, PurgeCategory category) {
        this.dynamo = dynamo;
        this.table = table;
        this.category = category;
    }

    @Override
    public PurgeCategory category() {
        return category;
    }

    @Override
    public String startAt(Instant since) {
        return DuePosition.month(YearMonth.from(since.atOffset(ZoneOffset.UTC))).encode();
    }

    @Override
    public Page due(String position, Instant cutoff, int limit) {
        DuePosition at = DuePosition.decode(position);
        YearMonth lastMonth = YearMonth.from(cutoff.atOffset(ZoneOffset.UTC));
        AttributeValue upper = AttributeValue.fromS(SECOND.format(cutoff.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1)));
        List<DueItem> found = new ArrayList<>();
        while (true) {
            if (at.yearMonth().isAfter(lastMonth)) {
                return new Page(found, at.encode(), true);
            }
            DuePosition from = at;
            QueryResponse page = dynamo.query(q -> q.tableName(table)
                    .keyConditionExpression("#m = :m AND #e < :upper")
                    .expressionAttributeNames(Map.of("#m", MONTH, "#e", ENTRY))
                    .expressionAttributeValues(Map.of(":m", AttributeValue.fromS(from.partition()), ":upper", upper))
                    .projectionExpression("#m, #e")
                    .limit(limit - found.size())
                    .exclusiveStartKey(from.exclusiveStartKey()));
            for (Map<String, AttributeValue> item : page.items()) {
                String entry = item.get(ENTRY).s();
                if (!Instant.parse(entry.substring(0, entry.indexOf('#'))).isAfter(cutoff)) {
                    found.add(DueItem.unowned(DuePosition.encodeKey(item)));
                }
            }
            if (page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()) {
                at = at.after(page.lastEvaluatedKey());
            } else if (at.yearMonth().isBefore(lastMonth)) {
                at = DuePosition.month(at.yearMonth().plusMonths(1));
            } else {
                return new Page(found, DuePosition.month(lastMonth).encode(), true);
            }
            if (found.size() >= limit) {
                return new Page(found, at.encode(), false);
            }
        }
    }

    @Override
    public Deletion delete(List<DueItem> items, Instant cutoff) {
        return Deleter.delete(dynamo, items, due -> DeleteItemRequest.builder().tableName(table)
                .key(DuePosition.decodeKey(due.ref()))
                .conditionExpression("attribute_exists(#m)")
                .expressionAttributeNames(Map.of("#m", MONTH)).build());
    }
}
