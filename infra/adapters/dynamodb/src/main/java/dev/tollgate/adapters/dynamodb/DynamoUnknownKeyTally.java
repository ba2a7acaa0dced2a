package dev.tollgate.adapters.dynamodb;

import dev.tollgate.license.KeyDigest;
import dev.tollgate.license.Product;
import dev.tollgate.license.VerdictCode;
import dev.tollgate.retention.RetentionPolicy;
import dev.tollgate.startup.StartupEvent;
import dev.tollgate.startup.UnknownKeyTally;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The unknown-key tally, in the startup-log table under partitions of its own: key
 * {@value #PARTITION}{@code <product>} (never a digest: those are 64 hex characters, so no listing
 * or erasure of a licence can reach it), sort key the hour ({@code 2026-12-06T02Z}). One update per
 * product and hour of a batch adds to {@code count} and, while the sample holds fewer than
 * {@link #SAMPLE} digests, adds some to it; conditional, so the sample stays bounded (at most
 * {@code SAMPLE - 1} plus one batch's share). The item also says {@code verdict = NOT_FOUND}. Its TTL
 * is the hour plus the policy's period; reads filter expired hours ({@link Expiry}). The startup-log
 * function's role may update only these partitions (an IAM {@code dynamodb:LeadingKeys} condition).
 */
public final class DynamoUnknownKeyTally implements UnknownKeyTally {

    public static final String PARTITION = "unknown-keys#";

    private static final Logger LOG = Logger.getLogger(DynamoUnknownKeyTally.class);
    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH'Z'").withZone(ZoneOffset.UTC);

    private final DynamoDbClient dynamo;
    private final String table;
    private final RetentionPolicy retention;
    private final Clock clock;

    public DynamoUnknownKeyTally(DynamoDbClient dynamo, String table, RetentionPolicy retention, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public List<StartupEvent> add(List<StartupEvent> unknown) {
        Map<String, List<StartupEvent>> byHour = new LinkedHashMap<>();
        for (StartupEvent event : unknown) {
            byHour.computeIfAbsent(event.product().id() + "|" + HOUR.format(event.at()), k -> new ArrayList<>()).add(event);
        }
        List<StartupEvent> uncounted = new ArrayList<>();
        for (List<StartupEvent> group : byHour.values()) {
            try {
                count(group);
            } catch (SdkException e) {
                // The SDK has retried; the messages go back to the queue and are counted on redelivery.
                LOG.warnf("unknown-key tally: %d not counted: %s", group.size(), e.getClass().getSimpleName());
                uncounted.addAll(group);
            }
        }
        return uncounted;
    }

    private void count(List<StartupEvent> group) {
        StartupEvent first = group.get(0);
        Instant hour = first.at().truncatedTo(ChronoUnit.HOURS);
        Map<String, AttributeValue> key = Map.of(
                DynamoStartupTrail.KEY_DIGEST, s(PARTITION + first.product().id()),
                DynamoStartupTrail.ENTRY, s(HOUR.format(hour)));
        Map<String, String> names = new HashMap<>(Map.of("#c", "count", "#p", "product", "#v", "verdict",
                "#t", Expiry.TTL));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":n", AttributeValue.fromN(Integer.toString(group.size())),
                ":p", s(first.product().id()),
                ":v", s(VerdictCode.NOT_FOUND.name()),
                ":t", Expiry.at(hour.plus(retention.unknownKeyTally()))));
        String counting = "ADD #c :n SET #p = :p, #v = :v, #t = :t";
        Set<String> digests = new LinkedHashSet<>();
        group.stream().limit(SAMPLE).forEach(e -> digests.add(e.digest().hex()));
        Map<String, String> sampleNames = new HashMap<>(names);
        sampleNames.put("#s", "sample");
        Map<String, AttributeValue> sampleValues = new HashMap<>(values);
        sampleValues.put(":s", AttributeValue.fromSs(List.copyOf(digests)));
        sampleValues.put(":cap", AttributeValue.fromN(Integer.toString(SAMPLE)));
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key)
                    .updateExpression("ADD #c :n, #s :s SET #p = :p, #v = :v, #t = :t")
                    .conditionExpression("attribute_not_exists(#s) OR size(#s) < :cap")
                    .expressionAttributeNames(sampleNames).expressionAttributeValues(sampleValues));
        } catch (ConditionalCheckFailedException sampleFull) {
            dynamo.updateItem(r -> r.tableName(table).key(key).updateExpression(counting)
                    .expressionAttributeNames(names).expressionAttributeValues(values));
        }
    }

    @Override
    public List<Hour> hours(Product product, Instant from, Instant to) {
        Instant now = clock.instant();
        List<Hour> hours = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(r -> r.tableName(table)
                .keyConditionExpression("#d = :d AND #e BETWEEN :from AND :to")
                .expressionAttributeNames(Map.of("#d", DynamoStartupTrail.KEY_DIGEST, "#e", DynamoStartupTrail.ENTRY))
                .expressionAttributeValues(Map.of(":d", s(PARTITION + product.id()),
                        ":from", s(HOUR.format(from.truncatedTo(ChronoUnit.HOURS))), ":to", s(HOUR.format(to))))).items()) {
            if (!Expiry.live(item, now)) {
                continue;
            }
            Set<KeyDigest> sample = new TreeSet<>((a, b) -> a.hex().compareTo(b.hex()));
            if (item.containsKey("sample")) {
                item.get("sample").ss().forEach(d -> sample.add(new KeyDigest(d)));
            }
            String hour = item.get(DynamoStartupTrail.ENTRY).s();
            hours.add(new Hour(product, Instant.parse(hour.substring(0, hour.length() - 1) + ":00:00Z"),
                    Long.parseLong(item.get("count").n()), sample));
        }
        return hours;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
