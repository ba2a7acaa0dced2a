package dev.tollgate.adapters.sqs;

import dev.tollgate.startup.StartupEvent;
import dev.tollgate.startup.StartupEventCodec;
import dev.tollgate.startup.StartupEvents;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Sends startup events to the startup queue, one message each, off the request thread. The SDK
 * retries a failed send; what still fails is counted and logged by exception type only (the
 * message names a licence digest, which stays out of logs).
 */
public final class SqsStartupEvents implements StartupEvents, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SqsStartupEvents.class);

    private final SqsClient sqs;
    private final String queueUrl;
    private final ExecutorService senders;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public SqsStartupEvents(SqsClient sqs, String queueUrl, int senderThreads, int backlog) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        // Bounded both ways: a slow queue costs a rejected send, never an unbounded pile of threads or events.
        this.senders = new ThreadPoolExecutor(senderThreads, senderThreads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(backlog), runnable -> {
                    Thread thread = new Thread(runnable, "startup-events-sqs");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @Override
    public CompletableFuture<Void> publish(StartupEvent event) {
        String body = StartupEventCodec.encode(event);
        CompletableFuture<Void> send;
        try {
            send = CompletableFuture.runAsync(() -> sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body)), senders);
        } catch (RejectedExecutionException full) {
            send = CompletableFuture.failedFuture(full);
        }
        return send.whenComplete((ok, error) -> {
            if (error == null) {
                sent.incrementAndGet();
            } else {
                failed.incrementAndGet();
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                LOG.warnf("startup event not queued (%d so far): %s", failed.get(), cause.getClass().getSimpleName());
            }
        });
    }

    public long sent() {
        return sent.get();
    }

    public long failed() {
        return failed.get();
    }

    /** Lets sends in flight finish (bounded), so a shutting-down runtime loses none it accepted. */
    @Override
    public void close() {
        senders.shutdown();
        try {
            senders.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
