package dev.tollgate.function.startuplog;

import java.util.List;
import java.util.Map;
import dev.tollgate.license.KeyDigest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Raw items of the startup-log table, read past the adapter, for checking what is really stored. */
final class StartupLogItems {

    private StartupLogItems() {
    }

    static List<Map<String, AttributeValue>> of(DynamoDbClient dynamo, KeyDigest digest) {
        return dynamo.queryPaginator(r -> r.tableName("tollgate-startup-log").keyConditionExpression("keyDigest = :d")
                .expressionAttributeValues(Map.of(":d", AttributeValue.fromS(digest.hex())))).items().stream().toList();
    }
}
