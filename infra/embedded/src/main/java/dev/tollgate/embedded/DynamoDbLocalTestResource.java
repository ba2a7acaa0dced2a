package dev.tollgate.embedded;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * For {@code @QuarkusTest}: a fresh in-memory DynamoDB Local per test class, and every table's
 * name (on AWS the SAM template gives them); the app creates its tables at startup
 * ({@code tollgate.tables.create-missing}). The endpoint is published as the
 * system property {@code dynamodb-local.test-endpoint} for tests that read raw items.
 */
public class DynamoDbLocalTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String ENDPOINT_PROPERTY = "dynamodb-local.test-endpoint";

    private EmbeddedDynamoDb dynamo;

    @Override
    public Map<String, String> start() {
        dynamo = EmbeddedDynamoDb.inMemory();
        System.setProperty(ENDPOINT_PROPERTY, dynamo.endpoint());
        return Map.ofEntries(
                Map.entry("quarkus.dynamodb.endpoint-override", dynamo.endpoint()),
                Map.entry("quarkus.dynamodb.aws.region", EmbeddedDynamoDb.REGION),
                Map.entry("quarkus.dynamodb.aws.credentials.type", "static"),
                Map.entry("quarkus.dynamodb.aws.credentials.static-provider.access-key-id", EmbeddedDynamoDb.ACCESS_KEY),
                Map.entry("quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", EmbeddedDynamoDb.SECRET_KEY),
                Map.entry("tollgate.tables.licenses", "tollgate-licenses"),
                Map.entry("tollgate.tables.startup-log", "tollgate-startup-log"),
                Map.entry("tollgate.tables.releases", "tollgate-releases"),
                Map.entry("tollgate.tables.tenants", "tollgate-tenants"),
                Map.entry("tollgate.tables.audit", "tollgate-admin-audit"),
                Map.entry("tollgate.tables.purge-reports", "tollgate-purge-reports"),
                Map.entry("tollgate.tables.usage", "tollgate-usage"),
                Map.entry("tollgate.tables.idempotency", "tollgate-idempotency"),
                Map.entry("tollgate.tables.lease-keys", "tollgate-lease-keys"),
                Map.entry("tollgate.tables.create-missing", "true"));
    }

    @Override
    public void stop() {
        if (dynamo != null) {
            dynamo.close();
        }
    }
}
