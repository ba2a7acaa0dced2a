package dev.tollgate.adapters.dynamodb;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** What every Tollgate table shares: on-demand, string keys, and page cursors that are opaque to clients. */
public final class DynamoTables {

    private DynamoTables() {
    }

    /** An on-demand table keyed by a string partition key and, if {@code rangeKey} is not null, a string sort key. */
    public static CreateTableRequest keyed(String table, String hashKey, String rangeKey) {
        List<AttributeDefinition> attributes = new ArrayList<>();
        List<KeySchemaElement> keys = new ArrayList<>();
        attributes.add(AttributeDefinition.builder().attributeName(hashKey).attributeType(ScalarAttributeType.S).build());
        keys.add(KeySchemaElement.builder().attributeName(hashKey).keyType(KeyType.HASH).build());
        if (rangeKey != null) {
            attributes.add(AttributeDefinition.builder().attributeName(rangeKey).attributeType(ScalarAttributeType.S).build());
            keys.add(KeySchemaElement.builder().attributeName(rangeKey).keyType(KeyType.RANGE).build());
        }
        return CreateTableRequest.builder().tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attributes).keySchema(keys).build();
    }

    /** A page cursor for the key value a listing stopped at. */
    public static String cursorOf(String keyValue) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(keyValue.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The key value inside a cursor; callers still check it belongs to their listing.
     *
     * @throws IllegalArgumentException if it is not base64url
     */
    public static String keyValueOf(String cursor) {
        return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    }
}
