package dev.tollgate.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.embedded.DynamoDbLocalTestResource;
import dev.tollgate.local.hostile.HostileCorpus;
import dev.tollgate.local.hostile.RawHttp;
import dev.tollgate.local.hostile.RequestSchemas;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The hostile corpus (issue 14), walked from the served OpenAPI document and sent over real HTTP
 * to the running local runtime: every answer is a 4xx problem+json that names no internal class,
 * holds no stack trace and no seeded secret, and comes quickly; staff routes refuse missing, forged
 * and under-privileged tokens before anything runs (no audit entry); a valid request still answers.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalTestResource.class)
class HostileInputIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What an answer must never show: a stack trace, or the name of a class inside the server. */
    private static final List<String> INTERNALS = List.of("java.", "javax.", "jakarta.", "dev.tollgate", "io.quarkus",
            "io.vertx", "org.jboss", "com.fasterxml", "software.amazon", "Exception", "\tat ", "Caused by");

    @Test
    void everyBadRequestOnEveryDocumentedRouteIsARefusalThatLeaksNothing() throws Exception {
        RawHttp http = new RawHttp(RestAssured.port);
        Seeded seeded = seed(http);
        JsonNode document = JSON.readTree(http.send("GET", bytes("/q/openapi?format=json"), Map.of(), null).body());
        RequestSchemas schemas = new RequestSchemas(document);
        HostileCorpus corpus = new HostileCorpus(document, seeded.seeds(), schemas::rejects);

        // Refused before anything runs: the audit trail does not move.
        int auditBefore = auditEntries(http, seeded.seeds().adminToken());
        List<HostileCorpus.Case> unauthorised = corpus.unauthorised();
        List<String> failures = new ArrayList<>();
        List<Long> nanos = new ArrayList<>();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        for (HostileCorpus.Case c : unauthorised) {
            check(http, c, seeded, failures, nanos, byStatus);
        }
        assertEquals(auditBefore, auditEntries(http, seeded.seeds().adminToken()),
                "a refused staff token left an audit entry");

        List<HostileCorpus.Case> hostile = corpus.hostile();
        for (HostileCorpus.Case c : hostile) {
            check(http, c, seeded, failures, nanos, byStatus);
        }

        // Still serving, and still right.
        RawHttp.Answer valid = http.send("POST", bytes("/v1/licenses/validate"), Map.of("Content-Type", "application/json"),
                bytes("{\"licenseKey\":\"" + seeded.seeds().licenseKey() + "\",\"product\":\"zendesk-mcp\"}"));
        assertEquals(200, valid.status(), valid.text());
        assertEquals("VALID", JSON.readTree(valid.body()).path("verdict").asText());

        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        long p99 = sorted[(int) Math.ceil(sorted.length * 0.99) - 1];
        long max = sorted[sorted.length - 1];
        long median = sorted[sorted.length / 2];
        System.out.printf("hostile corpus: %d requests (%d unauthorised, %d hostile) over %d documented operations;"
                        + " answers by status %s; per answer median %.1f ms, p99 %.1f ms, max %.1f ms; %d failures%n",
                sorted.length, unauthorised.size(), hostile.size(), operations(document), byStatus,
                median / 1e6, p99 / 1e6, max / 1e6, failures.size());
        assertTrue(failures.isEmpty(), failures.size() + " answers broke the rules:\n" + String.join("\n",
                failures.subList(0, Math.min(60, failures.size()))));
        assertTrue(sorted.length >= 300, "the corpus has only " + sorted.length + " requests");
        assertTrue(p99 < 1_000_000_000L, "p99 " + p99 / 1e6 + " ms");
        assertTrue(max < 5_000_000_000L, "max " + max / 1e6 + " ms");
    }

    /**
     * The HTTP layer's own refusals (a 5,000-character path, a 100,000-character query, a 64 KiB header)
     * are problem+json too. Today they are bare (issue 14); the local runtime's HTTP limits make them so.
     */
    /**
     * The one refusal no Tollgate code can dress: Netty refuses a header value holding control characters
     * while it decodes the request (a guard against header injection worth keeping), and Vert.x answers a
     * bare 400. Every other refusal, the URI and header limits included, is problem+json.
     */
    static final Set<String> CODEC_REFUSALS = Set.of("control characters in a header");

    @Test
    void theHttpLayersOwnRefusalsAreProblemJsonToo() throws Exception {
        RawHttp http = new RawHttp(RestAssured.port);
        Seeded seeded = seed(http);
        JsonNode document = JSON.readTree(http.send("GET", bytes("/q/openapi?format=json"), Map.of(), null).body());
        HostileCorpus corpus = new HostileCorpus(document, seeded.seeds(), (s, b) -> true);
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        for (HostileCorpus.Case c : corpus.httpLayer()) {
            check(http, c, seeded, failures, new ArrayList<>(), byStatus);
        }
        System.out.printf("HTTP layer cases: %s%n", byStatus);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private static void check(RawHttp http, HostileCorpus.Case c, Seeded seeded, List<String> failures, List<Long> nanos,
                              Map<Integer, Integer> byStatus) {
        RawHttp.Answer answer;
        try {
            answer = http.send(c.method(), c.target(), c.headers(), c.body());
        } catch (RuntimeException noAnswer) {
            failures.add(c.describe() + " -> no answer: " + noAnswer.getMessage());
            return;
        }
        nanos.add(answer.nanos());
        byStatus.merge(answer.status(), 1, Integer::sum);
        String text = answer.text();
        String why = null;
        if (answer.status() < 400 || answer.status() > 499) {
            why = "status " + answer.status();
        } else if (c.expected() != 0 && answer.status() != c.expected()) {
            why = "status " + answer.status() + ", expected " + c.expected();
        } else if (CODEC_REFUSALS.contains(c.family()) && answer.body().length == 0) {
            // Refused by the HTTP codec while decoding, before any route or filter runs: a bare status, nothing else.
        } else if (answer.header("Content-Type") == null || !answer.header("Content-Type").startsWith("application/problem+json")) {
            why = "Content-Type " + answer.header("Content-Type");
        } else {
            try {
                JsonNode problem = JSON.readTree(answer.body());
                if (problem.path("status").asInt() != answer.status() || problem.path("code").asText().isEmpty()) {
                    why = "problem status/code do not match: " + text;
                }
            } catch (Exception notJson) {
                why = "body is not JSON";
            }
        }
        for (String internal : INTERNALS) {
            if (text.contains(internal) || String.valueOf(answer.headers()).contains(internal)) {
                why = "names '" + internal + "'";
            }
        }
        for (String secret : seeded.secrets()) {
            if (text.contains(secret) || String.valueOf(answer.headers()).contains(secret)) {
                why = "shows a seeded secret";
            }
        }
        if (why != null) {
            failures.add(c.describe() + " -> " + why + " :: " + (text.length() > 200 ? text.substring(0, 200) : text));
        }
    }

    record Seeded(HostileCorpus.Seeds seeds, List<String> secrets) {
    }

    /** A tenant with a licence and both credentials, real staff tokens, and forged ones. */
    private static Seeded seed(RawHttp http) throws Exception {
        String admin = token(http, "admin");
        String support = token(http, "support");
        Map<String, String> asAdmin = Map.of("Authorization", "Bearer " + admin, "Content-Type", "application/json");
        String tenant = JSON.readTree(http.send("POST", bytes("/v1/admin/tenants"), asAdmin,
                bytes("{\"name\":\"Hostile Corpus Ltd\"}")).body()).path("id").asText();
        String key = JSON.readTree(http.send("POST", bytes("/v1/admin/tenants/" + tenant + "/licenses"), asAdmin,
                bytes("{\"product\":\"zendesk-mcp\",\"expiresOn\":\"" + LocalDate.now(ZoneOffset.UTC).plusYears(1) + "\"}"))
                .body()).path("licenseKey").asText();
        String digest = JSON.readTree(http.send("POST", bytes("/v1/admin/licenses/lookup"), asAdmin,
                bytes("{\"licenseKey\":\"" + key + "\"}")).body()).path("keyDigest").asText();
        String canary = UUID.randomUUID().toString().replace("-", "");
        String email = "canary." + canary.substring(0, 8) + "@example.com";
        String zendeskToken = "zd-canary-" + canary;
        String apiKey = "sk-ant-canary-" + canary;
        assertEquals(200, http.send("PUT", bytes("/v1/admin/tenants/" + tenant + "/credentials/zendesk"), asAdmin,
                bytes("{\"subdomain\":\"acme\",\"authType\":\"api_token\",\"email\":\"" + email + "\",\"token\":\""
                        + zendeskToken + "\"}")).status());
        assertEquals(200, http.send("PUT", bytes("/v1/admin/tenants/" + tenant + "/credentials/model"), asAdmin,
                bytes("{\"provider\":\"anthropic\",\"model\":\"claude-sonnet-4-5\",\"apiKey\":\"" + apiKey + "\"}")).status());

        RSAPrivateKey devKey = devKey();
        RSAPrivateKey strangerKey = (RSAPrivateKey) KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();
        Instant now = Instant.now();
        List<String> forged = List.of(
                unsigned(claims("tollgate-local-dev", "tollgate-admin-api", now.plusSeconds(600), List.of("tollgate-admin"))),
                rs256(strangerKey, claims("tollgate-local-dev", "tollgate-admin-api", now.plusSeconds(600), List.of("tollgate-admin"))),
                rs256(devKey, claims("tollgate-local-dev", "tollgate-admin-api", now.minusSeconds(3600), List.of("tollgate-admin"))),
                rs256(devKey, claims("evil-issuer", "tollgate-admin-api", now.plusSeconds(600), List.of("tollgate-admin"))),
                rs256(devKey, claims("tollgate-local-dev", "another-api", now.plusSeconds(600), List.of("tollgate-admin"))),
                hs256(claims("tollgate-local-dev", "tollgate-admin-api", now.plusSeconds(600), List.of("tollgate-admin"))),
                promoted(support));
        String noGroups = rs256(devKey, claims("tollgate-local-dev", "tollgate-admin-api", now.plusSeconds(600), List.of()));
        return new Seeded(new HostileCorpus.Seeds(tenant, digest, key, admin, support, forged, noGroups),
                List.of(key, key.replace("-", ""), admin, support, email, zendeskToken, apiKey));
    }

    private static int auditEntries(RawHttp http, String admin) throws Exception {
        int count = 0;
        String cursor = null;
        do {
            String target = "/v1/admin/audit?limit=200" + (cursor == null ? "" : "&cursor="
                    + java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonNode page = JSON.readTree(http.send("GET", bytes(target), Map.of("Authorization", "Bearer " + admin), null).body());
            count += page.path("entries").size();
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return count;
    }

    private static String token(RawHttp http, String role) throws Exception {
        return JSON.readTree(http.send("POST", bytes("/local/dev-token?role=" + role), Map.of(), null).body())
                .path("token").asText();
    }

    private static JWTClaimsSet claims(String issuer, String audience, Instant expires, List<String> groups) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject("intruder")
                .issueTime(Date.from(expires.minusSeconds(900))).expirationTime(Date.from(expires));
        if (!groups.isEmpty()) {
            claims.claim("groups", groups);
        }
        return claims.build();
    }

    private static String rs256(RSAPrivateKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    /** HS256 keyed with the server's public key: the old algorithm-confusion trick. */
    private static String hs256(JWTClaimsSet claims) throws Exception {
        byte[] secret = Files.readAllBytes(devKeyDir().resolve("public.pem"));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new MACSigner(java.util.Arrays.copyOf(secret, Math.max(32, secret.length))));
        return jwt.serialize();
    }

    private static String unsigned(JWTClaimsSet claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(bytes("{\"alg\":\"none\",\"typ\":\"JWT\"}")) + "."
                + b64.encodeToString(bytes(claims.toString())) + ".";
    }

    /** A real support token whose payload now claims the admin group; the signature is the original. */
    private static String promoted(String support) throws Exception {
        String[] parts = support.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("tollgate-support", "tollgate-admin");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(payload)) + "." + parts[2];
    }

    private static Path devKeyDir() {
        return Path.of(ConfigProvider.getConfig().getValue("tollgate.local.data-dir", String.class), "dev-admin-jwt");
    }

    private static RSAPrivateKey devKey() throws Exception {
        byte[] der = Base64.getDecoder().decode(Files.readString(devKeyDir().resolve("private.pk8")).strip());
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        return (RSAPrivateKey) key;
    }

    private static int operations(JsonNode document) {
        int n = 0;
        for (JsonNode path : document.path("paths")) {
            for (String method : List.of("get", "post", "put", "delete", "patch")) {
                n += path.has(method) ? 1 : 0;
            }
        }
        return n;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
