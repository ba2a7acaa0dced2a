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
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Every figure of validation's floor, side by side in one run (README, "Performance"):
 * <ol>
 * <li>the local runtime as a vendor runs it (its packaged app, a process), validation over HTTP
 * next to a raw {@code GetItem} on its own DynamoDB Local, both over HTTP/1.1, many keys, under both
 * JIT settings; raw reads and validations take turns in blocks (a drift in this shared machine's load
 * hits both alike), and a raw block starts only once the trail has written the validations before it;
 * <li>the packaged validation function under AWS's runtime interface client on moto: its cold
 * first answer, then warm answers (JWKS, the runtime's floor; NOT_FOUND; VALID) and a raw
 * {@code GetItem} on the same moto, taking turns in blocks;
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
    /** {@code -Dbenchmark.packaged-jit=tiered}: the packaged function without the template's C1-only option, to weigh it. */
    static final boolean TIERED_PACKAGED = "tiered".equals(System.getProperty("benchmark.packaged-jit"));
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration ANSWER = Duration.ofSeconds(120);
    /** Ample for the local trail to write a block's startups (5 batches of 10 items); checked in each run. */
    static final Duration TRAIL_DRAIN = Duration.ofMillis(200);

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
            if (!Boolean.getBoolean("benchmark.local-only")) {
                packagedFunction();
            }
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
        List<StageProfile.Window> profiled = new ArrayList<>();
        String mode = jit.contains(C1_ONLY) ? "C1 only (the template's JIT)" : "tiered C1+C2 (the JVM's default)";
        try (LocalRuntimeProcess local = LocalRuntimeProcess.start(data, options)) {
            // HTTP/1.1, as the raw GetItem's SDK client speaks to DynamoDB Local: the JDK client's default h2c
            // upgrade would add HTTP/2 framing to one side of the comparison only.
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
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
                List<HttpRequest> validations = keys.stream().map(key -> HttpRequest.newBuilder(local.uri("/v1/licenses/validate"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"licenseKey\":\"" + key + "\",\"product\":\"zendesk-mcp\"}"))
                        .build()).toList();
                // The raw reads go to other licences than the validations beside them, so neither warms the other's item;
                // each raw block starts once the startup trail has written what the validations before it recorded
                // (TRAIL_DRAIN, checked on the trail table before the first measured block).
                Part raw = Part.afterAPause(i -> dynamo.getItem(r -> r.tableName("tollgate-licenses")
                        .key(Map.of("keyDigest", AttributeValue.fromS(digests.get((i + KEYS / 2) % KEYS))))).item(),
                        TRAIL_DRAIN);
                Part validate = new Part(i -> expectValid(send(http, validations.get(i % KEYS))));
                trailDrainsWithinThePause(dynamo, () -> {
                    for (int i = 0; i < BLOCK; i++) {
                        validate.call().accept(i);
                    }
                });
                interleaved(raw, validate);
                profiled.addAll(validate.blocks());
                Part storm = new Part(i -> expectValid(send(http, validations.get(0))));
                interleaved(storm);
                rows.add(String.format("local runtime, %-32s validate p50 %6.3f ms p99 %6.3f | raw GetItem p50 %6.3f ms p99 %6.3f | ratio p50 %.2fx",
                        mode, validate.p(50), validate.p(99), raw.p(50), raw.p(99), validate.p(50) / raw.p(50)));
                rows.add(String.format("    one licence's startup storm (the same key every call): validate p50 %6.3f ms p99 %6.3f | ratio p50 %.2fx",
                        storm.p(50), storm.p(99), storm.p(50) / raw.p(50)));
            }
        }
        rows.add("  where validate's CPU goes (" + mode + ", JFR samples while validating distinct licences):");
        rows.addAll(StageProfile.of(recording, profiled));
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
            List<StageProfile.Window> profiled = new ArrayList<>();
            // The template's JIT options, and a JFR recording of the function's CPU for where VALID goes.
            try (PackagedFunction validation = stack.launchEdited("LicenseValidationFunction", env -> {
                if (TIERED_PACKAGED) {
                    env.computeIfPresent("JAVA_TOOL_OPTIONS", (name, options) -> options.replace(C1_ONLY, ""));
                }
                env.merge("JAVA_TOOL_OPTIONS", " -XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + recording,
                        String::concat);
            })) {
                HttpApi api = new HttpApi(stack.template()).with("LicenseValidationFunction", validation);
                api.send(AwsEvents.httpApi("GET", "/.well-known/jwks.json"), ANSWER);
                Duration cold = validation.coldFirstAnswer();
                long kmsAtInit = kms.total() - kmsAtStart;
                Runnable idle = () -> validation.awaitIdle(ANSWER);
                Part jwks = new Part(i -> api.send(AwsEvents.httpApi("GET", "/.well-known/jwks.json"), ANSWER), idle);
                // Each from its own address, as a fleet's instances are: one address is held to a few unknown keys a minute.
                Part notFound = new Part(i -> api.send(AwsEvents.httpApi("POST", "/v1/licenses/validate")
                        .sourceIp("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255))
                        .jsonBody("{\"licenseKey\":\"ZDMCP-0000-0000-0000-0000-0000-0000-0005\",\"product\":\"zendesk-mcp\"}"), ANSWER),
                        idle);
                // Refused by the key's format alone: the POST's path through the runtime and the edge, without a read.
                Part malformed = new Part(i -> api.send(AwsEvents.httpApi("POST", "/v1/licenses/validate")
                        .jsonBody("{\"licenseKey\":\"not-a-key\",\"product\":\"zendesk-mcp\"}"), ANSWER), idle);
                Part valid = new Part(i -> expectValid(api.send(AwsEvents.httpApi("POST", "/v1/licenses/validate")
                        .jsonBody("{\"licenseKey\":\"" + keys.get(i % KEYS) + "\",\"product\":\"zendesk-mcp\"}"), ANSWER).body()),
                        idle);
                Part raw = new Part(i -> stack.dynamoDb().getItem(r -> r.tableName(stack.ref("LicensesTable"))
                        .key(Map.of("keyDigest", AttributeValue.fromS(digests.get((i + KEYS / 2) % KEYS))))).item());
                // A read of no item: what NOT_FOUND's read costs moto, which answers an item slower than none.
                Part rawMiss = new Part(i -> stack.dynamoDb().getItem(r -> r.tableName(stack.ref("LicensesTable"))
                        .key(Map.of("keyDigest", AttributeValue.fromS("0".repeat(64))))).item());
                long kmsBefore = kms.total();
                interleaved(jwks, malformed, notFound, valid, raw, rawMiss);
                profiled.addAll(valid.blocks());
                // Every KMS call of the run counted against the VALIDs: the other parts make none.
                double kmsPerValid = (kms.total() - kmsBefore) / (double) (WARMUP + SAMPLES);
                rows.add(String.format("packaged validation under the runtime interface client (moto), %s: cold first answer %d ms (%d KMS calls at init)",
                        TIERED_PACKAGED ? "tiered C1+C2 (not the template's JIT)" : "C1 only (the template's JIT)", cold.toMillis(), kmsAtInit));
                rows.add(String.format("  warm p50: JWKS (the runtime's floor) %6.3f ms | NOT_FOUND %6.3f ms | VALID %6.3f ms | raw GetItem on moto %6.3f ms",
                        jwks.p(50), notFound.p(50), valid.p(50), raw.p(50)));
                rows.add(String.format("  VALID minus the floor %6.3f ms = %.2fx a raw GetItem | KMS calls per VALID answer %.3f",
                        valid.p(50) - jwks.p(50), (valid.p(50) - jwks.p(50)) / raw.p(50), kmsPerValid));
                rows.add(String.format("  the steps (p50 differences): a POST refused by the key's format (no read) +%6.3f ms over the floor"
                        + " | its read (NOT_FOUND) +%6.3f ms, a raw read of no item %6.3f ms | the lease (VALID) +%6.3f ms,"
                        + " of which moto answering an item rather than none %6.3f ms",
                        malformed.p(50) - jwks.p(50), notFound.p(50) - malformed.p(50), rawMiss.p(50),
                        valid.p(50) - notFound.p(50), raw.p(50) - rawMiss.p(50)));
                rows.add(String.format("  after a VALID answer, the environment stays busy (the answer tail finishing the startup's send)"
                        + " p50 %6.3f ms p99 %6.3f; extensions: %s", valid.settledP(50), valid.settledP(99), validation.extensions()));
                validation.terminate(Duration.ofSeconds(30));
            }
            rows.add("  where the packaged function's CPU goes while answering VALIDs (JFR, the tail's sends included):");
            rows.addAll(StageProfile.of(recording, profiled));
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

    /** Calls in blocks this long, the parts of one comparison taking turns, so a drift in the machine's load hits all alike. */
    static final int BLOCK = 50;

    /**
     * One thing measured: {@code call} is timed; {@code settle} runs untimed after each call and its own
     * time is kept apart (a packaged function is handed its next event only when it is idle, as Lambda
     * hands a new event only to an idle environment).
     */
    record Part(IntConsumer call, Runnable settle, Runnable beforeBlock, long[] nanos, long[] settled,
                List<StageProfile.Window> blocks) {
        static final Runnable NOTHING = () -> { };

        Part(IntConsumer call) {
            this(call, NOTHING);
        }

        Part(IntConsumer call, Runnable settle) {
            this(call, settle, NOTHING, new long[SAMPLES], new long[SAMPLES], new ArrayList<>());
        }

        /** Each block of this part starts after a pause in which whatever the calls before it left running can finish. */
        static Part afterAPause(IntConsumer call, Duration pause) {
            return new Part(call, NOTHING, () -> sleep(pause), new long[SAMPLES], new long[SAMPLES], new ArrayList<>());
        }

        double p(int percentile) {
            return pct(nanos, percentile);
        }

        double settledP(int percentile) {
            return pct(settled, percentile);
        }
    }

    /**
     * Warms every part up, then measures them in turns of {@link #BLOCK} calls, call {@code i} of each
     * part with index {@code WARMUP + i}; sorts what was measured.
     */
    static void interleaved(Part... parts) {
        inTurns(parts, 0, WARMUP, false);
        inTurns(parts, WARMUP, SAMPLES, true);
        for (Part part : parts) {
            Arrays.sort(part.nanos());
            Arrays.sort(part.settled());
        }
    }

    /** Calls {@code first} to {@code first + count - 1} of every part, the parts taking turns in blocks. */
    private static void inTurns(Part[] parts, int first, int count, boolean measured) {
        for (int from = 0; from < count; from += BLOCK) {
            for (Part part : parts) {
                part.beforeBlock().run();
                Instant blockStart = Instant.now();
                for (int i = from; i < Math.min(count, from + BLOCK); i++) {
                    long start = System.nanoTime();
                    part.call().accept(first + i);
                    long answered = System.nanoTime();
                    part.settle().run();
                    if (measured) {
                        part.nanos()[i] = answered - start;
                        part.settled()[i] = System.nanoTime() - answered;
                    }
                }
                if (measured) {
                    part.blocks().add(new StageProfile.Window(blockStart, Instant.now()));
                }
            }
        }
    }

    /** The pause before each raw block is long enough: a block of validations' trail items are all written by its end. */
    private static void trailDrainsWithinThePause(DynamoDbClient dynamo, Runnable block) {
        int before = trailItems(dynamo);
        block.run();
        sleep(TRAIL_DRAIN);
        int written = trailItems(dynamo) - before;
        if (written != BLOCK) {
            throw new AssertionError(written + " of " + BLOCK + " startups were in the trail " + TRAIL_DRAIN.toMillis()
                    + " ms after their validations: raise TRAIL_DRAIN");
        }
    }

    private static int trailItems(DynamoDbClient dynamo) {
        int items = 0;
        Map<String, AttributeValue> from = null;
        do {
            Map<String, AttributeValue> start = from;
            ScanResponse page = dynamo.scan(r -> r.tableName("tollgate-startup-log").select(Select.COUNT).exclusiveStartKey(start));
            items += page.count();
            from = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (from != null);
        return items;
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    private static String load() {
        return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
