package dev.tollgate.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.embedded.DynamoDbLocalTestResource;
import dev.tollgate.embedded.EmbeddedDynamoDb;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The local runtime calls the DynamoDB Local it runs without HTTP, and HTTP clients of that engine see the same data. */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalTestResource.class)
class InProcessStoreIntegrationTest {

    @Inject
    DynamoDbClient dynamo;

    /** The engine the test resource started, in this JVM. */
    private static EmbeddedDynamoDb engine() {
        return EmbeddedDynamoDb.running(System.getProperty(DynamoDbLocalTestResource.ENDPOINT_PROPERTY)).orElseThrow();
    }

    @Test
    void theRuntimesClientIsItsEnginesInProcessOne() {
        assertSame(engine().inProcessClient(), dynamo);
    }

    @Test
    void whatTheRuntimeWritesInProcessIsWhatAnHttpClientReads() {
        String key = LocalAdmin.issue(LocalDate.now(ZoneOffset.UTC).plusYears(1));
        assertEquals("VALID", LocalRuntimeIntegrationTest.verdict(key));
        try (DynamoDbClient http = engine().client()) {
            int overHttp = http.scan(r -> r.tableName("tollgate-licenses")).count();
            assertTrue(overHttp >= 1, "the licence issued through the runtime is in the table");
            assertEquals(dynamo.scan(r -> r.tableName("tollgate-licenses")).count(), overHttp);
        }
    }
}
