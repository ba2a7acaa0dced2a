package dev.tollgate.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What the startup journal (fsync before the answer) adds to a validation on the local runtime:
 * the packaged app as a process, journal off then on, sequential and then 16 concurrent clients.
 * Run with {@code mvn -B -ntp -Pbenchmark -pl infra/stack-test -am verify -Dtest=LocalJournalLatencyBenchmark}.
 */
@Tag("benchmark")
class LocalJournalLatencyBenchmark {

    static final int WARMUP = Integer.getInteger("benchmark.warmup", 1_500);
    static final int SAMPLES = Integer.getInteger("benchmark.samples", 3_000);
    static final int CLIENTS = 16;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void validationLatencyWithAndWithoutTheJournal() throws Exception {
        List<String> rows = new ArrayList<>();
        for (boolean journal : new boolean[] {false, true}) {
            try (LocalRuntimeProcess local = LocalRuntimeProcess.start(Files.createTempDirectory("tollgate-journal"),
                    List.of("-Dtollgate.local.startup-journal=" + journal))) {
                HttpClient http = HttpClient.newHttpClient();
                String token = JSON.readTree(http.send(HttpRequest.newBuilder(local.uri("/local/dev-token?role=admin"))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body())
                        .path("token").asText();
                String tenant = post(http, local, "/v1/admin/tenants", token, "{\"name\":\"Bench\"}").path("id").asText();
                String key = post(http, local, "/v1/admin/tenants/" + tenant + "/licenses", token,
                        "{\"product\":\"zendesk-mcp\",\"expiresOn\":\"" + LocalDate.now().plusYears(1) + "\"}").path("licenseKey").asText();
                HttpRequest validate = HttpRequest.newBuilder(local.uri("/v1/licenses/validate"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"licenseKey\":\"" + key + "\",\"product\":\"zendesk-mcp\"}"))
                        .build();
                run(http, validate, WARMUP, 1);
                long[] sequential = run(http, validate, SAMPLES, 1);
                long[] concurrent = run(http, validate, SAMPLES, CLIENTS);
                rows.add(String.format("journal %-3s sequential p50 %6.3f ms p99 %6.3f | %d clients p50 %6.3f ms p99 %6.3f",
                        journal ? "ON" : "OFF", pct(sequential, 50), pct(sequential, 99), CLIENTS, pct(concurrent, 50), pct(concurrent, 99)));
            }
        }
        System.out.printf("%n=== local runtime validation latency, startup journal off vs on (%d samples, %d cpus) ===%n",
                SAMPLES, Runtime.getRuntime().availableProcessors());
        rows.forEach(System.out::println);
    }

    private static long[] run(HttpClient http, HttpRequest validate, int count, int clients) throws Exception {
        long[] nanos = new long[count];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < count; ) {
                    long start = System.nanoTime();
                    String body = http.send(validate, HttpResponse.BodyHandlers.ofString()).body();
                    nanos[i] = System.nanoTime() - start;
                    if (!body.contains("\"VALID\"")) {
                        throw new AssertionError(body);
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        Arrays.sort(nanos);
        return nanos;
    }

    private static JsonNode post(HttpClient http, LocalRuntimeProcess local, String path, String token, String json) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(local.uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
