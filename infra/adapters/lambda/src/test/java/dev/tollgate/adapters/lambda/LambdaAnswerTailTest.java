package dev.tollgate.adapters.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tail against the Extensions API over real HTTP (a loopback server speaking the 2020-01-01
 * API's register and event/next). The packaged validation function is run with it in the stack test.
 */
class LambdaAnswerTailTest {

    private HttpServer server;
    private volatile int registerStatus = 200;
    private final BlockingQueue<String> registrations = new LinkedBlockingQueue<>();
    /** One entry per event/next the tail made: the identifier it sent. */
    private final BlockingQueue<String> polls = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private LambdaAnswerTail tail;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/2020-01-01/extension/register", exchange -> {
            registrations.add(exchange.getRequestHeaders().getFirst("Lambda-Extension-Name") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.getResponseHeaders().set("Lambda-Extension-Identifier", "ext-1");
            reply(exchange, registerStatus, "{\"functionName\":\"f\",\"functionVersion\":\"$LATEST\",\"handler\":\"h\"}");
        });
        server.createContext("/2020-01-01/extension/event/next", exchange -> {
            polls.add(String.valueOf(exchange.getRequestHeaders().getFirst("Lambda-Extension-Identifier")));
            try {
                reply(exchange, 200, events.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        if (tail != null) {
            tail.close();
        }
        server.stop(0);
    }

    @Test
    void registersAsAnInternalExtensionForInvokeEventsOnlyAndPollsWithItsIdentifier() throws Exception {
        tail = LambdaAnswerTail.register(address());
        assertEquals(LambdaAnswerTail.NAME + " {\"events\":[\"INVOKE\"]}", registrations.poll(5, TimeUnit.SECONDS));
        assertEquals("ext-1", polls.poll(5, TimeUnit.SECONDS), "the first poll ends the extension's init");
    }

    @Test
    void theNextPollWaitsForTheAnswerAndThenForTheWorkHandedToTheTail() throws Exception {
        tail = LambdaAnswerTail.register(address());
        assertNotNull(polls.poll(5, TimeUnit.SECONDS));
        events.add(invoke("inv-1", System.currentTimeMillis() + 60_000));
        CompletableFuture<Void> send = new CompletableFuture<>();
        java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();
        tail.afterAnswer(() -> {
            started.incrementAndGet();
            return send;
        });

        assertNull(polls.poll(300, TimeUnit.MILLISECONDS), "not before the function has answered");
        assertEquals(0, started.get(), "the work starts only after the answer");
        tail.answered("inv-1");
        assertNull(polls.poll(300, TimeUnit.MILLISECONDS), "not while the send is running");
        assertEquals(1, started.get());
        send.complete(null);
        assertEquals("ext-1", polls.poll(5, TimeUnit.SECONDS), "once both are done, the environment may pause");
        assertEquals(1, tail.finished());
        assertEquals(0, tail.late());
    }

    @Test
    void anAnswerWithNothingHandedOverLetsTheEnvironmentPauseAtOnce() throws Exception {
        tail = LambdaAnswerTail.register(address());
        assertNotNull(polls.poll(5, TimeUnit.SECONDS));
        tail.answered("inv-2"); // the answer may come before the tail reads its INVOKE event
        events.add(invoke("inv-2", System.currentTimeMillis() + 60_000));
        assertEquals("ext-1", polls.poll(5, TimeUnit.SECONDS));
        assertEquals(1, tail.finished());
    }

    @Test
    void workStillRunningAtTheDeadlineIsLeftLateSoTheInvocationNeverTimesOut() throws Exception {
        tail = LambdaAnswerTail.register(address());
        assertNotNull(polls.poll(5, TimeUnit.SECONDS));
        tail.afterAnswer(CompletableFuture::new); // never ends
        tail.answered("inv-3");
        events.add(invoke("inv-3", System.currentTimeMillis() + LambdaAnswerTail.DEADLINE_MARGIN_MS + 300));
        assertEquals("ext-1", polls.poll(10, TimeUnit.SECONDS), "the tail lets go before the deadline");
        assertEquals(1, tail.late());
        assertEquals(0, tail.finished());
    }

    @Test
    void aRefusedRegistrationFailsTheStart() {
        registerStatus = 403;
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> LambdaAnswerTail.register(address()));
        assertTrue(refused.getMessage().contains("HTTP 403"), refused.getMessage());
    }

    private String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private static String invoke(String requestId, long deadlineMs) {
        return "{\"eventType\":\"INVOKE\",\"deadlineMs\":" + deadlineMs + ",\"requestId\":\"" + requestId
                + "\",\"invokedFunctionArn\":\"arn:aws:lambda:us-east-1:000000000000:function:f\","
                + "\"tracing\":{\"type\":\"X-Amzn-Trace-Id\",\"value\":\"Root=1-0-0\"}}";
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
