package dev.tollgate.local;

import dev.tollgate.embedded.EmbeddedDynamoDb;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;

/**
 * The embedded default: DynamoDB Local on a folder (data survives restarts), the local key ring,
 * every route in one process on 127.0.0.1. No AWS account, no Docker, no network.
 */
@QuarkusMain
public final class LocalMain {

    private LocalMain() {
    }

    public static void main(String... args) {
        Path dataDir = dataDir();
        System.setProperty("tollgate.local.data-dir", dataDir.toString());
        // Owner-only before DynamoDB Local, the key ring or the journal write anything in it.
        LocalDataFolder.secure(dataDir);
        int port = Integer.getInteger("tollgate.local.dynamodb-port", 0);
        try (EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.onDisk(dataDir.resolve("dynamodb"), port)) {
            // Set before Quarkus reads its configuration; system properties outrank application.properties.
            System.setProperty("quarkus.dynamodb.endpoint-override", dynamo.endpoint());
            Quarkus.run(args);
        }
    }

    static Path dataDir() {
        String configured = System.getProperty("tollgate.local.data-dir", System.getenv("TOLLGATE_LOCAL_DATA_DIR"));
        return configured != null && !configured.isBlank()
                ? Path.of(configured).toAbsolutePath()
                : Path.of(System.getProperty("user.home"), ".tollgate");
    }
}
