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
import java.util.List;
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
 *
 * <p>Also the Extensions API (2020-01-01) for internal extensions: {@code register} during init
 * only, and {@code event/next}, which hands each registered extension an INVOKE event with every
 * invocation. As on Lambda, the environment is idle (it would pause, and the next event is handed
 * out) only when the runtime and every extension have asked for their next event; an answer posted
 * before that goes to the caller at once.
 */
final class RuntimeApi implements AutoCloseable {

    /** The function's answer to one event: a response body, or the error the runtime reported. */
    record Outcome(boolean error, String body, String errorType) {
    }

    private record Invocation(String id, String event, long deadlineMs, CompletableFuture<Outcome> outcome,
                              CompletableFuture<Void> idle) {
    }

    private static final String PREFIX = "/2018-06-01/runtime";
    private static final Pattern RESULT = Pattern.compile(PREFIX + "/invocation/([^/]+)/(response|error)");
    private static final String ERROR_TYPE = "Lambda-Runtime-Function-Error-Type";
    private static final String EXTENSIONS = "/2020-01-01/extension";
    private static final String EXTENSION_ID = "Lambda-Extension-Identifier";

    private final HttpServer server;
    private final ExecutorService threads;
    private final String functionArn;
    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<Outcome> initError = new CompletableFuture<>();
    private final CompletableFuture<Void> firstPoll = new CompletableFuture<>();
    /** Registered extensions by identifier: their name and the events waiting for them. */
    private final Map<String, Extension> extensions = new ConcurrentHashMap<>();
    /** Guards which extensions are parked in event/next (done with the last invocation). */
    private final Object gate = new Object();
    private volatile Invocation dispatched;

    private record Extension(String name, BlockingQueue<String> events, java.util.concurrent.atomic.AtomicBoolean parked) {
    }

    private RuntimeApi(HttpServer server, ExecutorService threads, String functionArn) {
        this.server = server;
        this.threads = threads;
        this.functionArn = functionArn;
    }

    /** Serves the Runtime API for the function {@code functionArn} names, on 127.0.0.1 and a free port. */
    static RuntimeApi start(String functionArn) {
        if (!Boolean.getBoolean("sun.net.httpserver.nodelay")) {
            // Read once, when the JDK's HttpServer is first used (the pom sets it): with Nagle on, every
            // answer's body waits for the client's delayed ACK, 40 ms that AWS's Runtime API does not add.
            throw new IllegalStateException("run with -Dsun.net.httpserver.nodelay=true");
        }
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
            server.createContext(EXTENSIONS + "/", api::handleExtension);
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
        Invocation invocation = new Invocation(UUID.randomUUID().toString(), eventJson, deadline, new CompletableFuture<>(),
                new CompletableFuture<>());
        pending.add(invocation);
        return invocation.outcome();
    }

    /**
     * Completes when the environment is idle after the latest invocation handed out: the runtime and
     * every extension have asked for their next event (where Lambda would pause the environment).
     */
    CompletableFuture<Void> idleAfterLatest() {
        Invocation latest = dispatched;
        return latest == null ? CompletableFuture.completedFuture(null) : latest.idle();
    }

    /** The names of the extensions that registered, in no order. */
    List<String> extensionNames() {
        return extensions.values().stream().map(Extension::name).toList();
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
        Invocation invocation;
        try {
            awaitExtensionsParked();
            Invocation previous = dispatched;
            if (previous != null) {
                previous.idle().complete(null);
            }
            firstPoll.complete(null);
            invocation = pending.take();
            awaitExtensionsParked();
            dispatched = invocation;
            inFlight.put(invocation.id(), invocation);
            String invoke = "{\"eventType\":\"INVOKE\",\"deadlineMs\":" + invocation.deadlineMs() + ",\"requestId\":\""
                    + invocation.id() + "\",\"invokedFunctionArn\":\"" + functionArn
                    + "\",\"tracing\":{\"type\":\"X-Amzn-Trace-Id\",\"value\":\"" + traceId() + "\"}}";
            synchronized (gate) {
                for (Extension extension : extensions.values()) {
                    extension.parked().set(false);
                    extension.events().add(invoke);
                }
            }
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt();
            return;
        }
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.id());
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineMs()));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.set("Lambda-Runtime-Trace-Id", traceId());
        reply(exchange, 200, invocation.event());
    }

    private void awaitExtensionsParked() throws InterruptedException {
        synchronized (gate) {
            while (!extensions.values().stream().allMatch(e -> e.parked().get())) {
                gate.wait();
            }
        }
    }

    private void handleExtension(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if ("POST".equals(method) && path.equals(EXTENSIONS + "/register")) {
                body(exchange);
                String name = exchange.getRequestHeaders().getFirst("Lambda-Extension-Name");
                if (firstPoll.isDone() || name == null || name.isBlank()) {
                    // Lambda takes registrations during init only, and each must name its extension.
                    reply(exchange, 400, "{\"errorMessage\":\"" + (name == null ? "Lambda-Extension-Name is missing"
                            : "registration is closed after init") + "\",\"errorType\":\"Extension.InvalidRequest\"}");
                    return;
                }
                String id = UUID.randomUUID().toString();
                extensions.put(id, new Extension(name, new LinkedBlockingQueue<>(), new java.util.concurrent.atomic.AtomicBoolean()));
                exchange.getResponseHeaders().set(EXTENSION_ID, id);
                reply(exchange, 200, "{\"functionName\":\"" + functionArn.substring(functionArn.lastIndexOf(':') + 1)
                        + "\",\"functionVersion\":\"$LATEST\",\"handler\":\"\"}");
            } else if ("GET".equals(method) && path.equals(EXTENSIONS + "/event/next")) {
                Extension extension = extensions.get(String.valueOf(exchange.getRequestHeaders().getFirst(EXTENSION_ID)));
                if (extension == null) {
                    reply(exchange, 403, "{\"errorMessage\":\"unknown extension identifier\",\"errorType\":\"Extension.Forbidden\"}");
                    return;
                }
                synchronized (gate) {
                    extension.parked().set(true);
                    gate.notifyAll();
                }
                String event;
                try {
                    event = extension.events().take();
                } catch (InterruptedException closing) {
                    Thread.currentThread().interrupt();
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.getResponseHeaders().set(EXTENSION_ID, String.valueOf(exchange.getRequestHeaders().getFirst(EXTENSION_ID)));
                reply(exchange, 200, event);
            } else {
                reply(exchange, 404, "{\"errorMessage\":\"unsupported by this test Extensions API: " + method + " " + path
                        + "\",\"errorType\":\"NotFound\"}");
            }
        }
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
        synchronized (gate) {
            gate.notifyAll();
        }
        pending.forEach(i -> i.outcome().completeExceptionally(closed));
    }
}
