package dev.tollgate.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.embedded.DynamoDbLocalTestResource;
import dev.tollgate.release.ArtifactStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Oversized requests over real HTTP: JSON bodies refused before or while reading (413), a long URI
 * (414) and huge headers (431), every one as problem+json; the upload route alone takes a large body.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalTestResource.class)
class LocalHttpLimitsIntegrationTest {

    static final String VALIDATE = "POST /v1/licenses/validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json";

    @TestHTTPResource("/")
    URL root;

    @Inject
    ArtifactStore store;

    @Test
    void aJsonBodyDeclaredTooLargeIsRefusedBeforeItIsRead() {
        byte[] body = jsonOf(200_000);
        long started = System.nanoTime();
        RawHttp.Answer answer = RawHttp.send(root.getPort(), VALIDATE + "\r\nContent-Length: " + body.length, body);
        assertProblem(answer, 413, "BODY_TOO_LARGE");
        System.out.printf("413 for a declared 200 kB body in %.1f ms%n", (System.nanoTime() - started) / 1e6);
        stillServes();
    }

    @Test
    void aChunkedJsonBodyIsStoppedWhileReading() {
        byte[] body = jsonOf(2_000_000);
        RawHttp.Answer answer = RawHttp.send(root.getPort(), VALIDATE + "\r\nTransfer-Encoding: chunked", chunked(body));
        assertEquals(413, answer.status(), answer.head() + "\n" + answer.body());
        assertProblem(answer, 413, null);
        stillServes();
    }

    @Test
    void aChunkedJsonBodyWithinTheLimitIsServed() {
        byte[] body = "{\"licenseKey\":\"ZDMCP-0000-0000-0000-0000-0000-0000-0005\",\"product\":\"zendesk-mcp\"}"
                .getBytes(StandardCharsets.US_ASCII);
        RawHttp.Answer answer = RawHttp.send(root.getPort(), VALIDATE + "\r\nTransfer-Encoding: chunked", chunked(body));
        assertEquals(200, answer.status(), answer.head() + "\n" + answer.body());
        assertTrue(answer.body().contains("\"NOT_FOUND\""), answer.body());
    }

    /** java.net.http upgrades to HTTP/2 (h2c); a POST without a body then carries no Content-Length. */
    @Test
    void http2RequestsWithAndWithoutABodyAreServed() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (int i = 0; i < 3; i++) {
            assertEquals(200, http.send(java.net.http.HttpRequest.newBuilder(root.toURI().resolve("/local/dev-token?role=support"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode());
            java.net.http.HttpResponse<String> validated = http.send(java.net.http.HttpRequest.newBuilder(root.toURI().resolve("/v1/licenses/validate"))
                    .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"licenseKey\":\"ZDMCP-0000-0000-0000-0000-0000-0000-0005\",\"product\":\"zendesk-mcp\"}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, validated.statusCode(), validated.body());
        }
    }

    @Test
    void aFiveThousandCharacterPathSegmentIs414ProblemJson() {
        RawHttp.Answer answer = RawHttp.send(root.getPort(),
                "GET /v1/admin/tenants/" + "a".repeat(5_000) + " HTTP/1.1\r\nHost: localhost", null);
        assertProblem(answer, 414, "URI_TOO_LONG");
        stillServes();
    }

    @Test
    void hugeHeadersAre431ProblemJson() {
        assertProblem(RawHttp.send(root.getPort(), VALIDATE + "\r\nX-Big: " + "b".repeat(40_000) + "\r\nContent-Length: 2",
                "{}".getBytes(StandardCharsets.US_ASCII)), 431, "HEADERS_TOO_LARGE");
        StringBuilder many = new StringBuilder(VALIDATE);
        for (int i = 0; i < 200; i++) {
            many.append("\r\nX-H").append(i).append(": ").append("h".repeat(200));
        }
        assertProblem(RawHttp.send(root.getPort(), many + "\r\nContent-Length: 2", "{}".getBytes(StandardCharsets.US_ASCII)),
                431, "HEADERS_TOO_LARGE");
        stillServes();
    }

    @Test
    void theUploadRouteAloneTakesALargeBody() {
        byte[] artifact = new byte[3 * 1024 * 1024];
        Arrays.fill(artifact, (byte) 7);
        String url = store.uploadUrl("limits/large.bin", Duration.ofMinutes(5)).url().toString();
        RawHttp.Answer answer = RawHttp.send(root.getPort(), "PUT " + url + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/octet-stream\r\nContent-Length: " + artifact.length, artifact);
        assertEquals(200, answer.status(), answer.head() + "\n" + answer.body());
        // The same size anywhere else is refused before it is read.
        assertProblem(RawHttp.send(root.getPort(), "POST /v1/admin/releases HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + artifact.length, artifact), 413, "BODY_TOO_LARGE");
    }

    private void stillServes() {
        byte[] body = "{\"licenseKey\":\"ZDMCP-0000-0000-0000-0000-0000-0000-0005\",\"product\":\"zendesk-mcp\"}"
                .getBytes(StandardCharsets.US_ASCII);
        RawHttp.Answer answer = RawHttp.send(root.getPort(), VALIDATE + "\r\nContent-Length: " + body.length, body);
        assertEquals(200, answer.status(), answer.head());
        assertTrue(answer.body().contains("\"NOT_FOUND\""), answer.body());
    }

    static byte[] jsonOf(int size) {
        String json = "{\"licenseKey\":\"" + "A".repeat(size - 40) + "\",\"product\":\"zendesk-mcp\"}";
        return json.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] chunked(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < body.length; at += 8192) {
            int n = Math.min(8192, body.length - at);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, at, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    static void assertProblem(RawHttp.Answer answer, int status, String code) {
        assertEquals(status, answer.status(), answer.head() + "\n" + answer.body());
        assertTrue(String.valueOf(answer.header("Content-Type")).startsWith("application/problem+json"), answer.head());
        if (code != null) {
            assertTrue(answer.body().contains("\"code\":\"" + code + "\""), answer.body());
        }
        assertFalse(answer.body().contains("Exception"), answer.body());
        assertFalse(answer.body().contains("\tat "), answer.body());
    }
}
