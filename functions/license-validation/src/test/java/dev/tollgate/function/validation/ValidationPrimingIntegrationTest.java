package dev.tollgate.function.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.embedded.DynamoDbLocalTestResource;
import dev.tollgate.embedded.EmbeddedDynamoDb;
import dev.tollgate.startup.InMemoryStartupEvents;
import dev.tollgate.startup.StartupEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The SnapStart priming hook runs the validation path and leaves no trace: no write, no startup, no item. */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalTestResource.class)
class ValidationPrimingIntegrationTest {

    @Inject
    ValidationPriming priming;
    @Inject
    StartupEvents startups;

    @Test
    void primingReadsOnceSignsAndWritesNothing() {
        int startupsBefore = ((InMemoryStartupEvents) startups).recorded().size();
        Map<String, Integer> before = snapshot();

        int first = priming.prime();
        priming.beforeCheckpoint(null); // what Lambda's CRaC context calls before the snapshot
        assertEquals(first + 2, priming.prime(), "the checkpoint hook walks the path once more");
        Map<String, Integer> after = snapshot();
        assertEquals(before.getOrDefault("GetItem", 0) + 3, after.getOrDefault("GetItem", 0), "one read per walk");
        after.forEach((operation, count) -> {
            if (!operation.equals("GetItem")) {
                assertEquals(before.getOrDefault(operation, 0), count, operation + " during priming");
            }
        });
        assertEquals(startupsBefore, ((InMemoryStartupEvents) startups).recorded().size(), "no startup handed off");
        try (DynamoDbClient dynamo = DynamoDbClient.builder()
                .endpointOverride(URI.create(System.getProperty(DynamoDbLocalTestResource.ENDPOINT_PROPERTY)))
                .region(Region.of(EmbeddedDynamoDb.REGION)).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(EmbeddedDynamoDb.ACCESS_KEY, EmbeddedDynamoDb.SECRET_KEY))).build()) {
            for (String table : dynamo.listTables().tableNames()) {
                assertTrue(dynamo.scan(r -> r.tableName(table)).items().stream()
                        .noneMatch(item -> item.toString().contains("t_0000000000000000")), table + " holds a priming trace");
            }
        }
    }

    private static Map<String, Integer> snapshot() {
        Map<String, Integer> counts = new java.util.HashMap<>();
        CountingDynamoDbInterceptor.BY_OPERATION.forEach((operation, n) -> counts.put(operation, n.get()));
        return counts;
    }
}
