package dev.tollgate.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The local runtime as a vendor runs it (infra/local's packaged app, {@code java -jar}), on a data
 * folder of its own, with DynamoDB Local on a port the test knows so it can read the same engine.
 */
final class LocalRuntimeProcess implements AutoCloseable {

    static final Path APP = Path.of(System.getProperty("tollgate.stack.local-app", "../local/target/quarkus-app/quarkus-run.jar"));

    private final Process process;
    final int httpPort;
    final int dynamoDbPort;

    private LocalRuntimeProcess(Process process, int httpPort, int dynamoDbPort) {
        this.process = process;
        this.httpPort = httpPort;
        this.dynamoDbPort = dynamoDbPort;
    }

    /** Starts it and waits until it answers; {@code jvmOptions} as a vendor would set them (e.g. the JIT mode). */
    static LocalRuntimeProcess start(Path dataDir, List<String> jvmOptions) {
        int http = freePort();
        int dynamo = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dtollgate.local.data-dir=" + dataDir, "-Dtollgate.local.dynamodb-port=" + dynamo,
                "-Dquarkus.http.port=" + http, "-jar", APP.toAbsolutePath().toString()));
        try {
            Files.createDirectories(dataDir);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("runtime.log").toFile())).start();
            LocalRuntimeProcess runtime = new LocalRuntimeProcess(process, http, dynamo);
            runtime.awaitReady(Duration.ofSeconds(120));
            return runtime;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    URI dynamoDbEndpoint() {
        return URI.create("http://127.0.0.1:" + dynamoDbPort);
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the local runtime exited with " + process.exitValue());
            }
            try {
                int status = http.send(HttpRequest.newBuilder(uri("/.well-known/jwks.json")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(200);
        }
        close();
        throw new IllegalStateException("the local runtime did not answer within " + timeout);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code kill -9}: no shutdown hook, no drain, nothing flushed that was not already on disk. */
    void killHard() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("the local runtime survived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
