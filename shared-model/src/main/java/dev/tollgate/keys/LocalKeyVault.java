package dev.tollgate.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.license.KeyDigest;
import dev.tollgate.license.LicenseKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
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
import java.util.Base64;
import java.util.List;

/**
 * The local runtime's vault: a key ring file (digest secret + P-256 signing key) created on first
 * use, outside the repository, readable by its owner only. Same contract as {@link KmsKeyVault}.
 */
public final class LocalKeyVault implements KeyVault {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HmacDigester digester;
    private final PrivateKey signingKey;
    private final VerificationKey verificationKey;

    private LocalKeyVault(byte[] secret, KeyPair signing) {
        this.digester = new HmacDigester(secret);
        this.signingKey = signing.getPrivate();
        this.verificationKey = VerificationKey.of((java.security.interfaces.ECPublicKey) signing.getPublic());
    }

    /** Loads the key ring at {@code file}, creating it (and its folder) if it does not exist yet. */
    public static LocalKeyVault openOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return load(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the local key ring at " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        byte[] secret = new byte[HmacDigester.SECRET_BYTES];
        new SecureRandom().nextBytes(secret);
        KeyPair pair = newP256KeyPair();
        Base64.Encoder b64 = Base64.getEncoder();
        ObjectNode ring = JSON.createObjectNode()
                .put("version", 1)
                .put("createdAt", Instant.now().toString())
                .put("digestSecret", b64.encodeToString(secret))
                .put("signingKeyPkcs8", b64.encodeToString(pair.getPrivate().getEncoded()))
                .put("signingKeyX509", b64.encodeToString(pair.getPublic().getEncoded()));
        Path tmp = Files.createTempFile(dir, ".keyring", ".tmp");
        try {
            restrictToOwner(tmp);
            Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(ring));
            // No REPLACE_EXISTING: if another process won the race, its ring is the one everyone uses.
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            if (!Files.exists(file)) {
                throw e;
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static LocalKeyVault load(Path file) throws IOException {
        JsonNode ring = JSON.readTree(file.toFile());
        Base64.Decoder b64 = Base64.getDecoder();
        try {
            KeyFactory ec = KeyFactory.getInstance("EC");
            PrivateKey priv = ec.generatePrivate(new PKCS8EncodedKeySpec(b64.decode(ring.path("signingKeyPkcs8").asText())));
            var pub = Es256.publicKeyFromX509(b64.decode(ring.path("signingKeyX509").asText()));
            return new LocalKeyVault(b64.decode(ring.path("digestSecret").asText()), new KeyPair(pub, priv));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the local key ring at " + file + " is damaged", e);
        }
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

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the user profile folder is already private.
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
}
