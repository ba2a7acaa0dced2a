package dev.tollgate.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.embedded.DDBExceptionMappingInvocationHandler;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.AbstractLocalDynamoDBServerHandler;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBRequestHandler;
import software.amazon.dynamodb.services.local.shared.access.LocalDBClient;

/**
 * AWS's own DynamoDB engine (DynamoDB Local), in this JVM, on a loopback port: in memory for tests,
 * or on a folder for the local runtime so data survives restarts. Code in the same JVM can also call
 * the engine without HTTP ({@link #inProcessClient()}); the port stays for other processes.
 */
public final class EmbeddedDynamoDb implements AutoCloseable {

    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY = "local";
    public static final String SECRET_KEY = "local";
    /** The file DynamoDB Local keeps every table in with {@code -sharedDb}. */
    public static final String SHARED_DATABASE = "shared-local-instance.db";

    /** Engines running in this JVM, by {@link #endpoint()}. */
    private static final Map<String, EmbeddedDynamoDb> RUNNING = new ConcurrentHashMap<>();

    private final DynamoDBProxyServer server;
    private final int port;
    private final DynamoDbClient inProcess;

    private EmbeddedDynamoDb(DynamoDBProxyServer server, int port) throws ReflectiveOperationException {
        this.server = server;
        this.port = port;
        this.inProcess = inProcess(server);
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
        DynamoDBProxyServer server = null;
        try {
            server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
            bindToLoopback(server);
            server.start();
            EmbeddedDynamoDb engine = new EmbeddedDynamoDb(server, port);
            RUNNING.put(engine.endpoint(), engine);
            return engine;
        } catch (Exception e) {
            IllegalStateException failure = new IllegalStateException("DynamoDB Local did not start on port " + port, e);
            if (server != null) {
                try {
                    server.stop();
                } catch (Exception stop) {
                    failure.addSuppressed(stop);
                }
            }
            throw failure;
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

    /**
     * The SDK interface straight onto the engine the HTTP port serves, built as DynamoDB Local's own
     * {@code DynamoDBEmbedded} builds its client (same request objects, the engine's errors mapped to
     * the SDK's exceptions), but over this server's database rather than a second one on the same file.
     * DynamoDB Local 3.1 offers no public way to that, hence the reflection; a version that moves these
     * members fails here, at start, and the tests say so.
     */
    private static DynamoDbClient inProcess(DynamoDBProxyServer proxy) throws ReflectiveOperationException {
        Field serverHandler = DynamoDBProxyServer.class.getDeclaredField("serverHandler");
        serverHandler.setAccessible(true);
        Field primaryHandler = AbstractLocalDynamoDBServerHandler.class.getDeclaredField("primaryHandler");
        primaryHandler.setAccessible(true);
        LocalDynamoDBRequestHandler requests = (LocalDynamoDBRequestHandler) primaryHandler.get(serverHandler.get(proxy));
        // The database an HTTP caller with these credentials reaches (one shared one with -sharedDb).
        Method database = LocalDynamoDBRequestHandler.class.getDeclaredMethod("getCredentialsString", String.class, String.class);
        database.setAccessible(true);
        Method handler = LocalDynamoDBRequestHandler.class.getDeclaredMethod("getHandler", String.class);
        handler.setAccessible(true);
        LocalDBClient engine = (LocalDBClient) handler.invoke(requests, database.invoke(requests, ACCESS_KEY, REGION));
        Constructor<DDBExceptionMappingInvocationHandler> mapping =
                DDBExceptionMappingInvocationHandler.class.getDeclaredConstructor(LocalDBClient.class);
        mapping.setAccessible(true);
        InvocationHandler calls = mapping.newInstance(engine);
        // The engine's life is this object's: a caller closing its client must not shut the database down.
        InvocationHandler keepOpen = (self, method, args) ->
                method.getName().equals("close") && method.getParameterCount() == 0 ? null : calls.invoke(self, method, args);
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, keepOpen);
    }

    /** The engine running in this JVM at {@code endpoint}, if there is one. */
    public static Optional<EmbeddedDynamoDb> running(String endpoint) {
        return Optional.ofNullable(endpoint).map(RUNNING::get);
    }

    /**
     * This engine without HTTP: no SigV4, no JSON, no sockets, no Jetty; the same tables any HTTP
     * client of {@link #endpoint()} sees. There is no network to time out, so the SDK's call budget
     * does not apply; {@code close()} on it does nothing (closing this object stops the engine).
     */
    public DynamoDbClient inProcessClient() {
        return inProcess;
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
        RUNNING.remove(endpoint(), this);
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop", e);
        }
    }
}
