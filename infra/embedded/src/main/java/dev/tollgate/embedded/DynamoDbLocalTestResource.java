package dev.tollgate.embedded;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * For {@code @QuarkusTest}: a fresh in-memory DynamoDB Local per test class; the app creates its
 * tables at startup ({@code tollgate.tables.create-missing}). The endpoint is published as the
 * system property {@code dynamodb-local.test-endpoint} for tests that read raw items.
 */
public class DynamoDbLocalTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String ENDPOINT_PROPERTY = "dynamodb-local.test-endpoint";

    private EmbeddedDynamoDb dynamo;

    @Override
    public Map<String, String> start() {
        dynamo = EmbeddedDynamoDb.inMemory();
        System.setProperty(ENDPOINT_PROPERTY, dynamo.endpoint());
        return Map.of(
                "quarkus.dynamodb.endpoint-override", dynamo.endpoint(),
                "quarkus.dynamodb.aws.region", EmbeddedDynamoDb.REGION,
                "quarkus.dynamodb.aws.credentials.type", "static",
                "quarkus.dynamodb.aws.credentials.static-provider.access-key-id", EmbeddedDynamoDb.ACCESS_KEY,
                "quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", EmbeddedDynamoDb.SECRET_KEY,
                "tollgate.tables.create-missing", "true");
    }

    @Override
    public void stop() {
        if (dynamo != null) {
            dynamo.close();
        }
    }
}
