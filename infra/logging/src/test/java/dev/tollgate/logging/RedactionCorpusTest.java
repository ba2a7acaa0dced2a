package dev.tollgate.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Runs the whole corpus (src/test/resources/redaction/corpus.tsv): every secret fragment vanishes
 * and its kind is named; every line operators need comes through unchanged.
 */
class RedactionCorpusTest {

    record Entry(int line, String expect, String kind, String fragment, String text) {
    }

    static List<Entry> corpus() throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                RedactionCorpusTest.class.getResourceAsStream("/redaction/corpus.tsv")), StandardCharsets.UTF_8))) {
            String row;
            int number = 0;
            while ((row = in.readLine()) != null) {
                number++;
                if (row.isBlank() || row.startsWith("#")) {
                    continue;
                }
                String[] cells = row.split("\t", -1);
                switch (cells[0]) {
                    case "redact" -> entries.add(new Entry(number, "redact", cells[1], cells[2], cells[3]));
                    case "keep" -> entries.add(new Entry(number, "keep", null, null, cells[1]));
                    default -> throw new IllegalStateException("corpus line " + number + ": unknown entry " + cells[0]);
                }
            }
        }
        return entries;
    }

    @Test
    void everySecretVanishesAndEveryOrdinaryLineComesThrough() throws IOException {
        List<Entry> entries = corpus();
        assertTrue(entries.size() >= 60, "the corpus has " + entries.size() + " entries");
        List<String> failures = new ArrayList<>();
        for (Entry e : entries) {
            String out = Redaction.redact(e.text());
            if (e.expect().equals("keep")) {
                if (!out.equals(e.text())) {
                    failures.add("line " + e.line() + " changed: " + e.text() + "\n      -> " + out);
                }
                continue;
            }
            if (out.contains(e.fragment())) {
                failures.add("line " + e.line() + " still holds " + e.fragment() + ": " + out);
            }
            if (!out.contains("[REDACTED:" + e.kind() + "]")) {
                failures.add("line " + e.line() + " does not name kind " + e.kind() + ": " + out);
            }
            if (!Redaction.redact(out).equals(out)) {
                failures.add("line " + e.line() + " is not stable under a second redaction: " + out);
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " corpus failures:\n  " + String.join("\n  ", failures));
    }

    @Test
    void bothSidesOfTheCorpusAreWellStocked() throws IOException {
        List<Entry> entries = corpus();
        long redact = entries.stream().filter(e -> e.expect().equals("redact")).count();
        long keep = entries.size() - redact;
        assertTrue(redact >= 30 && keep >= 30, redact + " true positives, " + keep + " false-positive checks");
        for (String kind : List.of("licence-key", "bearer", "basic", "jwt", "openai-key", "anthropic-key",
                "aws-access-key", "api-key", "token", "password", "secret", "url-credentials", "email")) {
            assertTrue(entries.stream().anyMatch(e -> kind.equals(e.kind())), "no corpus entry for " + kind);
        }
    }

    @Test
    void anOrdinaryLineIsReturnedAsIs() {
        String line = "POST /v1/licenses/validate 200 in 12 ms";
        assertSame(line, Redaction.redact(line));
        assertEquals(0, Redaction.scan("request finished in 12 ms with status 200"), "no rule needs to run");
        assertEquals(null, Redaction.redact(null));
        assertEquals("", Redaction.redact(new StringBuilder()));
    }

    @Test
    void severalSecretsInOneLineAllGo() {
        String out = Redaction.redact("agent@acme.example sent ZDMCP-7K3Q-9M2X-4P8R-1V5W-ABCD-EFGH-X2M9 with "
                + "Authorization: Bearer abc123def456ghi789 and api_key=k3y");
        assertFalse(out.contains("agent@acme.example"), out);
        assertFalse(out.contains("7K3Q"), out);
        assertFalse(out.contains("abc123def456ghi789"), out);
        assertFalse(out.contains("k3y"), out);
        assertEquals("[REDACTED:email] sent [REDACTED:licence-key] with Authorization: Bearer [REDACTED:bearer] "
                + "and api_key=[REDACTED:api-key]", out);
    }

    @Test
    void ordinaryLinesStayCheap() {
        // Not a benchmark: a guard against a rule that backtracks badly on long input.
        String line = "request finished ".repeat(200) + "x".repeat(5000) + "@" + "a.".repeat(2000);
        long start = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            Redaction.redact(line);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 2000, "50 redactions of a 14 kB line took " + millis + " ms");
    }
}
