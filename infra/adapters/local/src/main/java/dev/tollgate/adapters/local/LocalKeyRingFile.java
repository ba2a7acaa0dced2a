package dev.tollgate.adapters.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.keys.Es256;
import dev.tollgate.keys.HmacDigester;
import dev.tollgate.keys.KeyRing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

/**
 * The local runtime's key material in a file (digest secret, P-256 signing key, key-encryption key),
 * created on first use, outside the repository, readable by its owner only. The file is the local
 * stand-in for KMS: lose it and every issued key stops validating.
 */
public final class LocalKeyRingFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Rings written before envelope encryption lack this field; opening one adds it (see
     * {@link #openOrCreate}). The addition is backward compatible, so the ring's version stays 1.
     */
    static final String KEY_ENCRYPTION_KEY = "keyEncryptionKey";

    private LocalKeyRingFile() {
    }

    /**
     * Loads the key ring at {@code file}, creating it (and its folder) if it does not exist yet, and
     * adding a key-encryption key to a ring written before there was one.
     */
    public static KeyRing openOrCreate(Path file) {
        try {
            if (!Files.exists(file) || !JSON.readTree(file.toFile()).hasNonNull(KEY_ENCRYPTION_KEY)) {
                createOrComplete(file);
            }
            return load(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the local key ring at " + file, e);
        }
    }

    /**
     * Writes a new ring, or the old ring plus a key-encryption key, under an exclusive lock. Without
     * the lock two processes could each write a ring (an atomic rename replaces whatever is there)
     * and one would go on using keys the file no longer holds: digests that match nothing after a
     * restart, data keys no one can unwrap again. The lock is a sidecar file ({@code <ring>.lock},
     * empty, left in place) because the ring itself is replaced by rename while the lock is held.
     */
    private static void createOrComplete(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        OwnerOnlyFiles.createPrivateDirectories(dir);
        Path lockFile = dir.resolve(file.getFileName() + ".lock");
        synchronized (LocalKeyRingFile.class) { // a FileLock excludes other processes, not other threads
            try (FileChannel channel = OwnerOnlyFiles.openPrivateForAppend(lockFile);
                 FileLock ignored = channel.lock()) {
                ObjectNode ring;
                if (Files.exists(file)) {
                    if (!(JSON.readTree(file.toFile()) instanceof ObjectNode existing)) {
                        throw new IllegalStateException("the local key ring at " + file + " is damaged");
                    }
                    ring = existing;
                    if (ring.hasNonNull(KEY_ENCRYPTION_KEY)) {
                        return; // another process completed it while we waited
                    }
                } else {
                    ring = newRing();
                }
                ring.put(KEY_ENCRYPTION_KEY,
                        Base64.getEncoder().encodeToString(KeyRing.randomBytes(KeyRing.KEY_ENCRYPTION_KEY_BYTES)));
                OwnerOnlyFiles.writeAtomically(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(ring));
            }
        }
    }

    private static ObjectNode newRing() {
        KeyPair pair = Es256.newKeyPair();
        Base64.Encoder b64 = Base64.getEncoder();
        return JSON.createObjectNode()
                .put("version", 1)
                .put("createdAt", Instant.now().toString())
                .put("digestSecret", b64.encodeToString(KeyRing.randomBytes(HmacDigester.SECRET_BYTES)))
                .put("signingKeyPkcs8", b64.encodeToString(pair.getPrivate().getEncoded()))
                .put("signingKeyX509", b64.encodeToString(pair.getPublic().getEncoded()));
    }

    private static KeyRing load(Path file) throws IOException {
        JsonNode ring = JSON.readTree(file.toFile());
        Base64.Decoder b64 = Base64.getDecoder();
        try {
            PrivateKey priv = KeyFactory.getInstance("EC")
                    .generatePrivate(new PKCS8EncodedKeySpec(b64.decode(ring.path("signingKeyPkcs8").asText())));
            var pub = Es256.publicKeyFromX509(b64.decode(ring.path("signingKeyX509").asText()));
            return new KeyRing(b64.decode(ring.path("digestSecret").asText()), new KeyPair(pub, priv),
                    b64.decode(ring.path(KEY_ENCRYPTION_KEY).asText()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the local key ring at " + file + " is damaged", e);
        }
    }
}
