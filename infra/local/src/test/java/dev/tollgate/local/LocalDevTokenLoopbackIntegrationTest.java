package dev.tollgate.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.embedded.DynamoDbLocalTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** The dev-token route answers this machine only: a rebound name or a foreign page's Origin gets 403 and no token. */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalTestResource.class)
class LocalDevTokenLoopbackIntegrationTest {

    @TestHTTPResource("/")
    URL root;

    private RawHttp.Answer mint(String... headers) {
        return RawHttp.send(root.getPort(), "POST /local/dev-token?role=admin HTTP/1.1\r\n"
                + String.join("\r\n", headers) + "\r\nContent-Length: 0", new byte[0]);
    }

    @Test
    void aReboundHostNameIsRefused() {
        assertRefused(mint("Host: rebind.evil.example"));
        assertRefused(mint("Host: rebind.evil.example:" + root.getPort()));
        assertRefused(mint("Host: localhost.evil.example"));
        assertRefused(mint("Host: 127.0.0.1.evil.example:80"));
    }

    @Test
    void aForeignOriginIsRefusedEvenWithALoopbackHost() {
        assertRefused(mint("Host: 127.0.0.1:" + root.getPort(), "Origin: http://evil.example"));
        assertRefused(mint("Host: localhost", "Origin: null"));
        assertRefused(mint("Host: localhost", "Origin: http://localhost.evil.example"));
        assertRefused(mint("Host: localhost", "Origin: http://evil.example@localhost"));
    }

    @Test
    void loopbackNamesWithAnyPortAreServed() {
        for (String host : new String[] {"localhost", "LOCALHOST:8080", "127.0.0.1:" + root.getPort(), "[::1]", "[::1]:1"}) {
            RawHttp.Answer answer = mint("Host: " + host);
            assertEquals(200, answer.status(), host);
            assertTrue(answer.body().contains("\"token\""), host);
        }
        RawHttp.Answer sameOrigin = mint("Host: localhost:" + root.getPort(), "Origin: http://localhost:" + root.getPort());
        assertEquals(200, sameOrigin.status());
        assertEquals(200, mint("Host: 127.0.0.1", "Origin: https://[::1]:8443").status());
    }

    /** java.net.http asks to upgrade to HTTP/2 (h2c), after which the authority is no Host header. */
    @Test
    void aClientThatUpgradesToHttp2IsServed() throws Exception {
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(root.toURI().resolve("/local/dev-token?role=support"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("\"token\""));
    }

    private static void assertRefused(RawHttp.Answer answer) {
        assertEquals(403, answer.status(), answer.head());
        assertTrue(answer.header("Content-Type").startsWith("application/problem+json"), answer.head());
        assertTrue(answer.body().contains("\"NOT_LOOPBACK\""), answer.body());
        assertFalse(answer.body().contains("token\""), answer.body());
    }
}
