package dev.tollgate.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
