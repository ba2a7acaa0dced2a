package dev.tollgate.adapters.dynamodb;

import dev.tollgate.tenant.TenantId;
import dev.tollgate.ticket.DedupMarkers;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * The idempotency table. An item is exactly: marker id (partition: SHA-256 of tenant id and
 * Idempotency-Key, so the key itself is never stored), tenant id, state ({@code IN_FLIGHT} /
 * {@code COMPLETED}), time (when it started, then when it completed) and TTL. Claiming is one
 * conditional put, so two concurrent requests with one key never both run.
 */
public final class DynamoDedupMarkers implements DedupMarkers {

    public static final String MARKER_ID = "markerId";
    public static final String TTL = "ttl";
    static final String TENANT_ID = "tenantId";
    static final String STATE = "state";
    static final String AT = "at";
    static final String IN_FLIGHT = "IN_FLIGHT";
    static final String COMPLETED = "COMPLETED";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration ttl;

    /** @param ttl how long a marker is kept: RetentionPolicy.dedupMarkers(), the promise's 1 day; an expired one counts as absent */
    public DynamoDedupMarkers(DynamoDbClient dynamo, String table, Duration ttl) {
        this.dynamo = dynamo;
        this.table = table;
        this.ttl = ttl;
    }

    /** The table's shape, for the local runtime and tests; sam-template.yaml declares the same. */
    public static CreateTableRequest tableDefinition(String table) {
        return DynamoTables.keyed(table, MARKER_ID, null);
    }

    @Override
    public Claim begin(TenantId tenant, String idempotencyKey, Instant now, Duration takeOverAfter) {
        String id = DedupMarkers.markerId(tenant, idempotencyKey);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(MARKER_ID, s(id));
        item.put(TENANT_ID, s(tenant.value()));
        item.put(STATE, s(IN_FLIGHT));
        item.put(AT, s(now.toString()));
        item.put(TTL, n(now.plus(ttl).getEpochSecond()));
        try {
            // New, or expired but not yet deleted by DynamoDB, or in flight past any live run's end.
            // ISO-8601 instants of one format compare as strings in time order.
            dynamo.putItem(r -> r.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#id) OR #ttl <= :nowEpoch"
                            + " OR (#state = :inFlight AND #at < :stale)")
                    .expressionAttributeNames(Map.of("#id", MARKER_ID, "#ttl", TTL, "#state", STATE, "#at", AT))
                    .expressionAttributeValues(Map.of(":nowEpoch", n(now.getEpochSecond()), ":inFlight", s(IN_FLIGHT),
                            ":stale", s(now.minus(takeOverAfter).toString()))));
            return new Claim.Started(id, tenant, now);
        } catch (ConditionalCheckFailedException taken) {
            Map<String, AttributeValue> existing = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                    .key(Map.of(MARKER_ID, s(id)))).item();
            if (existing == null || existing.isEmpty()) {
                return begin(tenant, idempotencyKey, now, takeOverAfter); // released in between: try once more
            }
            Instant at = Instant.parse(existing.get(AT).s());
            return COMPLETED.equals(existing.get(STATE).s()) ? new Claim.Completed(at) : new Claim.InFlight(at);
        }
    }

    @Override
    public void complete(Claim.Started started, Instant at) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(Map.of(MARKER_ID, s(started.markerId())))
                    .updateExpression("SET #state = :completed, #at = :now")
                    .conditionExpression("#state = :inFlight AND #at = :started")
                    .expressionAttributeNames(Map.of("#state", STATE, "#at", AT))
                    .expressionAttributeValues(Map.of(":completed", s(COMPLETED), ":now", s(at.toString()),
                            ":inFlight", s(IN_FLIGHT), ":started", s(started.startedAt().toString()))));
        } catch (ConditionalCheckFailedException takenOver) {
            // Another run took the marker over after this one passed its deadline; that run decides.
        }
    }

    @Override
    public void release(Claim.Started started) {
        try {
            dynamo.deleteItem(r -> r.tableName(table).key(Map.of(MARKER_ID, s(started.markerId())))
                    .conditionExpression("#state = :inFlight AND #at = :started")
                    .expressionAttributeNames(Map.of("#state", STATE, "#at", AT))
                    .expressionAttributeValues(Map.of(":inFlight", s(IN_FLIGHT),
                            ":started", s(started.startedAt().toString()))));
        } catch (ConditionalCheckFailedException takenOver) {
            // Not this run's marker any more.
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
