package dev.tollgate.adapters.dynamodb;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * How the purge finds due items without scanning live data: an item whose retention has a start (a
 * licence's end, a startup, a subscription's end) carries that day, with a shard, as
 * {@value #DAY} ({@code 2026-11-23#2}) and the instant as {@value #START}. The index on them is
 * sparse (items without a start are not in it) and bucketed by day, so the purge queries the
 * buckets from where it stopped up to the cutoff day, asking only for starts at or before the
 * cutoff: it reads what is due and nothing else. Four shards spread one day's writes (every
 * startup of a day lands in the same day) over four partitions.
 */
public final class RetentionIndex {

    public static final String NAME = "byRetentionStart";
    public static final String DAY = "retentionDay";
    public static final String START = "retentionStart";
    public static final int SHARDS = 4;

    private RetentionIndex() {
    }

    /** The two attributes for an item whose retention starts at {@code start}; {@code shardKey} is its primary key. */
    static Map<String, AttributeValue> attributes(Instant start, String shardKey) {
        return Map.of(DAY, AttributeValue.fromS(bucket(LocalDate.ofInstant(start, ZoneOffset.UTC),
                        Math.floorMod(shardKey.hashCode(), SHARDS))),
                START, AttributeValue.fromN(Long.toString(start.getEpochSecond())));
    }

    static String bucket(LocalDate day, int shard) {
        return day + "#" + shard;
    }

    /** {@code table} with the index added; {@code projected} are non-key attributes the purge needs (a licence's tenant). */
    static CreateTableRequest addTo(CreateTableRequest table, String... projected) {
        List<AttributeDefinition> attributes = new ArrayList<>(table.attributeDefinitions());
        attributes.add(AttributeDefinition.builder().attributeName(DAY).attributeType(ScalarAttributeType.S).build());
        attributes.add(AttributeDefinition.builder().attributeName(START).attributeType(ScalarAttributeType.N).build());
        List<GlobalSecondaryIndex> indexes = new ArrayList<>(table.globalSecondaryIndexes());
        indexes.add(GlobalSecondaryIndex.builder().indexName(NAME)
                .keySchema(KeySchemaElement.builder().attributeName(DAY).keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(START).keyType(KeyType.RANGE).build())
                .projection(projected.length == 0
                        ? Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build()
                        : Projection.builder().projectionType(ProjectionType.INCLUDE).nonKeyAttributes(projected).build())
                .build());
        return table.toBuilder().attributeDefinitions(attributes).globalSecondaryIndexes(indexes).build();
    }
}
