package dev.tollgate.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * AWS's own DynamoDB engine (DynamoDB Local), in this JVM, on a loopback port: in memory for tests,
 * or on a folder for the local runtime so data survives restarts.
 */
public final class EmbeddedDynamoDb implements AutoCloseable {

    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY = "local";
    public static final String SECRET_KEY = "local";
    /** The file DynamoDB Local keeps every table in with {@code -sharedDb}. */
    public static final String SHARED_DATABASE = "shared-local-instance.db";

    private final DynamoDBProxyServer server;
    private final int port;

    private EmbeddedDynamoDb(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static EmbeddedDynamoDb inMemory() {
        return start(null, 0);
    }

    /**
     * Data kept in {@code folder} (created if missing); port 0 picks a free one. The folder and the
     * database file are owner-only: the file is created 0600 before the engine opens it, because
     * SQLite gives its journal files the database file's mode and otherwise creates it from the umask.
     */
    public static EmbeddedDynamoDb onDisk(Path folder, int port) {
        try {
            Files.createDirectories(folder);
            if (folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
                Path database = folder.resolve(SHARED_DATABASE);
                if (!Files.exists(database)) {
                    Files.createFile(database, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return start(folder, port);
    }

    private static EmbeddedDynamoDb start(Path folder, int requestedPort) {
        int port = requestedPort == 0 ? freePort() : requestedPort;
        List<String> args = new ArrayList<>(List.of("-port", Integer.toString(port), "-disableTelemetry"));
        if (folder == null) {
            args.add("-inMemory");
        } else {
            args.addAll(List.of("-sharedDb", "-dbPath", folder.toAbsolutePath().toString()));
        }
        try {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
            bindToLoopback(server);
            server.start();
            return new EmbeddedDynamoDb(server, port);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + port, e);
        }
    }

    /**
     * DynamoDB Local has no host option and listens on every interface; its data must not be
     * reachable from the network, so its Jetty connectors are pointed at 127.0.0.1 before start.
     */
    private static void bindToLoopback(DynamoDBProxyServer proxy) throws ReflectiveOperationException {
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        for (Connector connector : ((Server) field.get(proxy)).getConnectors()) {
            if (connector instanceof ServerConnector network) {
                network.setHost("127.0.0.1");
            }
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** A plain SDK client for tests that look at raw items. */
    public DynamoDbClient client() {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(endpoint()))
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop", e);
        }
    }
}
