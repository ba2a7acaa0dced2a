package dev.tollgate.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.embedded.DynamoDbLocalTestResource;
import dev.tollgate.keys.KeyDigester;
import dev.tollgate.license.IssueLicense;
import dev.tollgate.license.LicenseKey;
import dev.tollgate.license.Product;
import dev.tollgate.startup.StartupHandOff;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A load driver, not a test: a burst of concurrent validations through the local runtime with the
 * startup trail on (this class) and off ({@link StartupBurstWithoutLoggingBenchmark}); prints
 * latency percentiles, errors and entries written. Run with
 * {@code mvn -B -ntp -Pbenchmark -pl infra/local -am verify}.
 */
@Tag("benchmark")
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalTestResource.class)
class StartupBurstBenchmark {

    static final int BURST = Integer.getInteger("benchmark.burst", 5_000);
    static final int CONCURRENCY = Integer.getInteger("benchmark.concurrency", 32);
    static final int WARMUP = Integer.getInteger("benchmark.warmup", 2_000);

    @Inject
    IssueLicense issueLicense;

    @Inject
    dev.tollgate.tenant.CreateTenant createTenant;
    @Inject
    KeyDigester vault;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    StartupHandOff handOff;
    @Inject
    Instance<LocalStartupQueue> queue;

    String label() {
        return "startup trail ON (in-process queue -> startup-log handler -> DynamoDB Local)";
    }

    boolean loggingOn() {
        return true;
    }

    @Test
    void burstOfConcurrentValidations() throws Exception {
        LicenseKey key = issueLicense.issue(createTenant.create("Burst").id(), new Product("zendesk-mcp"), LocalDate.now().plusYears(1)).key();
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
        HttpRequest validate = ValidationLatencyBenchmark.validateRequest(key);

        burst(http, validate, WARMUP);
        if (loggingOn()) {
            queue.get().awaitIdle(Duration.ofMinutes(2));
        }
        int before = entries(key);
        long lateBefore = handOff.late();

        long started = System.nanoTime();
        Result result = burst(http, validate, BURST);
        double wallSeconds = (System.nanoTime() - started) / 1e9;
        long drainStarted = System.nanoTime();
        if (loggingOn()) {
            queue.get().awaitIdle(Duration.ofMinutes(2));
        }
        double drainSeconds = (System.nanoTime() - drainStarted) / 1e9;
        int written = entries(key) - before;

        System.out.printf("%n=== burst: %s ===%n", label());
        System.out.printf("%d validations, %d concurrent clients, %d cores; wall %.2f s (%.0f/s)%n",
                BURST, CONCURRENCY, Runtime.getRuntime().availableProcessors(), wallSeconds, BURST / wallSeconds);
        System.out.printf("errors %d; entries written %d; hand-offs past the %s wait %d; queue drained %.2f s after the burst%n",
                result.errors, written, "bounded", handOff.late() - lateBefore, drainSeconds);
        ValidationLatencyBenchmark.report("validation latency under the burst", result.sortedNanos);

        assertEquals(0, result.errors);
        assertEquals(loggingOn() ? BURST : 0, written);
    }

    private Result burst(HttpClient http, HttpRequest validate, int count) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CONCURRENCY);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        long[] nanos = new long[count];
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < CONCURRENCY; c++) {
            workers.add(clients.submit(() -> {
                go.await();
                for (int i; (i = next.getAndIncrement()) < count; ) {
                    long start = System.nanoTime();
                    try {
                        HttpResponse<String> response = http.send(validate, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200 || !response.body().contains("\"VALID\"")) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    nanos[i] = System.nanoTime() - start;
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> worker : workers) {
            worker.get();
        }
        clients.shutdown();
        Arrays.sort(nanos);
        return new Result(errors.get(), nanos);
    }

    private int entries(LicenseKey key) {
        String digest = vault.digest(key).hex();
        return dynamo.queryPaginator(r -> r.tableName("tollgate-startup-log").keyConditionExpression("keyDigest = :d")
                        .expressionAttributeValues(Map.of(":d", AttributeValue.fromS(digest))).select("COUNT"))
                .stream().mapToInt(page -> page.count()).sum();
    }

    record Result(int errors, long[] sortedNanos) {
    }
}
