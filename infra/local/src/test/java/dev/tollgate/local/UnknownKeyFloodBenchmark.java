package dev.tollgate.local;

import dev.tollgate.embedded.DynamoDbLocalTestResource;
import dev.tollgate.license.LicenseKeyFormat;
import dev.tollgate.license.UnknownKeyThrottle;
import dev.tollgate.startup.UnknownKeyTally;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A load driver, not a test: a random-key flood from many loopback addresses against the local
 * runtime (the whole path: HTTP, the per-address limit, DynamoDB Local, the in-process queue, the
 * startup-log handler, the tally), with the shipped limits, while a real instance validates in a
 * steady stream. Prints trail growth per 10,000 random keys and the real validations' latency
 * with and without the flood. Run with
 * {@code mvn -B -ntp -Pbenchmark -pl infra/local -am verify -Dtest=UnknownKeyFloodBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalTestResource.class)
@TestProfile(LocalUnknownKeyFloodIntegrationTest.DefaultLimits.class)
class UnknownKeyFloodBenchmark {

    static final int KEYS = Integer.getInteger("benchmark.flood.keys", 10_000);
    static final int ADDRESSES = Integer.getInteger("benchmark.flood.addresses", 2_000);
    static final int THREADS = Integer.getInteger("benchmark.flood.threads", 4);
    static final int REAL = Integer.getInteger("benchmark.real.samples", 2_000);
    static final int SINGLE = Integer.getInteger("benchmark.flood.single", 2_000);

    @Inject
    LicenseKeyFormat format;
    @Inject
    LocalStartupQueue queue;
    @Inject
    UnknownKeyTally tally;
    @Inject
    UnknownKeyThrottle throttle;
    @Inject
    DynamoDbClient dynamo;

    @Test
    void floodFromManyAddressesAgainstASteadyStreamOfRealValidations() throws Exception {
        String real = LocalAdmin.issue(LocalDate.now(ZoneOffset.UTC).plusYears(1));
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest validate = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + "/v1/licenses/validate"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"licenseKey\":\"" + real + "\",\"product\":\"zendesk-mcp\"}"))
                .build();
        // Warm-up: the real path and the flood path, from addresses the flood will not use.
        for (int i = 0; i < 500; i++) {
            realOnce(http, validate);
            SourceAddressHttp.validate(SourceAddressHttp.address(1_000_000 + i), RestAssured.port, ledger().randomKey());
        }
        queue.awaitIdle(Duration.ofSeconds(120));

        long[] quiet = new long[REAL];
        for (int i = 0; i < REAL; i++) {
            quiet[i] = realOnce(http, validate);
        }
        queue.awaitIdle(Duration.ofSeconds(120));

        int itemsBefore = ledger().startupLogItems();
        long countedBefore = ledger().counted();
        long refusedBefore = throttle.refused();
        List<Long> underFlood = new ArrayList<>();
        AtomicBoolean flooding = new AtomicBoolean(true);
        ConcurrentHashMap<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
        Future<?> stream = pool.submit(() -> {
            while (flooding.get()) {
                underFlood.add(realOnce(http, validate));
            }
            return null;
        });
        long floodStart = System.nanoTime();
        List<Future<?>> flooders = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            flooders.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < KEYS; i = next.getAndIncrement()) {
                    int status = SourceAddressHttp.validate(SourceAddressHttp.address(i % ADDRESSES), RestAssured.port,
                            ledger().randomKey()).status();
                    statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> flooder : flooders) {
            flooder.get();
        }
        double floodSeconds = (System.nanoTime() - floodStart) / 1e9;
        flooding.set(false);
        stream.get();
        long drainStart = System.nanoTime();
        queue.awaitIdle(Duration.ofSeconds(300));
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
        int realDuringFlood = underFlood.size();
        int grown = ledger().startupLogItems() - itemsBefore;
        long counted = ledger().counted() - countedBefore;
        long refusedInFlood = throttle.refused() - refusedBefore;

        // One address alone: its burst, then 429s.
        ConcurrentHashMap<Integer, AtomicInteger> single = new ConcurrentHashMap<>();
        int itemsBeforeSingle = ledger().startupLogItems();
        for (int i = 0; i < SINGLE; i++) {
            single.computeIfAbsent(SourceAddressHttp.validate(SourceAddressHttp.address(500_000), RestAssured.port,
                    ledger().randomKey()).status(), s -> new AtomicInteger()).incrementAndGet();
        }
        queue.awaitIdle(Duration.ofSeconds(120));
        int grownSingle = ledger().startupLogItems() - itemsBeforeSingle;

        long[] flood = underFlood.stream().mapToLong(Long::longValue).sorted().toArray();
        Arrays.sort(quiet);
        System.out.printf("%n=== random-key flood (%d cores; %d random keys from %d addresses on %d threads, shipped limits) ===%n",
                Runtime.getRuntime().availableProcessors(), KEYS, ADDRESSES, THREADS);
        System.out.printf("flood answers: %s in %.1f s (%.0f/s); refused by the per-address limit: %d%n", statuses,
                floodSeconds, KEYS / floodSeconds, refusedInFlood);
        System.out.printf("startup-log items added: %d, of which the real stream's own entries: %d -> %d items for %d random keys"
                        + " (%.1f per 10,000; per-key entries would be %d); tally count +%d; queue drained %.1f s after%n",
                grown, realDuringFlood, grown - realDuringFlood, KEYS, (grown - realDuringFlood) * 10_000.0 / KEYS,
                KEYS, counted, drainSeconds);
        System.out.printf("one address, %d random keys: %s; items added %d%n", SINGLE, single, grownSingle);
        report("real validation, no flood (" + quiet.length + ")", quiet);
        report("real validation, during the flood (" + flood.length + ")", flood);
    }

    private long realOnce(HttpClient http, HttpRequest validate) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> answer = http.send(validate, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200 || !answer.body().contains("\"VALID\"")) {
                throw new AssertionError("a real instance was refused: " + answer.statusCode() + " " + answer.body());
            }
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return System.nanoTime() - start;
    }

    private FloodLedger ledger() {
        return new FloodLedger(format, tally, dynamo);
    }

    static void report(String what, long[] sorted) {
        System.out.printf("%-48s mean %7.3f ms  p50 %7.3f ms  p99 %7.3f ms  max %7.3f ms%n", what,
                Arrays.stream(sorted).average().orElse(0) / 1e6, ValidationLatencyBenchmark.pct(sorted, 50),
                ValidationLatencyBenchmark.pct(sorted, 99), sorted[sorted.length - 1] / 1e6);
    }
}
