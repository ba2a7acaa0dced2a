package dev.tollgate.credentials;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.keys.KeyVault;
import dev.tollgate.keys.LocalKeyVault;
import dev.tollgate.license.LicenseKey;
import dev.tollgate.license.LicenseKeyFormat;
import dev.tollgate.license.Product;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Envelope encryption with the local key ring. */
class EnvelopeCipherTest {

    static final String SECRET = "zendesk-oauth-token-Zk3vQ9pL0xR7sT2uW5yA8bC1dE4fG6hJ";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    Path ring;
    EnvelopeCipher cipher;

    @BeforeEach
    void openRing() {
        ring = dir.resolve("keyring.json");
        cipher = new EnvelopeCipher(LocalKeyVault.openOrCreate(ring));
    }

    @Test
    void aSealedSecretOpensForItsTenant() {
        Sealed sealed = cipher.seal("tenant-a", SECRET);
        assertEquals(SECRET, cipher.openText("tenant-a", sealed));

        byte[] binary = {0, 1, 2, (byte) 0xFF, 0};
        assertArrayEquals(binary, cipher.open("tenant-a", cipher.seal("tenant-a", binary)));
        assertArrayEquals(new byte[0], cipher.open("tenant-a", cipher.seal("tenant-a", new byte[0])));
    }

    @Test
    void aSealedSecretSurvivesItsEncodingsAndAReopenedRing() {
        Sealed sealed = cipher.seal("tenant-a", SECRET);
        EnvelopeCipher reopened = new EnvelopeCipher(LocalKeyVault.openOrCreate(ring));
        assertEquals(SECRET, reopened.openText("tenant-a", Sealed.fromBase64(sealed.toBase64())));
        assertEquals(SECRET, reopened.openText("tenant-a", Sealed.fromBytes(sealed.toBytes())));
        assertEquals(SECRET, reopened.openText("tenant-a",
                new Sealed(sealed.version(), sealed.wrappedKey(), sealed.nonce(), sealed.ciphertext())));
        assertEquals(sealed, Sealed.fromBase64(sealed.toBase64()));
    }

    @Test
    void twoSealsOfTheSameSecretShareNothing() {
        Sealed one = cipher.seal("tenant-a", SECRET);
        Sealed two = cipher.seal("tenant-a", SECRET);
        assertFalse(Arrays.equals(one.ciphertext(), two.ciphertext()), "ciphertext");
        assertFalse(Arrays.equals(one.nonce(), two.nonce()), "nonce");
        assertFalse(Arrays.equals(one.wrappedKey(), two.wrappedKey()), "wrapped key");
        assertFalse(one.toBase64().equals(two.toBase64()));
    }

    @Test
    void aSecretSealedForOneTenantDoesNotOpenForAnother() {
        Sealed sealed = cipher.seal("tenant-a", SECRET);
        EnvelopeCipher.CannotOpen refused = assertThrows(EnvelopeCipher.CannotOpen.class,
                () -> cipher.open("tenant-b", sealed));
        // The key ring refuses to unwrap the data key under the other tenant's context.
        assertInstanceOf(KeyVault.WrongContext.class, refused.getCause());
        assertFalse(refused.getMessage().contains(SECRET));
        assertThrows(EnvelopeCipher.CannotOpen.class, () -> cipher.open("tenant-A", sealed));
        assertThrows(EnvelopeCipher.CannotOpen.class, () -> cipher.open("tenant-a ", sealed));
    }

    @Test
    void aSecretDoesNotOpenWithAnotherKeyRing() {
        Sealed sealed = cipher.seal("tenant-a", SECRET);
        EnvelopeCipher other = new EnvelopeCipher(LocalKeyVault.openOrCreate(dir.resolve("other.json")));
        assertThrows(EnvelopeCipher.CannotOpen.class, () -> other.open("tenant-a", sealed));
    }

    @Test
    void flippingAnyBitOfTheSealedFormIsRefused() {
        byte[] good = cipher.seal("tenant-a", SECRET).toBytes();
        for (int i = 0; i < good.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] bad = good.clone();
                bad[i] ^= (byte) (1 << bit);
                assertRefused(bad, "byte " + i + " bit " + bit);
            }
        }
        assertRefused(Arrays.copyOf(good, good.length - 1), "truncated");
        assertRefused(Arrays.copyOf(good, good.length + 1), "extended");
    }

    void assertRefused(byte[] bad, String what) {
        try {
            byte[] opened = cipher.open("tenant-a", Sealed.fromBytes(bad));
            fail(what + " opened to " + opened.length + " bytes");
        } catch (EnvelopeCipher.CannotOpen | IllegalArgumentException expected) {
            // refused: either not a sealed secret at all, or one that does not authenticate
        }
    }

    @Test
    void theStoredFormHoldsNoPlaintext() {
        byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
        Sealed sealed = cipher.seal("tenant-a", SECRET);

        byte[] raw = sealed.toBytes();
        assertFalse(contains(raw, secret), "raw bytes");
        assertFalse(contains(raw, Arrays.copyOf(secret, 8)), "raw bytes, a prefix");
        String text = sealed.toBase64();
        assertFalse(text.contains(SECRET), "Base64 text");
        assertFalse(text.contains(Base64.getEncoder().withoutPadding().encodeToString(Arrays.copyOf(secret, 12))),
                "Base64 text, the secret's own Base64");
        assertFalse(new String(raw, StandardCharsets.ISO_8859_1).contains("zendesk"), "raw bytes as text");
        assertFalse(sealed.toString().contains(text.substring(0, 16)), "toString");
        assertFalse(sealed.toString().contains(SECRET), "toString");
    }

    /**
     * Rings written before envelope encryption have no key-encryption key. Opening one adds it, once,
     * keeps everything else (so digests of issued licences still match), and keeps the file owner-only.
     */
    @Test
    void aKeyRingFromBeforeEnvelopeEncryptionGetsAKeyEncryptionKeyAndStaysOwnerOnly() throws Exception {
        Path old = dir.resolve("old/keyring.json");
        LocalKeyVault original = LocalKeyVault.openOrCreate(old);
        ObjectNode json = (ObjectNode) JSON.readTree(old.toFile());
        assertTrue(json.has("keyEncryptionKey"), "new rings carry the key-encryption key");
        json.remove("keyEncryptionKey");
        Files.write(old, JSON.writeValueAsBytes(json));
        assertFalse(Files.readString(old).contains("keyEncryptionKey"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(old)));

        LocalKeyVault upgraded = LocalKeyVault.openOrCreate(old);
        ObjectNode after = (ObjectNode) JSON.readTree(old.toFile());
        assertEquals(32, Base64.getDecoder().decode(after.path("keyEncryptionKey").asText()).length);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(old)));
        for (String kept : new String[] {"version", "createdAt", "digestSecret", "signingKeyPkcs8", "signingKeyX509"}) {
            assertEquals(json.get(kept), after.get(kept), kept);
        }
        LicenseKeyFormat format = new LicenseKeyFormat(Map.of("ZDMCP", new Product("zendesk-mcp")));
        LicenseKey key = format.generate(new Product("zendesk-mcp"));
        assertEquals(original.digest(key), upgraded.digest(key));
        assertEquals(original.signingKeyId(), upgraded.signingKeyId());

        Sealed sealed = new EnvelopeCipher(upgraded).seal("tenant-a", SECRET);
        LocalKeyVault reopened = LocalKeyVault.openOrCreate(old);
        assertEquals(SECRET, new EnvelopeCipher(reopened).openText("tenant-a", sealed));
        assertEquals(after, JSON.readTree(old.toFile()), "the key-encryption key is added once");
        try (var leftovers = Files.list(old.getParent())) {
            assertTrue(leftovers.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void processesOpeningAnOldRingAtOnceAllEndUpWithTheKeyEncryptionKeyInTheFile() throws Exception {
        Path old = dir.resolve("race/keyring.json");
        LocalKeyVault.openOrCreate(old);
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
                    return new EnvelopeCipher(LocalKeyVault.openOrCreate(old)).seal("tenant-a", SECRET);
                }));
            }
            start.countDown();
            EnvelopeCipher fromFile = new EnvelopeCipher(LocalKeyVault.openOrCreate(old));
            for (var sealed : sealedByEach) {
                assertEquals(SECRET, fromFile.openText("tenant-a", sealed.get()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTenantIdIsRequired() {
        assertThrows(IllegalArgumentException.class, () -> cipher.seal(" ", SECRET));
        assertThrows(IllegalArgumentException.class, () -> cipher.seal(null, SECRET));
        Sealed sealed = cipher.seal("tenant-a", SECRET);
        assertThrows(IllegalArgumentException.class, () -> cipher.open("", sealed));
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
