package dev.tollgate.stack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AWS Lambda Runtime API (version 2018-06-01) as one execution environment sees it, served on a
 * free loopback port for ONE function process. Only what AWS's runtime interface client (RIC 2.x)
 * calls: its native client long-polls {@code /invocation/next} and POSTs the success response; its
 * Java code POSTs {@code /invocation/{id}/error} and {@code /init/error} and treats anything but
 * 202 there as a failure of the Runtime API.
 */
final class RuntimeApi implements AutoCloseable {

    /** The function's answer to one event: a response body, or the error the runtime reported. */
    record Outcome(boolean error, String body, String errorType) {
    }

    private record Invocation(String id, String event, long deadlineMs, CompletableFuture<Outcome> outcome) {
    }

    private static final String PREFIX = "/2018-06-01/runtime";
    private static final Pattern RESULT = Pattern.compile(PREFIX + "/invocation/([^/]+)/(response|error)");
    private static final String ERROR_TYPE = "Lambda-Runtime-Function-Error-Type";

    private final HttpServer server;
    private final ExecutorService threads;
    private final String functionArn;
    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<Outcome> initError = new CompletableFuture<>();
    private final CompletableFuture<Void> firstPoll = new CompletableFuture<>();

    private RuntimeApi(HttpServer server, ExecutorService threads, String functionArn) {
        this.server = server;
        this.threads = threads;
        this.functionArn = functionArn;
    }

    /** Serves the Runtime API for the function {@code functionArn} names, on 127.0.0.1 and a free port. */
    static RuntimeApi start(String functionArn) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            // A parked /next holds its thread until an event comes: the pool must grow past it.
            ExecutorService threads = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "runtime-api");
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(threads);
            RuntimeApi api = new RuntimeApi(server, threads, functionArn);
            server.createContext(PREFIX + "/", api::handle);
            server.start();
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException("could not serve the Runtime API", e);
        }
    }

    /** host:port, the value of AWS_LAMBDA_RUNTIME_API. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Queues an event for the next {@code /invocation/next}. The deadline header says how long the
     * function has (its configured Timeout), as Lambda's does; this API enforces nothing.
     */
    CompletableFuture<Outcome> submit(String eventJson, Duration functionTimeout) {
        long deadline = Instant.now().plus(functionTimeout).toEpochMilli();
        Invocation invocation = new Invocation(UUID.randomUUID().toString(), eventJson, deadline, new CompletableFuture<>());
        pending.add(invocation);
        return invocation.outcome();
    }

    /** Completes when the runtime reports {@code /init/error}: the function refused to start. */
    CompletableFuture<Outcome> initError() {
        return initError;
    }

    /** Completes at the first {@code /invocation/next}: the end of Lambda's init phase. */
    CompletableFuture<Void> firstPoll() {
        return firstPoll;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Matcher result = RESULT.matcher(path);
            if ("GET".equals(method) && path.equals(PREFIX + "/invocation/next")) {
                next(exchange);
            } else if ("POST".equals(method) && result.matches()) {
                complete(exchange, result.group(1), "error".equals(result.group(2)));
            } else if ("POST".equals(method) && path.equals(PREFIX + "/init/error")) {
                initError.complete(new Outcome(true, body(exchange), exchange.getRequestHeaders().getFirst(ERROR_TYPE)));
                reply(exchange, 202, "{\"status\":\"OK\"}");
            } else {
                reply(exchange, 404, "{\"errorMessage\":\"unsupported by this test Runtime API: " + method + " " + path
                        + "\",\"errorType\":\"NotFound\"}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        firstPoll.complete(null);
        Invocation invocation;
        try {
            invocation = pending.take();
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt();
            return;
        }
        inFlight.put(invocation.id(), invocation);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.id());
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineMs()));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.set("Lambda-Runtime-Trace-Id", traceId());
        reply(exchange, 200, invocation.event());
    }

    private void complete(HttpExchange exchange, String requestId, boolean error) throws IOException {
        String body = body(exchange);
        Invocation invocation = inFlight.remove(requestId);
        if (invocation == null) {
            // What Lambda answers for an unknown id or a second answer to the same event.
            reply(exchange, 400, "{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}");
            return;
        }
        reply(exchange, 202, "{\"status\":\"OK\"}");
        invocation.outcome().complete(new Outcome(error, body, exchange.getRequestHeaders().getFirst(ERROR_TYPE)));
    }

    /** An X-Ray trace header of Lambda's shape (Root=1-epoch hex-96 random bits;Parent;Sampled). */
    private static String traceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("Root=1-%08x-%024x;Parent=%016x;Sampled=0",
                Instant.now().getEpochSecond(),
                new BigInteger(96, random),
                random.nextLong() & Long.MAX_VALUE);
    }

    private static String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow(); // wakes a /next still parked on the queue
        IllegalStateException closed = new IllegalStateException("the Runtime API was closed");
        inFlight.values().forEach(i -> i.outcome().completeExceptionally(closed));
        pending.forEach(i -> i.outcome().completeExceptionally(closed));
    }
}
