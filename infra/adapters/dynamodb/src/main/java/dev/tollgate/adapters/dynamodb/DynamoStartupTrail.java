package dev.tollgate.adapters.dynamodb;

import dev.tollgate.license.KeyDigest;
import dev.tollgate.license.Product;
import dev.tollgate.license.VerdictCode;
import dev.tollgate.retention.RetentionPolicy;
import dev.tollgate.startup.StartupEvent;
import dev.tollgate.startup.StartupTrail;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The startup-log table. An item is exactly: key digest (partition), entry (sort: fixed-width UTC
 * time to the millisecond, '#', event id), product, verdict, TTL, and the retention index's day and
 * start (the startup's time, again: {@link RetentionIndex}). Writing an event again puts the
 * identical item under the identical key, which is why a redelivered message never adds an entry.
 */
public final class DynamoStartupTrail implements StartupTrail {

    public static final String KEY_DIGEST = "keyDigest";
    public static final String ENTRY = "entry";
    public static final String TTL = Expiry.TTL;

    private static final Logger LOG = Logger.getLogger(DynamoStartupTrail.class);
    private static final int BATCH = 25;
    private static final int ATTEMPTS = 6;
    private static final int MAX_QUERY_ROUNDS = 10;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern ENTRY_SHAPE =
            Pattern.compile("(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z)#([0-9a-f]{32})");

    private final DynamoDbClient dynamo;
    private final String table;
    private final RetentionPolicy retention;
    private final Clock clock;

    public DynamoStartupTrail(DynamoDbClient dynamo, String table, RetentionPolicy retention, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
        this.clock = clock;
    }

    /** The table's shape, for the local runtime and tests; sam-template.yaml declares the same. */
    public static CreateTableRequest tableDefinition(String table) {
        return RetentionIndex.addTo(DynamoTables.keyed(table, KEY_DIGEST, ENTRY));
    }

    @Override
    public List<StartupEvent> write(List<StartupEvent> events) {
        // One request may not name the same key twice; the same key means the same entry anyway.
        Map<String, StartupEvent> byKey = new LinkedHashMap<>();
        events.forEach(e -> byKey.putIfAbsent(e.digest().hex() + "|" + entry(e), e));
        List<StartupEvent> distinct = List.copyOf(byKey.values());
        List<StartupEvent> unwritten = new ArrayList<>();
        for (int i = 0; i < distinct.size(); i += BATCH) {
            unwritten.addAll(writeBatch(distinct.subList(i, Math.min(i + BATCH, distinct.size()))));
        }
        return unwritten;
    }

    /** Retries unprocessed items with backoff; what is still unprocessed after that is returned. */
    private List<StartupEvent> writeBatch(List<StartupEvent> batch) {
        Map<String, StartupEvent> pending = new LinkedHashMap<>();
        batch.forEach(e -> pending.put(entry(e), e));
        for (int attempt = 0; attempt < ATTEMPTS && !pending.isEmpty(); attempt++) {
            if (attempt > 0) {
                backOff(attempt);
            }
            List<WriteRequest> requests = pending.values().stream()
                    .map(e -> WriteRequest.builder().putRequest(PutRequest.builder().item(toItem(e)).build()).build())
                    .toList();
            List<WriteRequest> unprocessed;
            try {
                unprocessed = dynamo.batchWriteItem(r -> r.requestItems(Map.of(table, requests)))
                        .unprocessedItems().getOrDefault(table, List.of());
            } catch (SdkException e) {
                // The SDK has already retried throttling and 5xx; the messages go back to the queue.
                LOG.warnf("startup-log batch of %d not written: %s", pending.size(), e.getClass().getSimpleName());
                return List.copyOf(pending.values());
            }
            Map<String, StartupEvent> stillPending = new LinkedHashMap<>();
            for (WriteRequest request : unprocessed) {
                String entry = request.putRequest().item().get(ENTRY).s();
                stillPending.put(entry, pending.get(entry));
            }
            pending.clear();
            pending.putAll(stillPending);
        }
        if (!pending.isEmpty()) {
            LOG.warnf("startup-log: %d entries still unprocessed after %d attempts", pending.size(), ATTEMPTS);
        }
        return List.copyOf(pending.values());
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(Math.min(1_000L, 25L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Page list(KeyDigest digest, Instant from, Instant to, int limit, Optional<String> cursor) {
        String lower = TIME.format(from) + "#";
        String upper = TIME.format(to) + "#~"; // '~' sorts after every id character
        Map<String, AttributeValue> start = cursor.map(c -> decodeCursor(c, lower, upper))
                .map(entry -> Map.of(KEY_DIGEST, s(digest.hex()), ENTRY, s(entry)))
                .orElse(null);
        Instant now = clock.instant();
        List<StartupEvent> entries = new ArrayList<>();
        // Expired items are skipped after the limit applies, so a round may come back short: continue until the page is full.
        for (int round = 0; round < MAX_QUERY_ROUNDS && entries.size() < limit; round++) {
            Map<String, AttributeValue> exclusiveStart = start;
            int wanted = limit - entries.size();
            QueryResponse page = dynamo.query(r -> r.tableName(table)
                    .keyConditionExpression("#d = :d AND #e BETWEEN :lower AND :upper")
                    .expressionAttributeNames(Map.of("#d", KEY_DIGEST, "#e", ENTRY))
                    .expressionAttributeValues(Map.of(":d", s(digest.hex()), ":lower", s(lower), ":upper", s(upper)))
                    .scanIndexForward(false)
                    .limit(wanted)
                    .exclusiveStartKey(exclusiveStart));
            page.items().stream().filter(item -> Expiry.live(item, now)).forEach(item -> entries.add(fromItem(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            if (start == null) {
                break;
            }
        }
        return new Page(List.copyOf(entries), Optional.ofNullable(start).map(k -> DynamoTables.cursorOf(k.get(ENTRY).s())));
    }

    @Override
    public int deleteAll(KeyDigest digest) {
        int deleted = 0;
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(r -> r.tableName(table).consistentRead(true)
                .keyConditionExpression("#d = :d")
                .expressionAttributeNames(Map.of("#d", KEY_DIGEST, "#e", ENTRY))
                .projectionExpression("#d, #e")
                .expressionAttributeValues(Map.of(":d", s(digest.hex())))).items()) {
            dynamo.deleteItem(r -> r.tableName(table).key(item));
            deleted++;
        }
        return deleted;
    }

    private Map<String, AttributeValue> toItem(StartupEvent event) {
        Instant expires = event.at().plus(retention.startupLog());
        Map<String, AttributeValue> item = new HashMap<>(RetentionIndex.attributes(event.at(), event.digest().hex() + entry(event)));
        item.put(KEY_DIGEST, s(event.digest().hex()));
        item.put(ENTRY, s(entry(event)));
        item.put("product", s(event.product().id()));
        item.put("verdict", s(event.verdict().name()));
        item.put(TTL, Expiry.at(expires));
        return item;
    }

    private static StartupEvent fromItem(Map<String, AttributeValue> item) {
        Matcher entry = ENTRY_SHAPE.matcher(item.get(ENTRY).s());
        if (!entry.matches()) {
            throw new IllegalStateException("startup-log entry with an unexpected sort key");
        }
        return new StartupEvent(entry.group(2), Instant.parse(entry.group(1)), new KeyDigest(item.get(KEY_DIGEST).s()),
                new Product(item.get("product").s()), VerdictCode.valueOf(item.get("verdict").s()));
    }

    static String entry(StartupEvent event) {
        return TIME.format(event.at()) + "#" + event.id();
    }

    /** A cursor is an entry of this listing's range; anything else is refused as a bad argument. */
    private static String decodeCursor(String cursor, String lower, String upper) {
        String entry;
        try {
            entry = DynamoTables.keyValueOf(cursor);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cursor is not base64url");
        }
        if (!ENTRY_SHAPE.matcher(entry).matches() || entry.compareTo(lower) < 0 || entry.compareTo(upper) > 0) {
            throw new IllegalArgumentException("cursor is outside this listing");
        }
        return entry;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
