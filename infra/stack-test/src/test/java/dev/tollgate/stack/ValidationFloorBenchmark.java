package dev.tollgate.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.embedded.ExternalTool;
import dev.tollgate.embedded.MotoServer;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every figure of validation's floor, side by side in one run (README, "Performance"):
 * <ol>
 * <li>the local runtime as a vendor runs it (its packaged app, a process), validation over HTTP
 * next to a raw {@code GetItem} on its own DynamoDB Local from the same client, many keys, the raw
 * reads measured first with nothing running in the background, under both JIT settings;
 * <li>the packaged validation function under AWS's runtime interface client on moto: its cold
 * first answer, then warm answers (JWKS, the runtime's floor; NOT_FOUND; VALID) next to a raw
 * {@code GetItem} on the same moto from the same client;
 * <li>KMS calls per VALID answer, counted by a proxy in front of KMS, not by the code measured.
 * </ol>
 * Run: {@code mvn -B -ntp -Pbenchmark -pl infra/stack-test -am verify -Dtest=ValidationFloorBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}. Timings are this machine's, not Lambda's.
 */
@Tag("benchmark")
class ValidationFloorBenchmark {

    static final int WARMUP = Integer.getInteger("benchmark.warmup", 1_500);
    static final int SAMPLES = Integer.getInteger("benchmark.samples", 2_000);
    /** One licence per call by default, so no figure is flattered by a lease reused for the same licence. */
    static final int KEYS = Integer.getInteger("benchmark.keys", WARMUP + SAMPLES);
    static final String C1_ONLY = "-XX:TieredStopAtLevel=1";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration ANSWER = Duration.ofSeconds(120);

    final List<String> rows = new ArrayList<>();

    @Test
    void validationsFloor() throws Exception {
        ExternalTool.require(MotoServer.TOOL, MotoServer.INSTALL);
        String load = load();
        try {
            if (!Boolean.getBoolean("benchmark.packaged-only")) {
                for (List<String> jit : List.of(List.of("-XX:+TieredCompilation", C1_ONLY), List.<String>of())) {
                    localRuntime(jit);
                }
            }
            packagedFunction();
        } finally {
            // What was measured is printed even when a later part fails.
            System.out.println();
            System.out.println("=== validation's floor: " + KEYS + " keys, " + WARMUP + " warm-up, " + SAMPLES + " samples each, "
                    + Runtime.getRuntime().availableProcessors() + " cpus, java " + Runtime.version() + ", load " + load
                    + " -> " + load() + " ===");
            rows.forEach(System.out::println);
            System.out.println();
        }
    }

    private void localRuntime(List<String> jit) throws Exception {
        Path data = Files.createTempDirectory("tollgate-floor");
        Path recording = data.resolve("validate.jfr");
        List<String> options = new ArrayList<>(jit);
        options.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + recording);
        Instant[] window = new Instant[2];
        String mode = jit.contains(C1_ONLY) ? "C1 only (the template's JIT)" : "tiered C1+C2 (the JVM's default)";
        try (LocalRuntimeProcess local = LocalRuntimeProcess.start(data, options)) {
            HttpClient http = HttpClient.newHttpClient();
            String token = JSON.readTree(http.send(HttpRequest.newBuilder(local.uri("/local/dev-token?role=admin"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body())
                    .path("token").asText();
            String tenant = JSON.readTree(post(http, local.uri("/v1/admin/tenants").toString(), token,
                    "{\"name\":\"Floor\"}")).path("id").asText();
            List<String> keys = new ArrayList<>();
            List<String> digests = new ArrayList<>();
            for (int i = 0; i < KEYS; i++) {
                JsonNode issued = JSON.readTree(post(http, local.uri("/v1/admin/tenants/" + tenant + "/licenses").toString(),
                        token, "{\"product\":\"zendesk-mcp\",\"expiresOn\":\"" + LocalDate.now().plusYears(1) + "\"}"));
                keys.add(issuedKey(issued, issued.toString()));
                digests.add(issued.path("license").path("keyDigest").asText());
            }
            try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(local.dynamoDbEndpoint())
                    .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build()) {
                long[] raw = measure(i -> dynamo.getItem(r -> r.tableName("tollgate-licenses")
                        .key(Map.of("keyDigest", AttributeValue.fromS(digests.get(i % KEYS))))).item());
                List<HttpRequest> validations = keys.stream().map(key -> HttpRequest.newBuilder(local.uri("/v1/licenses/validate"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"licenseKey\":\"" + key + "\",\"product\":\"zendesk-mcp\"}"))
                        .build()).toList();
                window[0] = Instant.now();
                long[] validate = measure(i -> expectValid(send(http, validations.get(i % KEYS))));
                window[1] = Instant.now();
                long[] storm = measure(i -> expectValid(send(http, validations.get(0))));
                rows.add(String.format("local runtime, %-32s validate p50 %6.3f ms p99 %6.3f | raw GetItem p50 %6.3f ms p99 %6.3f | ratio p50 %.2fx",
                        mode, pct(validate, 50), pct(validate, 99), pct(raw, 50), pct(raw, 99), pct(validate, 50) / pct(raw, 50)));
                rows.add(String.format("    one licence's startup storm (the same key every call): validate p50 %6.3f ms p99 %6.3f | ratio p50 %.2fx",
                        pct(storm, 50), pct(storm, 99), pct(storm, 50) / pct(raw, 50)));
            }
        }
        rows.add("  where validate's CPU goes (" + mode + ", JFR samples while validating distinct licences):");
        rows.addAll(StageProfile.of(recording, window[0], window[1]));
    }

    /** A figure measured over keys that were never issued would be NOT_FOUND's, so a failed issue stops the run. */
    private static String issuedKey(JsonNode issued, String answer) {
        String key = issued.path("licenseKey").asText();
        if (key.isEmpty()) {
            throw new AssertionError("a licence issue answered without a key: " + answer);
        }
        return key;
    }

    private static HttpApiResponse issue(HttpApi api, String admin, String tenant) {
        return api.send(AwsEvents.httpApi("POST", "/v1/admin/tenants/" + tenant + "/licenses")
                .header("authorization", "Bearer " + admin)
                .jsonBody("{\"product\":\"zendesk-mcp\",\"expiresOn\":\"" + LocalDate.now().plusYears(1) + "\"}"), ANSWER);
    }

    private static String linesOf(PackagedFunction function, String errorId) {
        if (errorId.isEmpty()) {
            return "";
        }
        List<String> lines = new ArrayList<>(function.stdout());
        lines.addAll(function.stderr());
        return "\n" + String.join("\n", lines.stream().filter(line -> line.contains(errorId)).toList());
    }

    private static void expectValid(String body) {
        if (!body.contains("\"VALID\"")) {
            throw new AssertionError(body);
        }
    }

    private void packagedFunction() throws Exception {
        try (Deployment deployment = Deployment.first().wrapDigestSecretAndRedeploy();
             CountingProxy kms = CountingProxy.start(deployment.moto.endpoint())) {
            MotoStack stack = deployment.stack;
            stack.upstream("QUARKUS_KMS_ENDPOINT_OVERRIDE", kms.endpoint());
            String admin = deployment.idp.token("bench@vendor", List.of("tollgate-admin"));
            List<String> keys = new ArrayList<>();
            List<String> digests = new ArrayList<>();
            try (PackagedFunction adminFunction = stack.launch("AdminFunction")) {
                HttpApi api = new HttpApi(stack.template()).with("AdminFunction", adminFunction);
                api.send(AwsEvents.httpApi("POST", "/v1/admin/signing-keys/rotate").header("authorization", "Bearer " + admin), ANSWER);
                String tenant = api.send(AwsEvents.httpApi("POST", "/v1/admin/tenants").header("authorization", "Bearer " + admin)
                        .jsonBody("{\"name\":\"Floor\"}"), ANSWER).json().path("id").asText();
                int retried = 0;
                for (int i = 0; i < KEYS; i++) {
                    HttpApiResponse answer = issue(api, admin, tenant);
                    // moto slows as its tables grow and now and then stalls: past the store's budget the function
                    // answers 503 with Retry-After, which a client honours. And moto does not honour TransactWriteItems'
                    // ClientRequestToken (DynamoDB does, and the SDK sends one): when a stall outlasts one try, the
                    // SDK's retry of a committed issue is refused as a duplicate, a 500. Either way: issue again (a new
                    // key), and say how often it happened.
                    for (int again = 0; again < 3 && (answer.statusCode() == 500 || answer.statusCode() == 503); again++) {
                        retried++;
                        if (answer.statusCode() == 503) {
                            Thread.sleep(1_000L * Long.parseLong(answer.headers().getOrDefault("retry-after", "5")));
                        }
                        answer = issue(api, admin, tenant);
                    }
                    JsonNode issued = answer.json();
                    keys.add(issuedKey(issued, "licence " + i + ": " + answer.statusCode() + " " + answer.body()
                            + linesOf(adminFunction, issued.path("errorId").asText())));
                    digests.add(issued.path("license").path("keyDigest").asText());
                }
                if (retried > 0) {
                    rows.add("  (" + retried + " licence issues answered 500 or 503 on moto and were issued again: see the comment)");
                }
            }
            long kmsAtStart = kms.total();
            Path recording = Files.createTempDirectory("tollgate-floor-packaged").resolve("validate.jfr");
            Instant[] window = new Instant[2];
            // The template's JIT options, and a JFR recording of the function's CPU for where VALID goes.
            try (PackagedFunction validation = stack.launchEdited("LicenseValidationFunction", env -> env.merge("JAVA_TOOL_OPTIONS",
                    " -XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + recording, String::concat))) {
                HttpApi api = new HttpApi(stack.template()).with("LicenseValidationFunction", validation);
                api.send(AwsEvents.httpApi("GET", "/.well-known/jwks.json"), ANSWER);
                Duration cold = validation.coldFirstAnswer();
                long kmsAtInit = kms.total() - kmsAtStart;
                Runnable idle = () -> validation.awaitIdle(ANSWER);
                long[] tail = new long[SAMPLES];
                long[] jwks = measure(i -> api.send(AwsEvents.httpApi("GET", "/.well-known/jwks.json"), ANSWER), idle, new long[SAMPLES]);
                // Each from its own address, as a fleet's instances are: one address is held to a few unknown keys a minute.
                long[] notFound = measure(i -> api.send(AwsEvents.httpApi("POST", "/v1/licenses/validate")
                        .sourceIp("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255))
                        .jsonBody("{\"licenseKey\":\"ZDMCP-0000-0000-0000-0000-0000-0000-0005\",\"product\":\"zendesk-mcp\"}"), ANSWER),
                        idle, new long[SAMPLES]);
                long kmsBeforeValid = kms.total();
                window[0] = Instant.now();
                long[] valid = measure(i -> expectValid(api.send(AwsEvents.httpApi("POST", "/v1/licenses/validate")
                        .jsonBody("{\"licenseKey\":\"" + keys.get(i % KEYS) + "\",\"product\":\"zendesk-mcp\"}"), ANSWER).body()),
                        idle, tail);
                window[1] = Instant.now();
                double kmsPerValid = (kms.total() - kmsBeforeValid) / (double) (WARMUP + SAMPLES);
                long[] raw = measure(i -> stack.dynamoDb().getItem(r -> r.tableName(stack.ref("LicensesTable"))
                        .key(Map.of("keyDigest", AttributeValue.fromS(digests.get(i % KEYS))))).item());
                rows.add(String.format("packaged validation under the runtime interface client (moto): cold first answer %d ms (%d KMS calls at init)",
                        cold.toMillis(), kmsAtInit));
                rows.add(String.format("  warm p50: JWKS (the runtime's floor) %6.3f ms | NOT_FOUND %6.3f ms | VALID %6.3f ms | raw GetItem on moto %6.3f ms",
                        pct(jwks, 50), pct(notFound, 50), pct(valid, 50), pct(raw, 50)));
                rows.add(String.format("  VALID minus the floor %6.3f ms = %.2fx a raw GetItem | KMS calls per VALID answer %.3f",
                        pct(valid, 50) - pct(jwks, 50), (pct(valid, 50) - pct(jwks, 50)) / pct(raw, 50), kmsPerValid));
                rows.add(String.format("  after a VALID answer, the environment stays busy (the answer tail finishing the startup's send)"
                        + " p50 %6.3f ms p99 %6.3f; extensions: %s", pct(tail, 50), pct(tail, 99), validation.extensions()));
                validation.terminate(Duration.ofSeconds(30));
            }
            rows.add("  where the packaged function's CPU goes while answering VALIDs (JFR, the tail's sends included):");
            rows.addAll(StageProfile.of(recording, window[0], window[1]));
        }
    }

    private static String post(HttpClient http, String uri, String token, String json) {
        return send(http, HttpRequest.newBuilder(java.net.URI.create(uri)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private static String send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static long[] measure(IntConsumer call) {
        return measure(call, () -> { }, new long[SAMPLES]);
    }

    /**
     * Times {@code call} only; {@code settle} runs untimed after each call, and its own times go to
     * {@code settled} (sorted): a packaged function is handed its next event only when it is idle, as
     * Lambda hands a new event only to an idle environment.
     */
    static long[] measure(IntConsumer call, Runnable settle, long[] settled) {
        for (int i = 0; i < WARMUP; i++) {
            call.accept(i);
            settle.run();
        }
        long[] nanos = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            long start = System.nanoTime();
            call.accept(WARMUP + i);
            long answered = System.nanoTime();
            nanos[i] = answered - start;
            settle.run();
            settled[i] = System.nanoTime() - answered;
        }
        Arrays.sort(nanos);
        Arrays.sort(settled);
        return nanos;
    }

    static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    private static String load() {
        return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
