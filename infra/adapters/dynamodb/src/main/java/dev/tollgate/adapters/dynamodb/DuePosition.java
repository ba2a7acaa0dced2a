package dev.tollgate.adapters.dynamodb;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where a purge category stands, as text the purge keeps between runs: a partition (a day bucket's
 * day and shard, or a month) and, within it, the key the last read stopped after (DynamoDB's
 * LastEvaluatedKey), or none to start at the partition's beginning.
 */
record DuePosition(String partition, Map<String, AttributeValue> after) {

    DuePosition {
        after = Map.copyOf(after);
    }

    static DuePosition bucket(LocalDate day, int shard) {
        return new DuePosition(day + "#" + shard, Map.of());
    }

    static DuePosition month(YearMonth month) {
        return new DuePosition(month.toString(), Map.of());
    }

    LocalDate day() {
        return LocalDate.parse(partition.substring(0, partition.indexOf('#')));
    }

    int shard() {
        return Integer.parseInt(partition.substring(partition.indexOf('#') + 1));
    }

    YearMonth yearMonth() {
        return YearMonth.parse(partition);
    }

    DuePosition after(Map<String, AttributeValue> lastEvaluatedKey) {
        return new DuePosition(partition, lastEvaluatedKey == null ? Map.of() : lastEvaluatedKey);
    }

    /** The key to continue from, or null (DynamoDB's "from the start"). */
    Map<String, AttributeValue> exclusiveStartKey() {
        return after.isEmpty() ? null : after;
    }

    String encode() {
        return partition + "|" + encodeKey(after);
    }

    static DuePosition decode(String text) {
        int bar = text.indexOf('|');
        if (bar < 0) {
            throw new IllegalArgumentException("not a purge position");
        }
        return new DuePosition(text.substring(0, bar), decodeKey(text.substring(bar + 1)));
    }

    /** A primary key (string and number attributes) as text: a due item's ref, the key a position stops after. */
    static String encodeKey(Map<String, AttributeValue> key) {
        StringJoiner text = new StringJoiner(",");
        new TreeMap<>(key).forEach((name, value) ->
                text.add(name + "=" + (value.n() != null ? "N" + b64(value.n()) : "S" + b64(value.s()))));
        return text.toString();
    }

    static Map<String, AttributeValue> decodeKey(String text) {
        Map<String, AttributeValue> key = new HashMap<>();
        if (!text.isEmpty()) {
            for (String part : text.split(",")) {
                int eq = part.indexOf('=');
                String value = new String(Base64.getUrlDecoder().decode(part.substring(eq + 2)), StandardCharsets.UTF_8);
                key.put(part.substring(0, eq), part.charAt(eq + 1) == 'N' ? AttributeValue.fromN(value) : AttributeValue.fromS(value));
            }
        }
        return key;
    }

    private static String b64(String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
