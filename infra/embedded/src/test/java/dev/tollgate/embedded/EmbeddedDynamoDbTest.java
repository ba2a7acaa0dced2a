package dev.tollgate.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class EmbeddedDynamoDbTest {

    @TempDir
    Path dir;

    @Test
    void dataOnDiskSurvivesARestart() {
        try (EmbeddedDynamoDb first = EmbeddedDynamoDb.onDisk(dir, 0); DynamoDbClient client = first.client()) {
            client.createTable(r -> r.tableName("kept-data")
                    .attributeDefinitions(a -> a.attributeName("k").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("k").keyType(KeyType.HASH))
                    .billingMode("PAY_PER_REQUEST"));
            client.putItem(r -> r.tableName("kept-data").item(Map.of("k", AttributeValue.fromS("kept"))));
        }
        try (EmbeddedDynamoDb second = EmbeddedDynamoDb.onDisk(dir, 0); DynamoDbClient client = second.client()) {
            assertEquals("kept", client.getItem(r -> r.tableName("kept-data")
                    .key(Map.of("k", AttributeValue.fromS("kept")))).item().get("k").s());
        }
    }

    @Test
    void theInProcessClientReadsAndWritesTheTablesHttpClientsSee() {
        try (EmbeddedDynamoDb engine = EmbeddedDynamoDb.inMemory(); DynamoDbClient http = engine.client()) {
            assertBothWaysShared(engine, http);
        }
        try (EmbeddedDynamoDb engine = EmbeddedDynamoDb.onDisk(dir, 0); DynamoDbClient http = engine.client()) {
            assertBothWaysShared(engine, http);
        }
    }

    private static void assertBothWaysShared(EmbeddedDynamoDb engine, DynamoDbClient http) {
        DynamoDbClient inProcess = engine.inProcessClient();
        createTable(http, "shared");
        http.putItem(r -> r.tableName("shared").item(Map.of("k", AttributeValue.fromS("by-http"))));
        inProcess.putItem(r -> r.tableName("shared").item(Map.of("k", AttributeValue.fromS("in-process"))));
        assertEquals("by-http", inProcess.getItem(r -> r.tableName("shared")
                .key(Map.of("k", AttributeValue.fromS("by-http")))).item().get("k").s());
        assertEquals("in-process", http.getItem(r -> r.tableName("shared")
                .key(Map.of("k", AttributeValue.fromS("in-process")))).item().get("k").s());
    }

    @Test
    void theEnginesRefusalsArriveAsTheSdksExceptions() {
        try (EmbeddedDynamoDb engine = EmbeddedDynamoDb.inMemory()) {
            DynamoDbClient inProcess = engine.inProcessClient();
            createTable(inProcess, "refusals");
            inProcess.putItem(r -> r.tableName("refusals").item(Map.of("k", AttributeValue.fromS("taken"))));
            assertThrows(ConditionalCheckFailedException.class, () -> inProcess.putItem(r -> r.tableName("refusals")
                    .item(Map.of("k", AttributeValue.fromS("taken"))).conditionExpression("attribute_not_exists(k)")));
            TransactionCanceledException cancelled = assertThrows(TransactionCanceledException.class,
                    () -> inProcess.transactWriteItems(r -> r.transactItems(t -> t.put(p -> p.tableName("refusals")
                            .item(Map.of("k", AttributeValue.fromS("taken"))).conditionExpression("attribute_not_exists(k)")))));
            assertEquals("ConditionalCheckFailed", cancelled.cancellationReasons().get(0).code());
            assertThrows(ResourceNotFoundException.class, () -> inProcess.getItem(r -> r.tableName("no-such-table")
                    .key(Map.of("k", AttributeValue.fromS("x")))));
        }
    }

    @Test
    void closingTheInProcessClientLeavesTheEngineRunningAndStoppingItForgetsIt() {
        EmbeddedDynamoDb engine = EmbeddedDynamoDb.inMemory();
        try (engine) {
            assertSame(engine, EmbeddedDynamoDb.running(engine.endpoint()).orElseThrow());
            createTable(engine.inProcessClient(), "kept-open");
            engine.inProcessClient().close();
            engine.inProcessClient().putItem(r -> r.tableName("kept-open").item(Map.of("k", AttributeValue.fromS("still"))));
        }
        assertFalse(EmbeddedDynamoDb.running(engine.endpoint()).isPresent());
    }

    private static void createTable(DynamoDbClient client, String name) {
        client.createTable(r -> r.tableName(name)
                .attributeDefinitions(a -> a.attributeName("k").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("k").keyType(KeyType.HASH))
                .billingMode("PAY_PER_REQUEST"));
    }

    @Test
    void theEngineListensOnLoopbackOnly() throws IOException {
        InetAddress external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> !a.isLoopbackAddress() && a.getAddress().length == 4)
                .findFirst().orElse(null);
        Assumptions.assumeTrue(external != null, "no non-loopback IPv4 address on this machine");
        try (EmbeddedDynamoDb engine = EmbeddedDynamoDb.inMemory()) {
            try (Socket loopback = new Socket()) {
                loopback.connect(new InetSocketAddress("127.0.0.1", engine.port()), 2000);
            }
            assertThrows(IOException.class, () -> {
                try (Socket outside = new Socket()) {
                    outside.connect(new InetSocketAddress(external, engine.port()), 2000);
                }
            });
        }
    }
}
