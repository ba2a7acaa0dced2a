package dev.tollgate.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalArtifactStoreTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final String KEY = "zendesk-mcp/1.4.0/zendesk-mcp-1.4.0.tar.gz";

    @TempDir
    Path dir;

    @Test
    void describeComputesShaAndSizeFromTheStoredBytes() throws Exception {
        LocalArtifactStore store = storeAt(NOW);
        byte[] bytes = new byte[200_000];
        new Random(1).nextBytes(bytes);
        store.put(KEY, new ByteArrayInputStream(bytes));
        ArtifactStore.ArtifactFacts facts = store.describe(KEY);
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), facts.sha256Hex());
        assertEquals(200_000, facts.size());
        assertThrows(ArtifactStore.NoSuchArtifact.class, () -> store.describe("zendesk-mcp/9.9.9/x.tar.gz"));
    }

    @Test
    void aUrlWorksUntilItExpiresAndOnlyAsIssued() {
        LocalArtifactStore store = storeAt(NOW);
        store.put(KEY, new ByteArrayInputStream(new byte[] {1, 2, 3}));
        ArtifactStore.DownloadUrl url = store.downloadUrl(KEY, "zendesk-mcp-1.4.0.tar.gz", Duration.ofMinutes(5));
        assertEquals(NOW.plus(Duration.ofMinutes(5)), url.expiresAt());
        assertTrue(url.url().getPath().equals("/local/artifacts/" + KEY), url.url().toString());
        Map<String, String> q = query(url.url());

        assertTrue(store.verifiedFile(KEY, Long.parseLong(q.get("expires")), q.get("filename"), q.get("signature")).isPresent());
        // Tampered: another object, a later expiry, another file name, a flipped signature character.
        assertTrue(store.verifiedFile("zendesk-mcp/1.4.0/other.tar.gz", Long.parseLong(q.get("expires")), q.get("filename"),
                q.get("signature")).isEmpty());
        assertTrue(store.verifiedFile(KEY, Long.parseLong(q.get("expires")) + 3600, q.get("filename"), q.get("signature")).isEmpty());
        assertTrue(store.verifiedFile(KEY, Long.parseLong(q.get("expires")), "evil.sh", q.get("signature")).isEmpty());
        String flipped = (q.get("signature").charAt(0) == 'A' ? "B" : "A") + q.get("signature").substring(1);
        assertTrue(store.verifiedFile(KEY, Long.parseLong(q.get("expires")), q.get("filename"), flipped).isEmpty());
        // Expired: the same URL five minutes and one second later.
        assertTrue(storeAt(NOW.plusSeconds(301)).verifiedFile(KEY, Long.parseLong(q.get("expires")), q.get("filename"),
                q.get("signature")).isEmpty());
    }

    @Test
    void theSigningSecretSurvivesARestartAndIsOwnerOnly() throws Exception {
        LocalArtifactStore first = storeAt(NOW);
        first.put(KEY, new ByteArrayInputStream(new byte[] {1}));
        Map<String, String> q = query(first.downloadUrl(KEY, "a.tar.gz", Duration.ofMinutes(5)).url());
        assertTrue(storeAt(NOW).verifiedFile(KEY, Long.parseLong(q.get("expires")), "a.tar.gz", q.get("signature")).isPresent());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve(".url-signing-key"))));
    }

    @Test
    void objectKeysCannotLeaveTheFolder() {
        LocalArtifactStore store = storeAt(NOW);
        for (String bad : List.of("../keyring.json", "/etc/passwd", "a/../../b", "a\\b", "", ".url-signing-key")) {
            assertThrows(IllegalArgumentException.class, () -> store.describe(bad), bad);
        }
    }

    private LocalArtifactStore storeAt(Instant now) {
        return new LocalArtifactStore(dir, Clock.fixed(now, ZoneOffset.UTC));
    }

    static Map<String, String> query(URI url) {
        Map<String, String> q = new HashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(kv[0], java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
        }
        return q;
    }
}
