package dev.tollgate.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The embedded default killed with {@code kill -9} in the middle of a storm of validations, then
 * started again on the same data folder: every validation that was answered VALID has its startup
 * entry. The local runtime runs as a vendor runs it, as a process ({@code java -jar}). Sizes:
 * {@code -Dtollgate.crash.storm=400 -Dtollgate.crash.clients=16 -Dtollgate.crash.kill-after=200}.
 */
class LocalRuntimeCrashTest {

    static final int STORM = Integer.getInteger("tollgate.crash.storm", 400);
    static final int CLIENTS = Integer.getInteger("tollgate.crash.clients", 16);
    static final int KILL_AFTER = Integer.getInteger("tollgate.crash.kill-after", STORM / 2);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyAnsweredValidationHasItsEntryAfterAKillNineAndARestart() throws Exception {
        Path data = Files.createTempDirectory("tollgate-crash");
        loosen(data);
        String key;
        String digest;
        AtomicInteger answeredValid = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long started;
        long killedAt;
        try (LocalRuntimeProcess local = LocalRuntimeProcess.start(data, List.of())) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String token = JSON.readTree(http.send(HttpRequest.newBuilder(local.uri("/local/dev-token?role=admin"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body())
                    .path("token").asText();
            String tenant = adminPost(http, local.uri("/v1/admin/tenants"), token, "{\"name\":\"Crash\"}").path("id").asText();
            JsonNode issued = adminPost(http, local.uri("/v1/admin/tenants/" + tenant + "/licenses"), token,
                    "{\"product\":\"zendesk-mcp\",\"expiresOn\":\"" + LocalDate.now().plusYears(1) + "\"}");
            key = issued.path("licenseKey").asText();
            digest = issued.path("license").path("keyDigest").asText();
            assertEquals(0, entries(local, digest));

            HttpRequest validate = HttpRequest.newBuilder(local.uri("/v1/licenses/validate"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"licenseKey\":\"" + key + "\",\"product\":\"zendesk-mcp\"}"))
                    .build();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> workers = new ArrayList<>();
            started = System.nanoTime();
            for (int c = 0; c < CLIENTS; c++) {
                workers.add(clients.submit(() -> {
                    while (next.getAndIncrement() < STORM) {
                        try {
                            HttpResponse<String> answer = http.send(validate, HttpResponse.BodyHandlers.ofString());
                            if (answer.statusCode() == 200 && answer.body().contains("\"VALID\"")) {
                                answeredValid.incrementAndGet();
                            } else {
                                failed.incrementAndGet();
                            }
                        } catch (IOException killed) {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            while (answeredValid.get() < KILL_AFTER && next.get() < STORM) {
                Thread.sleep(1);
            }
            local.killHard();
            killedAt = System.nanoTime();
            for (Future<?> worker : workers) {
                worker.get(60, TimeUnit.SECONDS);
            }
            clients.shutdown();
        }
        int answered = answeredValid.get();
        assertTrue(answered >= KILL_AFTER && answered < STORM,
                "the kill did not land mid-storm: " + answered + " of " + STORM + " answered");

        try (LocalRuntimeProcess restarted = LocalRuntimeProcess.start(data, List.of())) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            int entries = entries(restarted, digest);
            while (entries < answered && System.nanoTime() < deadline) {
                Thread.sleep(200);
                entries = entries(restarted, digest);
            }
            System.out.printf("%n=== kill -9 mid-storm: %d validations sent by %d clients, killed %.2f s in; "
                            + "%d answered VALID, %d unanswered; after the restart the trail holds %d entries ===%n",
                    STORM, CLIENTS, (killedAt - started) / 1e9, answered, failed.get(), entries);
            assertTrue(entries >= answered, "answered " + answered + " VALID, but the trail holds " + entries);
            // A startup journalled but not yet answered when the process died is recorded too; nothing beyond what was sent.
            assertTrue(entries <= STORM, entries + " entries for " + STORM + " validations");
            assertOwnerOnly(data);
        }
    }

    /** A data folder left by an older version: made by the umask, readable by every local user. */
    private static void loosen(Path data) throws IOException {
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path tables = Files.createDirectories(data.resolve("dynamodb"));
        Files.setPosixFilePermissions(tables, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(data.resolve("notes.txt"), "left here before");
        Files.setPosixFilePermissions(data.resolve("notes.txt"), PosixFilePermissions.fromString("rw-r--r--"));
    }

    /** Everything in the data folder, tables and journal included, is its owner's alone. */
    private static void assertOwnerOnly(Path data) throws IOException {
        Set<PosixFilePermission> folder = PosixFilePermissions.fromString("rwx------");
        Set<PosixFilePermission> file = PosixFilePermissions.fromString("rw-------");
        List<String> loose = new ArrayList<>();
        int files;
        try (Stream<Path> all = Files.walk(data)) {
            List<Path> paths = all.toList();
            files = (int) paths.stream().filter(Files::isRegularFile).count();
            for (Path path : paths) {
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path);
                if (Files.isDirectory(path) ? !mode.equals(folder) : !mode.equals(file)) {
                    loose.add(data.relativize(path) + " " + PosixFilePermissions.toString(mode));
                }
            }
        }
        assertTrue(files >= 4, "the data folder holds the tables, the key ring and the journal: " + files + " files");
        assertEquals(List.of(), loose);
    }

    private static JsonNode adminPost(HttpClient http, URI uri, String token, String json) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(answer.statusCode() / 100 == 2, answer.body());
        return JSON.readTree(answer.body());
    }

    private static int entries(LocalRuntimeProcess local, String digest) {
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(local.dynamoDbEndpoint())
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build()) {
            return dynamo.queryPaginator(r -> r.tableName("tollgate-startup-log").keyConditionExpression("keyDigest = :d")
                            .expressionAttributeValues(Map.of(":d", AttributeValue.fromS(digest))).select("COUNT"))
                    .stream().mapToInt(page -> page.count()).sum();
        }
    }
}
