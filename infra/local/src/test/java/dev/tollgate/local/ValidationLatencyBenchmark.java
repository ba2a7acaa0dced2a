package dev.tollgate.local;

import dev.tollgate.embedded.DynamoDbLocalTestResource;
import dev.tollgate.embedded.EmbeddedDynamoDb;
import dev.tollgate.keys.KeyDigester;
import dev.tollgate.license.IssueLicense;
import dev.tollgate.license.LicenseKey;
import dev.tollgate.license.Product;
import dev.tollgate.license.ValidateLicense;
import dev.tollgate.license.VerdictCode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.function.IntConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A load driver, not a test: it prints latency percentiles and asserts only that answers were
 * right. Run with {@code mvn -B -ntp -Pbenchmark -pl infra/local -am verify}. Sequential requests
 * from one client, so the numbers are service time, not throughput under contention.
 */
@Tag("benchmark")
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalTestResource.class)
class ValidationLatencyBenchmark {

    static final int WARMUP = Integer.getInteger("benchmark.warmup", 2_000);
    static final int SAMPLES = Integer.getInteger("benchmark.samples", 5_000);

    @Inject
    IssueLicense issueLicense;

    @Inject
    dev.tollgate.tenant.CreateTenant createTenant;
    @Inject
    ValidateLicense validateLicense;
    @Inject
    KeyDigester vault;
    @ConfigProperty(name = "tollgate.tables.licenses")
    String table;

    @Test
    void validationOverHttpNextToARawGetItem() throws Exception {
        Product product = new Product("zendesk-mcp");
        LicenseKey key = issueLicense.issue(createTenant.create("Bench").id(), product, LocalDate.now().plusYears(1)).key();
        String digest = vault.digest(key).hex();

        HttpClient http = HttpClient.newHttpClient();
        HttpRequest validate = validateRequest(key);
        long[] overHttp = measure(i -> {
            try {
                HttpResponse<String> response = http.send(validate, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200 || !response.body().contains("\"VALID\"")) {
                    throw new AssertionError("unexpected answer " + response.statusCode());
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        long[] inProcess = measure(i -> {
            if (validateLicense.validate(key.display(), product).code() != VerdictCode.VALID) {
                throw new AssertionError("not valid");
            }
        });

        String endpoint = System.getProperty(DynamoDbLocalTestResource.ENDPOINT_PROPERTY);
        long[] rawGetItem;
        try (DynamoDbClient raw = DynamoDbClient.builder().endpointOverride(URI.create(endpoint))
                .region(software.amazon.awssdk.regions.Region.of(EmbeddedDynamoDb.REGION))
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("local", "local")))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
            rawGetItem = measure(i -> {
                if (raw.getItem(r -> r.tableName(table)
                        .key(Map.of("keyDigest", AttributeValue.fromS(digest)))).item().isEmpty()) {
                    throw new AssertionError("item missing");
                }
            });
        }

        System.out.printf("%n=== validation latency (%d samples after %d warm-up, sequential, %d cores) ===%n",
                SAMPLES, WARMUP, Runtime.getRuntime().availableProcessors());
        report("POST /v1/licenses/validate (local runtime, HTTP)", overHttp);
        report("ValidateLicense use case (in process)", inProcess);
        report("raw DynamoDB Local GetItem (SDK, HTTP)", rawGetItem);
    }

    /** The instance's startup call, against the running local runtime. */
    static HttpRequest validateRequest(LicenseKey key) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + "/v1/licenses/validate"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"licenseKey\":\"" + key.display() + "\",\"product\":\"zendesk-mcp\"}"))
                .build();
    }

    static long[] measure(IntConsumer call) {
        for (int i = 0; i < WARMUP; i++) {
            call.accept(i);
        }
        long[] nanos = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            long start = System.nanoTime();
            call.accept(i);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    static void report(String what, long[] sorted) {
        System.out.printf("%-52s p50 %7.3f ms  p90 %7.3f ms  p99 %7.3f ms  max %7.3f ms%n", what,
                pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), sorted[sorted.length - 1] / 1e6);
    }

    static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
