package dev.tollgate.adapters.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.startup.AnswerTail;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * An answer tail on AWS Lambda: an internal extension (a thread of the function's own process) on
 * Lambda's Extensions API. Lambda sends an invocation's answer to the caller as soon as the runtime
 * posts it, but pauses the environment only when the runtime and every extension have asked for
 * their next event. So, for each invocation, this thread waits until the function has answered that
 * invocation ({@link #answered}), starts the work handed to it and waits until that has finished,
 * then asks for its next event: the caller never waits for that work, the work does not compete with
 * the answer for the CPU, and it is never paused half-sent.
 *
 * <p>Every wait ends at the invocation's deadline (less a margin), so a send that hangs cannot hold
 * an environment past its timeout; such work is counted late and goes on after the thaw, as it would
 * without a tail. Internal extensions register for INVOKE only (Lambda sends them no SHUTDOWN). Under
 * SnapStart the poll pending at the checkpoint stays pending, as an external extension's does; if a
 * restore cuts it, the tail asks again.
 */
public final class LambdaAnswerTail implements AnswerTail, AutoCloseable {

    public static final String NAME = "tollgate-answer-tail";
    static final String IDENTIFIER = "Lambda-Extension-Identifier";
    /** How long before an invocation's deadline the tail stops waiting, so Lambda never times it out. */
    static final long DEADLINE_MARGIN_MS = 200;
    /** Invocation ids remembered as answered: one environment serves one invocation at a time. */
    private static final int ANSWERED_KEPT = 64;

    private static final Logger LOG = Logger.getLogger(LambdaAnswerTail.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI next;
    private final String identifier;
    private final LongSupplier clockMs;
    private final Queue<Supplier<CompletableFuture<?>>> deferred = new ConcurrentLinkedQueue<>();
    private final Set<String> answered = new LinkedHashSet<>();
    private final AtomicLong finished = new AtomicLong();
    private final AtomicLong late = new AtomicLong();
    private final Thread loop;
    private volatile HttpURLConnection polling;
    private volatile boolean closed;

    private LambdaAnswerTail(URI next, String identifier, LongSupplier clockMs) {
        this.next = next;
        this.identifier = identifier;
        this.clockMs = clockMs;
        this.loop = new Thread(this::run, NAME);
        loop.setDaemon(true);
    }

    /**
     * Registers with the Extensions API at {@code runtimeApi} (the value of {@code AWS_LAMBDA_RUNTIME_API})
     * and starts polling. Lambda accepts a registration only during the init phase: call this while the
     * function starts. A refusal fails the start rather than leaving sends to the freeze.
     */
    public static LambdaAnswerTail register(String runtimeApi) {
        return register(runtimeApi, System::currentTimeMillis);
    }

    static LambdaAnswerTail register(String runtimeApi, LongSupplier clockMs) {
        URI base = URI.create("http://" + runtimeApi + "/2020-01-01/extension/");
        try {
            HttpURLConnection register = (HttpURLConnection) base.resolve("register").toURL().openConnection();
            register.setRequestMethod("POST");
            register.setRequestProperty("Lambda-Extension-Name", NAME);
            register.setRequestProperty("Content-Type", "application/json");
            register.setConnectTimeout(2_000);
            register.setReadTimeout(5_000);
            register.setDoOutput(true);
            try (OutputStream out = register.getOutputStream()) {
                out.write("{\"events\":[\"INVOKE\"]}".getBytes(StandardCharsets.UTF_8));
            }
            int status = register.getResponseCode();
            String identifier = register.getHeaderField(IDENTIFIER);
            drain(register);
            if (status != 200 || identifier == null || identifier.isBlank()) {
                throw new IllegalStateException("the Lambda Extensions API refused the answer tail's registration (HTTP "
                        + status + ")");
            }
            LambdaAnswerTail tail = new LambdaAnswerTail(base.resolve("event/next"), identifier, clockMs);
            tail.loop.start();
            return tail;
        } catch (IOException e) {
            throw new UncheckedIOException("the Lambda Extensions API at " + runtimeApi + " did not answer", e);
        }
    }

    @Override
    public void afterAnswer(Supplier<CompletableFuture<?>> work) {
        deferred.add(work);
    }

    /** The function has answered the invocation {@code invocationId} (Lambda's request id): no work is added after this. */
    public void answered(String invocationId) {
        synchronized (answered) {
            answered.add(invocationId);
            if (answered.size() > ANSWERED_KEPT) {
                answered.remove(answered.iterator().next());
            }
            answered.notifyAll();
        }
    }

    /** Invocations whose work all finished before the environment was let pause. */
    public long finished() {
        return finished.get();
    }

    /** Invocations whose work was still running at the deadline (it goes on after the thaw). */
    public long late() {
        return late.get();
    }

    private void run() {
        while (!closed) {
            JsonNode event;
            try {
                event = nextEvent();
            } catch (IOException | RuntimeException e) {
                // E.g. a poll cut by a SnapStart restore: ask again (Lambda holds the environment meanwhile).
                if (!closed) {
                    LOG.warnf("the answer tail could not read its next event: %s", e.getClass().getSimpleName());
                    sleepQuietly(100);
                }
                continue;
            }
            if ("INVOKE".equals(event.path("eventType").asText())) {
                finish(event.path("requestId").asText(), event.path("deadlineMs").asLong(0) - DEADLINE_MARGIN_MS);
            }
        }
    }

    private void finish(String invocationId, long untilMs) {
        try {
            try {
                awaitAnswer(invocationId, untilMs);
            } catch (TimeoutException e) {
                // No answer by the deadline: start what was handed over anyway; it will be late.
            }
            List<CompletableFuture<?>> started = new ArrayList<>();
            for (Supplier<CompletableFuture<?>> work = deferred.poll(); work != null; work = deferred.poll()) {
                try {
                    started.add(work.get());
                } catch (RuntimeException e) {
                    LOG.warnf("work after an answer did not start: %s", e.getClass().getSimpleName());
                }
            }
            long leftMs = untilMs - clockMs.getAsLong();
            CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).get(Math.max(0, leftMs), TimeUnit.MILLISECONDS);
            finished.incrementAndGet();
        } catch (TimeoutException e) {
            late.incrementAndGet();
            LOG.warnf("work after an answer was still running at the invocation's deadline (%d so far)", late.get());
        } catch (ExecutionException e) {
            // The work's owner counts and logs its own failures; it has ended, which is all that matters here.
            finished.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitAnswer(String invocationId, long untilMs) throws InterruptedException, TimeoutException {
        synchronized (answered) {
            while (!answered.contains(invocationId)) {
                long leftMs = untilMs - clockMs.getAsLong();
                if (leftMs <= 0) {
                    throw new TimeoutException();
                }
                answered.wait(leftMs);
            }
        }
    }

    private JsonNode nextEvent() throws IOException {
        HttpURLConnection connection = (HttpURLConnection) next.toURL().openConnection();
        connection.setRequestProperty(IDENTIFIER, identifier);
        connection.setConnectTimeout(2_000);
        connection.setReadTimeout(0); // a long poll: the next event comes when Lambda has one
        polling = connection;
        try {
            int status = connection.getResponseCode();
            if (status != 200) {
                drain(connection);
                throw new IOException("event/next answered HTTP " + status);
            }
            try (InputStream in = connection.getInputStream()) {
                return JSON.readTree(in);
            }
        } finally {
            polling = null;
        }
    }

    private static void drain(HttpURLConnection connection) throws IOException {
        InputStream in = connection.getResponseCode() >= 400 ? connection.getErrorStream() : connection.getInputStream();
        if (in != null) {
            try (in) {
                in.readAllBytes();
            }
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops polling (tests; on Lambda the process ends with the environment). */
    @Override
    public void close() {
        closed = true;
        HttpURLConnection current = polling;
        if (current != null) {
            current.disconnect();
        }
        loop.interrupt();
    }
}
