package dev.tollgate.http.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** JSON bodies are UTF-8: the same object in UTF-16 or UTF-32, which Jackson would read, is refused. */
class JsonBodiesTest {

    record Named(String name) {
    }

    @Test
    void aUtf8BodyIsReadAndTheSameBodyInUtf16OrUtf32IsRefused() {
        String body = "{\"name\":\"Acme\"}";
        assertEquals("Acme", JsonBodies.read(body.getBytes(StandardCharsets.UTF_8), Named.class).name());
        for (java.nio.charset.Charset other : new java.nio.charset.Charset[] {StandardCharsets.UTF_16,
                StandardCharsets.UTF_16LE, java.nio.charset.Charset.forName("UTF-32")}) {
            ProblemException refused = assertThrows(ProblemException.class,
                    () -> JsonBodies.read(body.getBytes(other), Named.class));
            assertEquals(400, refused.problem().status());
            assertEquals("the request body must be JSON in UTF-8", refused.problem().detail());
        }
    }
}
