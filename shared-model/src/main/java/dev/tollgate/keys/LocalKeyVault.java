package dev.tollgate.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.license.KeyDigest;
import dev.tollgate.license.LicenseKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The local runtime's vault: a key ring file (digest secret, P-256 signing key, key-encryption key)
 * created on first use, outside the repository, readable by its owner only. Same contract as
 * {@link KmsKeyVault}: where KMS wraps data keys under a KMS key, this ring wraps them under its
 * key-encryption key, with the encryption context as AES-GCM associated data.
 */
public final class LocalKeyVault implements KeyVault {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Rings written before envelope encryption lack this field; opening one adds it (see
     * {@link #openOrCreate}). The addition is backward compatible, so the ring's version stays 1.
     */
    static final String KEY_ENCRYPTION_KEY = "keyEncryptionKey";
    private static final int KEK_BYTES = 32;

    /** Wrapped data key = version || nonce || AES-GCM(KEK, data key) with its 128-bit tag. */
    private static final byte WRAP_V1 = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int WRAPPED_BYTES = 1 + NONCE_BYTES + DataKey.KEY_BYTES + TAG_BITS / 8;

    private final HmacDigester digester;
    private final PrivateKey signingKey;
    private final VerificationKey verificationKey;
    private final SecretKey keyEncryptionKey;

    private LocalKeyVault(byte[] secret, KeyPair signing, byte[] keyEncryptionKey) {
        this.digester = new HmacDigester(secret);
        this.signingKey = signing.getPrivate();
        this.verificationKey = VerificationKey.of((java.security.interfaces.ECPublicKey) signing.getPublic());
        if (keyEncryptionKey.length != KEK_BYTES) {
            throw new IllegalArgumentException("the key-encryption key must have " + KEK_BYTES + " bytes");
        }
        this.keyEncryptionKey = new SecretKeySpec(keyEncryptionKey, "AES");
    }

    /**
     * Loads the key ring at {@code file}, creating it (and its folder) if it does not exist yet, and
     * adding a key-encryption key to a ring written before there was one.
     */
    public static LocalKeyVault openOrCreate(Path file) {
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
        Files.createDirectories(dir);
        Path lockFile = dir.resolve(file.getFileName() + ".lock");
        synchronized (LocalKeyVault.class) { // a FileLock excludes other processes, not other threads
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
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
                ring.put(KEY_ENCRYPTION_KEY, Base64.getEncoder().encodeToString(randomBytes(KEK_BYTES)));
                writeAtomically(dir, file, ring);
            }
        }
    }

    private static ObjectNode newRing() {
        KeyPair pair = newP256KeyPair();
        Base64.Encoder b64 = Base64.getEncoder();
        return JSON.createObjectNode()
                .put("version", 1)
                .put("createdAt", Instant.now().toString())
                .put("digestSecret", b64.encodeToString(randomBytes(HmacDigester.SECRET_BYTES)))
                .put("signingKeyPkcs8", b64.encodeToString(pair.getPrivate().getEncoded()))
                .put("signingKeyX509", b64.encodeToString(pair.getPublic().getEncoded()));
    }

    private static void writeAtomically(Path dir, Path file, ObjectNode ring) throws IOException {
        OwnerOnlyFiles.writeAtomically(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(ring));
    }

    private static LocalKeyVault load(Path file) throws IOException {
        JsonNode ring = JSON.readTree(file.toFile());
        Base64.Decoder b64 = Base64.getDecoder();
        try {
            KeyFactory ec = KeyFactory.getInstance("EC");
            PrivateKey priv = ec.generatePrivate(new PKCS8EncodedKeySpec(b64.decode(ring.path("signingKeyPkcs8").asText())));
            var pub = Es256.publicKeyFromX509(b64.decode(ring.path("signingKeyX509").asText()));
            return new LocalKeyVault(b64.decode(ring.path("digestSecret").asText()), new KeyPair(pub, priv),
                    b64.decode(ring.path(KEY_ENCRYPTION_KEY).asText()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the local key ring at " + file + " is damaged", e);
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static KeyPair newP256KeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 is unavailable", e);
        }
    }

    @Override
    public KeyDigest digest(LicenseKey key) {
        return digester.digest(key);
    }

    @Override
    public byte[] signEs256(byte[] signingInput) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(signingKey);
            signature.update(signingInput);
            return Es256.derToJose(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("local signing failed", e);
        }
    }

    @Override
    public String signingKeyId() {
        return verificationKey.keyId();
    }

    @Override
    public List<VerificationKey> verificationKeys() {
        return List.of(verificationKey);
    }

    @Override
    public DataKey generateDataKey(Map<String, String> encryptionContext) {
        byte[] aad = associatedData(encryptionContext);
        byte[] plaintext = randomBytes(DataKey.KEY_BYTES);
        byte[] nonce = randomBytes(NONCE_BYTES);
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, keyEncryptionKey, new GCMParameterSpec(TAG_BITS, nonce));
            gcm.updateAAD(aad);
            byte[] sealed = gcm.doFinal(plaintext);
            byte[] wrapped = ByteBuffer.allocate(WRAPPED_BYTES).put(WRAP_V1).put(nonce).put(sealed).array();
            return new DataKey(plaintext, wrapped);
        } catch (GeneralSecurityException e) {
            Arrays.fill(plaintext, (byte) 0);
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    @Override
    public byte[] unwrapDataKey(byte[] wrapped, Map<String, String> encryptionContext) {
        Objects.requireNonNull(wrapped, "wrapped");
        byte[] aad = associatedData(encryptionContext);
        if (wrapped.length != WRAPPED_BYTES || wrapped[0] != WRAP_V1) {
            throw new WrongContext("not a data key wrapped by this key ring", null);
        }
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, keyEncryptionKey,
                    new GCMParameterSpec(TAG_BITS, wrapped, 1, NONCE_BYTES));
            gcm.updateAAD(aad);
            return gcm.doFinal(wrapped, 1 + NONCE_BYTES, wrapped.length - 1 - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new WrongContext("the data key was wrapped under another encryption context, "
                    + "by another key ring, or has been altered", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /**
     * The encryption context as GCM associated data, canonical so that key order does not matter and
     * unambiguous so that no two contexts share an encoding ({@code {"a":"b=c"}} vs {@code {"a=b":"c"}}):
     * the wrap format version, the entry count, then each entry sorted by key as length-prefixed UTF-8
     * key and value.
     */
    static byte[] associatedData(Map<String, String> encryptionContext) {
        Objects.requireNonNull(encryptionContext, "encryptionContext");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(WRAP_V1);
        writeInt(out, encryptionContext.size());
        new TreeMap<>(encryptionContext).forEach((key, value) -> {
            writeLengthPrefixed(out, Objects.requireNonNull(key, "context key"));
            writeLengthPrefixed(out, Objects.requireNonNull(value, "context value"));
        });
        return out.toByteArray();
    }

    private static void writeLengthPrefixed(ByteArrayOutputStream out, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        writeInt(out, utf8.length);
        out.writeBytes(utf8);
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(value).array());
    }
}
