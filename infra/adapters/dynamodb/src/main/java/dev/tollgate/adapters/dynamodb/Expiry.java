package dev.tollgate.adapters.dynamodb;

import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The one way an expiring table is read. Each expiring item carries {@value #TTL}, epoch seconds
 * computed from the RetentionPolicy when it is written. DynamoDB deletes an item some time after
 * that (typically within days, not on the second), so until then every read treats it as gone:
 * lookups, listings and pages alike filter with {@link #live}, in code, after the read. An item
 * without the attribute (a table whose items do not expire) is live.
 */
public final class Expiry {

    public static final String TTL = "ttl";

    private Expiry() {
    }

    public static AttributeValue at(Instant until) {
        return AttributeValue.fromN(Long.toString(until.getEpochSecond()));
    }

    public static boolean live(Map<String, AttributeValue> item, Instant now) {
        AttributeValue ttl = item.get(TTL);
        return ttl == null || ttl.n() == null || now.getEpochSecond() < Long.parseLong(ttl.n());
    }
}
