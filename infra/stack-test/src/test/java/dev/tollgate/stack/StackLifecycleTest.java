package dev.tollgate.stack;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A vendor's whole life cycle on the deployed shape: the template's resources on moto_server, the
 * README's two deploys and operator step, every function's packaged zip under AWS's runtime
 * interface client with exactly the template's environment, reached through the template's own
 * routes and event sources with events in AWS's shapes. Then every table is read raw, and every
 * log line every function wrote: no licence key, no secret, anywhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackLifecycleTest {

    static final Duration ANSWER = Duration.ofSeconds(120);
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ZENDESK_TOKEN = "zd-oauth-Q7vK2mX9pL4tR8sW1yB6cN3dF5gH0jZ";
    static final String MODEL_KEY = "sk-ant-api03-Vb8Nq2Wm7Xr4Ts9Lp1Kc6Hd3Jf5Gz0Ya";
    static final String AGENT_EMAIL = "agent.smith@acme.example";
    static final byte[] ARTIFACT = "the 1.4.0 tarball, pretend".getBytes(StandardCharsets.UTF_8);
    /** Ticket 42's text in infra/local/wiremock: fetched, sent to the model, answered, and kept nowhere. */
    static final List<String> TICKET_TEXT = List.of("Hello, the invoice export fails", "Maria Lopez", "Zwickau",
            "203.0.113.77", "Thanks, we are looking into it");

    Deployment deployment;
    MotoStack stack;
    WireMockServer upstreams;
    final Map<String, PackagedFunction> functions = new LinkedHashMap<>();
    HttpApi api;
    final HttpClient http = HttpClient.newHttpClient();

    /** Requests each function was sent (the JWT authorizer's own refusals never reach one). */
    final Map<String, Integer> sent = new LinkedHashMap<>();
    String admin;
    String support;
    String tenant;
    String licenseKey;
    String digest;

    @BeforeAll
    void firstDeploy() {
        // Not the defaults: the template's lease parameters must reach the function.
        deployment = Deployment.first(Map.of("LeaseTtl", "PT12H", "LeaseGrace", "P3D"));
        stack = deployment.stack;
        upstreams = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1")
                .usingFilesUnderDirectory("../local/wiremock"));
        upstreams.start();
        stack.upstream("TOLLGATE_ZENDESK_BASE_URL", upstreams.baseUrl() + "/zendesk/{subdomain}");
        admin = deployment.idp.token("alice@vendor", List.of("tollgate-admin"));
        support = deployment.idp.token("sam@vendor", List.of("tollgate-support"));
    }

    @AfterAll
    void tearDown() {
        functions.values().forEach(PackagedFunction::close);
        if (upstreams != null) {
            upstreams.stop();
        }
        if (deployment != null) {
            deployment.close();
        }
    }

    @Test
    @Order(1)
    void theFirstDeployHasNoFunctionThatDigestsKeys() {
        for (String function : List.of("LicenseValidationFunction", "UpdateUrlFunction", "AdminFunction",
                "TicketSummaryFunction")) {
            assertFalse(stack.deployed(function), function);
            assertThrows(IllegalStateException.class, () -> stack.launch(function));
        }
        assertTrue(stack.deployed("StartupLogFunction"));
    }

    @Test
    @Order(2)
    void theOperatorWrapsTheDigestSecretAndTheSecondDeployStartsEveryFunction() {
        deployment.wrapDigestSecretAndRedeploy();
        api = new HttpApi(stack.template());
        for (SamTemplate.Function function : stack.template().functions()) {
            PackagedFunction running = stack.launch(function.logicalId());
            functions.put(function.logicalId(), running);
            if (!function.events("HttpApi").isEmpty()) {
                api.with(function.logicalId(), running);
            }
        }
        assertEquals(java.util.Set.of("StartupLogFunction", "UpdateUrlFunction", "AdminFunction", "LicenseValidationFunction",
                "TicketSummaryFunction", "RetentionPurgeFunction"), functions.keySet());
    }

    @Test
    @Order(3)
    void staffCreateATenantAndIssueALicenceWhoseKeyIsShownOnce() {
        // The first lease signing key (LeaseSigner=memory): made by staff, its private half wrapped by KMS.
        HttpApiResponse rotated = send("POST", "/v1/admin/signing-keys/rotate", admin, null);
        assertEquals(201, rotated.statusCode(), rotated.body());
        HttpApiResponse created = send("POST", "/v1/admin/tenants", admin, "{\"name\":\"Acme Support\"}");
        assertEquals(201, created.statusCode(), created.body());
        tenant = created.json().path("id").asText();
        assertTrue(tenant.startsWith("t_"), created.body());

        String expiresOn = LocalDate.now().plusYears(1).toString();
        HttpApiResponse issued = send("POST", "/v1/admin/tenants/" + tenant + "/licenses", admin,
                "{\"product\":\"zendesk-mcp\",\"expiresOn\":\"" + expiresOn + "\"}");
        assertEquals(201, issued.statusCode(), issued.body());
        assertEquals("no-store", issued.headers().get("cache-control"), issued.headers().toString());
        licenseKey = issued.json().path("licenseKey").asText();
        digest = issued.json().path("license").path("keyDigest").asText();
        assertTrue(licenseKey.startsWith("ZDMCP-"), issued.body());
        assertEquals(64, digest.length(), issued.body());
        assertEquals("VALID", issued.json().path("license").path("verdict").asText(), issued.body());
    }

    @Test
    @Order(4)
    void anInstanceValidatesAndItsLeaseVerifiesWithThePublishedKeys() throws Exception {
        HttpApiResponse answer = send("POST", "/v1/licenses/validate", null,
                "{\"licenseKey\":\"" + licenseKey + "\",\"product\":\"zendesk-mcp\"}");
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("VALID", answer.json().path("verdict").asText(), answer.body());
        // The answer did not wait for the startup's send: the function's answer tail (an internal extension)
        // finished it after the answer, and only then let the environment pause.
        PackagedFunction validation = functions.get("LicenseValidationFunction");
        assertEquals(List.of("tollgate-answer-tail"), validation.extensions());
        validation.awaitIdle(ANSWER);
        assertEquals("1", stack.sqs().getQueueAttributes(r -> r.queueUrl(stack.ref("StartupQueue"))
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES), "the startup was queued when the environment paused");

        HttpApiResponse jwks = send("GET", "/.well-known/jwks.json", null, null);
        assertEquals(200, jwks.statusCode(), jwks.body());
        SignedJWT lease = SignedJWT.parse(answer.json().path("lease").path("token").asText());
        ECKey key = (ECKey) JWKSet.parse(jwks.body()).getKeyByKeyId(lease.getHeader().getKeyID());
        assertTrue(lease.verify(new ECDSAVerifier(key)), "the lease verifies with the JWKS (nimbus, not Tollgate's code)");
        assertEquals(digest, lease.getJWTClaimsSet().getSubject());
        long issuedAt = lease.getJWTClaimsSet().getIssueTime().toInstant().getEpochSecond();
        assertEquals(Duration.ofHours(12).toSeconds(), lease.getJWTClaimsSet().getLongClaim("leaseExpiresAt") - issuedAt,
                "the template's LeaseTtl reached the function");
        assertEquals(Duration.ofDays(3).toSeconds(), lease.getJWTClaimsSet().getExpirationTime().toInstant().getEpochSecond()
                - issuedAt, "the template's LeaseGrace reached the function");
        assertTrue(lease.getJWTClaimsSet().getExpirationTime().toInstant().isAfter(Instant.now()));

        HttpApiResponse unknown = send("POST", "/v1/licenses/validate", null,
                "{\"licenseKey\":\"ZDMCP-0000-0000-0000-0000-0000-0000-0005\",\"product\":\"zendesk-mcp\"}");
        assertEquals(200, unknown.statusCode(), unknown.body());
        assertEquals("{\"verdict\":\"NOT_FOUND\"}", unknown.body());
    }

    @Test
    @Order(5)
    void theStartupsReachTheTrailThroughTheQueueAndSupportReadsThem() {
        SqsEventSource startups = new SqsEventSource(stack, "StartupLogFunction", "Startups");
        int received = 0;
        while (received < 2) {
            SqsEventSource.Delivery delivery = startups.deliverOneBatch(functions.get("StartupLogFunction"),
                    Duration.ofSeconds(30), ANSWER);
            assertEquals("{\"batchItemFailures\":[]}", delivery.response().replace(" ", ""));
            assertFalse(delivery.received().isEmpty(), "two startups were queued, " + received + " arrived");
            received += delivery.received().size();
        }
        assertEquals(2, received);

        HttpApiResponse trail = send("POST", "/v1/admin/startup-trail/query", support,
                "{\"licenseKey\":\"" + licenseKey + "\",\"limit\":10}");
        assertEquals(200, trail.statusCode(), trail.body());
        JsonNode entries = trail.json().path("entries");
        assertEquals(1, entries.size(), trail.body());
        assertEquals("VALID", entries.get(0).path("verdict").asText());
        assertEquals(digest, entries.get(0).path("keyDigest").asText());

        HttpApiResponse refused = send("POST", "/v1/admin/tenants", support, "{\"name\":\"Not allowed\"}");
        assertEquals(403, refused.statusCode(), refused.body());
        assertEquals(401, send("GET", "/v1/admin/tenants", null, null).statusCode(), "the JWT authorizer");
    }

    @Test
    @Order(6)
    void aReleaseIsUploadedThroughItsPresignedPutPublishedAndDownloadedThroughItsPresignedGet() throws Exception {
        String release = "{\"product\":\"zendesk-mcp\",\"version\":\"1.4.0\",\"fileName\":\"zendesk-mcp-1.4.0.tar.gz\","
                + "\"notes\":\"First release\"}";
        HttpApiResponse upload = send("POST", "/v1/admin/releases/uploads", admin, release);
        assertEquals(200, upload.statusCode(), upload.body());
        URI uploadUrl = URI.create(upload.json().path("uploadUrl").asText());
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(uploadUrl)
                .header("Content-Type", "application/octet-stream") // moto hangs on curl's form type
                .PUT(HttpRequest.BodyPublishers.ofByteArray(ARTIFACT)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, put.statusCode(), put.body());

        HttpApiResponse published = send("POST", "/v1/admin/releases", admin, release);
        assertEquals(201, published.statusCode(), published.body());
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ARTIFACT));
        assertEquals(sha256, published.json().path("sha256").asText(), published.body());
        assertEquals(ARTIFACT.length, published.json().path("size").asInt());

        HttpApiResponse check = send("POST", "/v1/updates/check", null,
                "{\"licenseKey\":\"" + licenseKey + "\",\"currentVersion\":\"1.3.2\"}");
        assertEquals(200, check.statusCode(), check.body());
        assertTrue(check.json().path("updateAvailable").asBoolean(), check.body());
        assertEquals("1.4.0", check.json().path("latest").path("version").asText());

        HttpApiResponse download = send("POST", "/v1/updates/download-url", null,
                "{\"licenseKey\":\"" + licenseKey + "\",\"version\":\"latest\"}");
        assertEquals(200, download.statusCode(), download.body());
        String url = download.json().path("url").asText();
        assertFalse(url.contains(licenseKey) || url.contains(licenseKey.replace("-", "")), "no URL carries the key");
        assertEquals(sha256, download.json().path("sha256").asText());
        HttpResponse<byte[]> bytes = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, bytes.statusCode());
        assertEquals(sha256, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.body())));
    }

    @Test
    @Order(7)
    void credentialsAreSealedAndShownOnlyAsFactsAndLastFour() {
        HttpApiResponse zendesk = send("PUT", "/v1/admin/tenants/" + tenant + "/credentials/zendesk", admin,
                "{\"subdomain\":\"acme\",\"authType\":\"api_token\",\"email\":\"" + AGENT_EMAIL + "\",\"token\":\""
                        + ZENDESK_TOKEN + "\"}");
        assertEquals(200, zendesk.statusCode(), zendesk.body());
        HttpApiResponse model = send("PUT", "/v1/admin/tenants/" + tenant + "/credentials/model", admin,
                "{\"provider\":\"openai-compatible\",\"baseUrl\":\"" + upstreams.baseUrl() + "/v1\","
                        + "\"model\":\"llama-3.1-8b-instruct\",\"apiKey\":\"" + MODEL_KEY + "\",\"redact\":true}");
        assertEquals(200, model.statusCode(), model.body());

        HttpApiResponse listed = send("GET", "/v1/admin/tenants/" + tenant + "/credentials", support, null);
        assertEquals(200, listed.statusCode(), listed.body());
        assertEquals(2, listed.json().size(), listed.body());
        assertFalse(listed.body().contains(MODEL_KEY) || listed.body().contains(ZENDESK_TOKEN)
                || listed.body().contains(AGENT_EMAIL), listed.body());
        assertTrue(listed.body().contains("\"last4\":\"0Ya\"".replace("0Ya", MODEL_KEY.substring(MODEL_KEY.length() - 4))),
                listed.body());
    }

    @Test
    @Order(8)
    void aTicketIsSummarisedWithTheTenantsOwnZendeskAndModelOnceAndTriaged() {
        HttpApiResponse summary = sendTicket("summary", "stack-42-summary", "{\"writeBack\":true}");
        assertEquals(200, summary.statusCode(), summary.body());
        assertFalse(summary.json().path("result").path("summary").asText().isBlank(), summary.body());
        assertTrue(summary.json().path("writtenBack").asBoolean(), summary.body());
        upstreams.verify(1, putRequestedFor(urlPathMatching("/zendesk/acme/api/v2/tickets/42\\.json")));

        HttpApiResponse again = sendTicket("summary", "stack-42-summary", "{\"writeBack\":true}");
        assertEquals(409, again.statusCode(), again.body());
        assertEquals("ALREADY_PROCESSED", again.json().path("code").asText(), again.body());
        upstreams.verify(1, postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
        upstreams.verify(1, putRequestedFor(urlPathMatching("/zendesk/acme/api/v2/tickets/42\\.json")));

        HttpApiResponse triage = sendTicket("triage", "stack-42-triage", "{\"locale\":\"en-GB\"}");
        assertEquals(200, triage.statusCode(), triage.body());
        assertEquals("bug_report", triage.json().path("result").path("intent").path("value").asText(), triage.body());

        HttpApiResponse noKey = send("POST", "/v1/tickets/42/summary", null, "{}");
        assertEquals(401, noKey.statusCode(), noKey.body());
    }

    private HttpApiResponse sendTicket(String operation, String idempotencyKey, String body) {
        sent.merge("TicketSummaryFunction", 1, Integer::sum);
        return api.send(AwsEvents.httpApi("POST", "/v1/tickets/42/" + operation)
                .header("authorization", "Bearer " + licenseKey)
                .header("idempotency-key", idempotencyKey)
                .jsonBody(body), ANSWER);
    }

    @Test
    @Order(9)
    void theAuditTrailHasOneEntryPerAdminWrite() {
        HttpApiResponse audit = send("GET", "/v1/admin/audit", support, null);
        assertEquals(200, audit.statusCode(), audit.body());
        List<String> actions = new ArrayList<>();
        audit.json().path("entries").forEach(e -> actions.add(e.path("action").asText()));
        assertEquals(List.of("credentials.model.put", "credentials.zendesk.put", "release.register", "release.upload-url",
                "license.issue", "tenant.create", "signing-key.rotate"), actions, audit.body());
        audit.json().path("entries").forEach(e -> assertEquals("ok", e.path("result").asText(), e.toString()));
        assertEquals("alice@vendor", audit.json().path("entries").get(0).path("actor").asText());
    }

    /** EventBridge Scheduler's daily event, as it delivers it, at the packaged purge: nothing is due yet, and the run is recorded. */
    @Test
    @Order(10)
    void theDailyScheduleRunsThePurgeWhichFindsNothingDueAndKeepsItsReport() throws Exception {
        String scheduleArn = "arn:aws:scheduler:" + MotoStack.REGION + ":" + MotoStack.ACCOUNT_ID
                + ":schedule/default/tollgate-RetentionPurgeFunctionDaily";
        JsonNode report = JSON.readTree(functions.get("RetentionPurgeFunction")
                .invoke(AwsEvents.schedulerEvent(scheduleArn, MotoStack.ACCOUNT_ID, MotoStack.REGION), ANSWER));
        assertFalse(report.path("dryRun").asBoolean(), report.toString());
        assertTrue(report.path("complete").asBoolean(), report.toString());
        assertTrue(report.path("categories").size() > 0, report.toString());
        report.path("categories").forEach(c -> assertEquals(0, c.path("deleted").asLong(), c.toString()));
        assertEquals(1, stack.dynamoDb().scan(r -> r.tableName(stack.ref("PurgeReportsTable"))).items().stream()
                .filter(item -> item.toString().contains(report.path("id").asText())).count(), "the report is kept");
    }

    @Test
    @Order(11)
    void noTableHoldsAKeyASecretOrTicketTextAndNoLogLineDoes() {
        List<String> secrets = new ArrayList<>(List.of(licenseKey, licenseKey.replace("-", ""), ZENDESK_TOKEN, MODEL_KEY,
                AGENT_EMAIL, admin, support));
        secrets.addAll(TICKET_TEXT);
        int items = 0;
        for (SamTemplate.Resource table : stack.template().resources()) {
            if (!table.type().equals("AWS::DynamoDB::Table")) {
                continue;
            }
            for (Map<String, AttributeValue> item : stack.dynamoDb().scanPaginator(r -> r.tableName(stack.ref(table.logicalId())))
                    .items()) {
                items++;
                String raw = item.toString() + new String(binaries(item), StandardCharsets.ISO_8859_1);
                for (String secret : secrets) {
                    assertFalse(raw.contains(secret), table.logicalId() + " holds a secret: " + item.keySet());
                    assertFalse(raw.contains(secret.substring(0, Math.min(12, secret.length()))),
                            table.logicalId() + " holds part of a secret");
                }
            }
        }
        assertTrue(items >= 8, "tenant, 2 credentials, licence, 1 trail entry, release, 6 audit entries: " + items);

        int lines = 0;
        for (Map.Entry<String, PackagedFunction> function : functions.entrySet()) {
            List<String> output = new ArrayList<>(function.getValue().stdout());
            output.addAll(function.getValue().stderr());
            for (String line : output) {
                lines++;
                for (String secret : secrets) {
                    assertFalse(line.contains(secret) || line.contains(secret.substring(0, Math.min(12, secret.length()))),
                            function.getKey() + " logged a secret: " + line.substring(0, Math.min(line.length(), 200)));
                }
            }
        }
        assertTrue(lines > 0);
    }

    @Test
    @Order(12)
    void everyRequestLeftOneJsonLineWithItsIdRouteStatusAndDuration() throws Exception {
        List<JsonNode> requests = new ArrayList<>();
        for (String line : functions.get("AdminFunction").stdout()) {
            if (line.startsWith("{")) {
                JsonNode json = JSON.readTree(line);
                if ("dev.tollgate.http.request".equals(json.path("loggerName").asText())) {
                    requests.add(json.path("mdc"));
                }
            }
        }
        assertEquals(sent.get("AdminFunction"), requests.size(), "one line per request the admin function served");
        for (JsonNode request : requests) {
            assertFalse(request.path("requestId").asText().isBlank(), request.toString());
            assertTrue(request.path("route").asText().startsWith("/v1/admin/"), request.toString());
            assertTrue(request.path("status").asInt() >= 200, request.toString());
            assertTrue(request.path("durationMs").asText().matches("\\d+"), request.toString());
        }
        assertTrue(requests.stream().anyMatch(r -> r.path("route").asText().equals("/v1/admin/tenants/{tenantId}/licenses")),
                "routes are templates, never raw paths: " + requests);
    }

    private HttpApiResponse send(String method, String path, String token, String body) {
        AwsEvents.HttpApiRequest request = AwsEvents.httpApi(method, path);
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        if (body != null) {
            request.jsonBody(body);
        }
        SamTemplate.Route route = stack.template().route(method, path).route();
        if (route.authorizer().isEmpty() || token != null) {
            sent.merge(route.function().logicalId(), 1, Integer::sum);
        }
        return api.send(request, ANSWER);
    }

    private static byte[] binaries(Map<String, AttributeValue> item) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        item.values().forEach(v -> {
            if (v.b() != null) {
                out.writeBytes(v.b().asByteArray());
            }
        });
        return out.toByteArray();
    }
}
