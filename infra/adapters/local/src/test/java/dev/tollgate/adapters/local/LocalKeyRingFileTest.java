package dev.tollgate.adapters.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.credentials.CredentialOpener;
import dev.tollgate.credentials.CredentialSealer;
import dev.tollgate.credentials.Sealed;
import dev.tollgate.keys.Es256;
import dev.tollgate.keys.KeyRing;
import dev.tollgate.license.LicenseKey;
import dev.tollgate.license.LicenseKeyFormat;
import dev.tollgate.license.Product;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local runtime's key ring file: created once, owner-only, reopened with the same keys, upgraded in place. */
class LocalKeyRingFileTest {

    static final String SECRET = "zendesk-oauth-token-Zk3vQ9pL0xR7sT2uW5yA8bC1dE4fG6hJ";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    final LicenseKeyFormat format = new LicenseKeyFormat(Map.of("ZDMCP", new Product("zendesk-mcp")));

    @Test
    void theKeyRingIsCreatedOnceOwnerOnlyAndReopenedWithTheSameKeys() throws Exception {
        Path ring = dir.resolve("nested/keyring.json");
        KeyRing first = LocalKeyRingFile.openOrCreate(ring);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(ring)));
        KeyRing again = LocalKeyRingFile.openOrCreate(ring);
        LicenseKey key = format.generate(new Product("zendesk-mcp"));
        assertEquals(first.digest(key), again.digest(key));
        assertEquals(first.keyId(), again.keyId());
    }

    @Test
    void digestsAreKeyedSoAnotherRingGivesAnotherDigest() {
        LicenseKey key = format.generate(new Product("zendesk-mcp"));
        KeyRing a = LocalKeyRingFile.openOrCreate(dir.resolve("a.json"));
        KeyRing b = LocalKeyRingFile.openOrCreate(dir.resolve("b.json"));
        assertNotEquals(a.digest(key), b.digest(key));
        assertEquals(a.digest(key), a.digest(format.parse(key.display().toLowerCase()) instanceof LicenseKey k ? k : null));
    }

    @Test
    void signaturesAreInJoseForm() {
        KeyRing vault = LocalKeyRingFile.openOrCreate(dir.resolve("a.json"));
        assertEquals(Es256.JOSE_SIGNATURE_LENGTH, vault.signEs256("x.y".getBytes()).length);
    }

    /**
     * Rings written before envelope encryption have no key-encryption key. Opening one adds it, once,
     * keeps everything else (so digests of issued licences still match), and keeps the file owner-only.
     */
    @Test
    void aKeyRingFromBeforeEnvelopeEncryptionGetsAKeyEncryptionKeyAndStaysOwnerOnly() throws Exception {
        Path old = dir.resolve("old/keyring.json");
        KeyRing original = LocalKeyRingFile.openOrCreate(old);
        ObjectNode json = (ObjectNode) JSON.readTree(old.toFile());
        assertTrue(json.has("keyEncryptionKey"), "new rings carry the key-encryption key");
        json.remove("keyEncryptionKey");
        Files.write(old, JSON.writeValueAsBytes(json));
        assertFalse(Files.readString(old).contains("keyEncryptionKey"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(old)));

        KeyRing upgraded = LocalKeyRingFile.openOrCreate(old);
        ObjectNode after = (ObjectNode) JSON.readTree(old.toFile());
        assertEquals(32, Base64.getDecoder().decode(after.path("keyEncryptionKey").asText()).length);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(old)));
        for (String kept : new String[] {"version", "createdAt", "digestSecret", "signingKeyPkcs8", "signingKeyX509"}) {
            assertEquals(json.get(kept), after.get(kept), kept);
        }
        LicenseKeyFormat format = new LicenseKeyFormat(Map.of("ZDMCP", new Product("zendesk-mcp")));
        LicenseKey key = format.generate(new Product("zendesk-mcp"));
        assertEquals(original.digest(key), upgraded.digest(key));
        assertEquals(original.keyId(), upgraded.keyId());

        Sealed sealed = new CredentialSealer(upgraded).seal("tenant-a", SECRET);
        KeyRing reopened = LocalKeyRingFile.openOrCreate(old);
        assertEquals(SECRET, new CredentialOpener(reopened).openText("tenant-a", sealed));
        assertEquals(after, JSON.readTree(old.toFile()), "the key-encryption key is added once");
        try (var leftovers = Files.list(old.getParent())) {
            assertTrue(leftovers.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void processesOpeningAnOldRingAtOnceAllEndUpWithTheKeyEncryptionKeyInTheFile() throws Exception {
        Path old = dir.resolve("race/keyring.json");
        LocalKeyRingFile.openOrCreate(old);
        ObjectNode json = (ObjectNode) JSON.readTree(old.toFile());
        json.remove("keyEncryptionKey");
        Files.write(old, JSON.writeValueAsBytes(json));

        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            var sealedByEach = new java.util.ArrayList<java.util.concurrent.Future<Sealed>>();
            for (int i = 0; i < 8; i++) {
                sealedByEach.add(pool.submit(() -> {
                    start.await();
                    return new CredentialSealer(LocalKeyRingFile.openOrCreate(old)).seal("tenant-a", SECRET);
                }));
            }
            start.countDown();
            CredentialOpener fromFile = new CredentialOpener(LocalKeyRingFile.openOrCreate(old));
            for (var sealed : sealedByEach) {
                assertEquals(SECRET, fromFile.openText("tenant-a", sealed.get()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

}
