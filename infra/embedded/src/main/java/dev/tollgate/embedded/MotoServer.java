package dev.tollgate.embedded;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * moto's server mode: a real AWS wire-protocol peer (KMS, S3, SQS) on a loopback port. It is a
 * Python tool, present on build machines but maybe not on a user's: {@link #isAvailable()} lets a
 * test skip itself cleanly (install with {@code pip install "moto[server]"}).
 */
public final class MotoServer implements AutoCloseable {

    public static final String REGION = "us-east-1";
    public static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

    private final Process process;
    private final int port;

    private MotoServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static final String TOOL = "moto_server";
    public static final String INSTALL = "pip install \"moto[server]\"";

    public static boolean isAvailable() {
        return ExternalTool.find(TOOL).isPresent();
    }

    /** Starts moto_server, or skips the calling test where it is not installed (fails it under CI=true). */
    public static MotoServer startOrSkip() {
        ExternalTool.require(TOOL, INSTALL);
        return start();
    }

    public static MotoServer start() {
        Path exe = ExternalTool.find(TOOL).orElseThrow(() -> new IllegalStateException("moto_server is not on the PATH"));
        int port = EmbeddedDynamoDb.freePort();
        try {
            Process process = new ProcessBuilder(exe.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            MotoServer moto = new MotoServer(process, port);
            moto.awaitReady(Duration.ofSeconds(30));
            return moto;
        } catch (IOException e) {
            throw new IllegalStateException("moto_server did not start", e);
        }
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited with " + process.exitValue());
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(endpointText() + "/moto-api/").toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(1000);
                if (c.getResponseCode() < 500) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("moto_server was not ready within " + timeout);
    }

    public String endpointText() {
        return "http://127.0.0.1:" + port;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
