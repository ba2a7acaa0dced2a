package dev.tollgate.adapters.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.release.ArtifactStore;
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
    void anUploadThroughItsSignedUrlIsDigestedAndPublished() throws Exception {
        LocalArtifactStore store = storeAt(NOW);
        byte[] bytes = new byte[200_000];
        new Random(1).nextBytes(bytes);
        upload(store, KEY, bytes);
        assertFalse(Files.exists(dir.resolve(KEY)), "not downloadable before it is published");

        ArtifactStore.ArtifactFacts facts = store.publishUpload(KEY, KEY);
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), facts.sha256Hex());
        assertEquals(200_000, facts.size());
        assertEquals(facts, store.describe(KEY));
        assertThrows(ArtifactStore.NoSuchArtifact.class, () -> store.publishUpload(KEY, KEY), "an upload publishes once");
        assertThrows(ArtifactStore.NoSuchArtifact.class, () -> store.describe("zendesk-mcp/9.9.9/x.tar.gz"));
    }

    @Test
    void anUploadUrlWorksOnlyAsIssuedAndUntilItExpires() {
        LocalArtifactStore store = storeAt(NOW);
        Map<String, String> q = query(store.uploadUrl(KEY, Duration.ofMinutes(15)).url());
        long expires = Long.parseLong(q.get("expires"));
        assertEquals(NOW.plus(Duration.ofMinutes(15)).getEpochSecond(), expires);
        assertFalse(store.acceptUpload("zendesk-mcp/1.4.0/other.tar.gz", expires, q.get("signature"), bytes(1)));
        assertFalse(store.acceptUpload(KEY, expires + 60, q.get("signature"), bytes(1)));
        assertFalse(storeAt(NOW.plusSeconds(901)).acceptUpload(KEY, expires, q.get("signature"), bytes(1)));
        // A download URL's signature is not an upload URL's.
        Map<String, String> download = query(store.downloadUrl(KEY, "x.tar.gz", Duration.ofMinutes(15)).url());
        assertFalse(store.acceptUpload(KEY, Long.parseLong(download.get("expires")), download.get("signature"), bytes(1)));
        assertThrows(ArtifactStore.NoSuchArtifact.class, () -> store.publishUpload(KEY, KEY), "nothing was stored");
        assertTrue(store.acceptUpload(KEY, expires, q.get("signature"), bytes(1)));
    }

    private static java.io.InputStream bytes(int n) {
        return new ByteArrayInputStream(new byte[n]);
    }

    private static void upload(LocalArtifactStore store, String key, byte[] bytes) {
        Map<String, String> q = query(store.uploadUrl(key, Duration.ofMinutes(15)).url());
        assertTrue(store.acceptUpload(key, Long.parseLong(q.get("expires")), q.get("signature"), new ByteArrayInputStream(bytes)));
    }

    private static void published(LocalArtifactStore store, String key, byte[] bytes) {
        upload(store, key, bytes);
        store.publishUpload(key, key);
    }

    @Test
    void aUrlWorksUntilItExpiresAndOnlyAsIssued() {
        LocalArtifactStore store = storeAt(NOW);
        published(store, KEY, new byte[] {1, 2, 3});
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
        published(first, KEY, new byte[] {1});
        Map<String, String> q = query(first.downloadUrl(KEY, "a.tar.gz", Duration.ofMinutes(5)).url());
        assertTrue(storeAt(NOW).verifiedFile(KEY, Long.parseLong(q.get("expires")), "a.tar.gz", q.get("signature")).isPresent());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve(".url-signing-key"))));
    }

    @Test
    void uploadsNeverPublishedAreDiscardedOnceOlderThanTheCutoff() throws Exception {
        LocalArtifactStore store = storeAt(NOW);
        for (String key : List.of("zendesk-mcp/1.0.0/old.tar.gz", "zendesk-mcp/1.0.1/new.tar.gz")) {
            Map<String, String> q = query(store.uploadUrl(key, Duration.ofMinutes(5)).url());
            assertTrue(store.acceptUpload(key, Long.parseLong(q.get("expires")), q.get("signature"),
                    new java.io.ByteArrayInputStream(new byte[] {7})));
        }
        Path old = dir.resolve(".uploads/zendesk-mcp/1.0.0/old.tar.gz");
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        assertEquals(1, store.discardUploadsOlderThan(Instant.now().minus(Duration.ofDays(1))));
        assertFalse(Files.exists(old));
        assertTrue(Files.exists(dir.resolve(".uploads/zendesk-mcp/1.0.1/new.tar.gz")));
    }

    @Test
    void objectKeysCannotLeaveTheFolder() {
        LocalArtifactStore store = storeAt(NOW);
        for (String bad : List.of("../keyring.json", "/etc/passwd", "a/../../b", "a\\b", "", ".url-signing-key",
                ".uploads/x")) {
            assertThrows(IllegalArgumentException.class, () -> store.describe(bad), bad);
            assertThrows(IllegalArgumentException.class, () -> store.uploadUrl(bad, Duration.ofMinutes(1)), bad);
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

    /** A PUT to a still-valid upload URL while publishing runs cannot put other bytes behind the recorded digest. */
    @Test
    void publishingIsAtomicAgainstAConcurrentUpload() throws Exception {
        LocalArtifactStore store = storeAt(NOW);
        byte[][] versions = new byte[4][];
        for (int v = 0; v < versions.length; v++) {
            versions[v] = new byte[256 * 1024];
            new Random(v).nextBytes(versions[v]);
        }
        for (int round = 0; round < 30; round++) {
            String key = "zendesk-mcp/1.4." + round + "/zendesk-mcp.tar.gz";
            upload(store, key, versions[0]);
            Map<String, String> q = query(store.uploadUrl(key, Duration.ofMinutes(15)).url());
            java.util.concurrent.atomic.AtomicBoolean publishing = new java.util.concurrent.atomic.AtomicBoolean(true);
            Thread attacker = new Thread(() -> {
                for (int i = 1; publishing.get(); i++) {
                    store.acceptUpload(key, Long.parseLong(q.get("expires")), q.get("signature"),
                            new ByteArrayInputStream(versions[i % versions.length]));
                }
            });
            attacker.start();
            Thread.sleep(round % 3);
            ArtifactStore.ArtifactFacts facts = store.publishUpload(key, key);
            // Uploads go on after publishing too.
            Thread.sleep(5);
            publishing.set(false);
            attacker.join();
            byte[] published = Files.readAllBytes(dir.resolve(key));
            assertEquals(facts.sha256Hex(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(published)),
                    "round " + round);
            assertEquals(facts, store.describe(key));
        }
    }

    @Test
    void theFoldersAndFilesItWritesAreOwnerOnly() throws Exception {
        LocalArtifactStore store = storeAt(NOW);
        published(store, KEY, new byte[] {1, 2, 3});
        try (java.util.stream.Stream<Path> all = Files.walk(dir)) {
            for (Path path : all.filter(p -> !p.equals(dir)).toList()) {
                assertEquals(Files.isDirectory(path) ? "rwx------" : "rw-------",
                        java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(path)), path.toString());
            }
        }
    }
}
