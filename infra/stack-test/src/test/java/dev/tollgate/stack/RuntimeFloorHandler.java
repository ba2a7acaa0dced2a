package dev.tollgate.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The floor under every cold start: a Lambda handler of one class, with no framework, no SDK and no
 * dependency, answering any event with an empty HTTP API response. {@link ColdStartBenchmark} packs
 * it alone into a zip and starts it as it starts the functions, so its row is what the JVM and AWS's
 * runtime client cost before any of Tollgate's code runs.
 */
public final class RuntimeFloorHandler {

    private static final byte[] ANSWER = "{\"statusCode\":204}".getBytes(StandardCharsets.UTF_8);

    public void handleRequest(InputStream event, OutputStream answer) throws IOException {
        event.transferTo(OutputStream.nullOutputStream());
        answer.write(ANSWER);
    }
}
