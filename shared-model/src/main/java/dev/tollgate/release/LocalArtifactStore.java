package dev.tollgate.release;

import dev.tollgate.keys.OwnerOnlyFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Artifacts in a local folder, handed out as expiring URLs signed with HMAC-SHA256 under a secret
 * kept beside them (created on first use, owner-only): the local runtime's stand-in for S3 and its
 * presigned GETs. URLs are relative ({@code /local/artifacts/...}); the runtime that serves them
 * resolves them against its own address.
 */
public final class LocalArtifactStore implements ArtifactStore {

    public static final String ROUTE = "/local/artifacts/";
    private static final String SECRET_FILE = ".url-signing-key";

    private final Path root;
    private final byte[] secret;
    private final Clock clock;

    public LocalArtifactStore(Path root, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.clock = clock;
        this.secret = loadOrCreateSecret(this.root.resolve(SECRET_FILE));
    }

    /** Stores bytes under the object key, replacing nothing half-written (write, then move). */
    public void put(String objectKey, InputStream bytes) {
        Path target = pathOf(objectKey);
        try {
            Files.createDirectories(target.getParent());
            Path partial = Files.createTempFile(target.getParent(), ".upload", ".part");
            Files.copy(bytes, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("artifact not stored", e);
        }
    }

    @Override
    public DownloadUrl downloadUrl(String objectKey, String fileName, Duration ttl) {
        pathOf(objectKey);
        Instant expires = clock.instant().plus(ttl).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String query = "expires=" + expires.getEpochSecond() + "&filename=" + encode(fileName)
                + "&signature=" + signature(objectKey, expires.getEpochSecond(), fileName);
        return new DownloadUrl(URI.create(ROUTE + objectKey + "?" + query), expires);
    }

    @Override
    public ArtifactFacts describe(String objectKey) {
        Path file = pathOf(objectKey);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchArtifact(objectKey);
        }
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            long size = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha256.update(buffer, 0, n);
                size += n;
            }
            return new ArtifactFacts(HexFormat.of().formatHex(sha256.digest()), size);
        } catch (IOException e) {
            throw new UncheckedIOException("artifact not readable", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The file a download URL names, if its signature is ours and it has not expired; otherwise
     * empty. Both refusals look the same to the caller, so a probe learns nothing.
     */
    public java.util.Optional<Path> verifiedFile(String objectKey, long expiresEpochSecond, String fileName,
                                                 String signature) {
        if (objectKey == null || fileName == null || signature == null) {
            return java.util.Optional.empty();
        }
        byte[] expected = signature(objectKey, expiresEpochSecond, fileName).getBytes(StandardCharsets.US_ASCII);
        boolean genuine = MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
        boolean fresh = clock.instant().getEpochSecond() < expiresEpochSecond;
        if (!genuine || !fresh) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(pathOf(objectKey)).filter(Files::isRegularFile);
    }

    private String signature(String objectKey, long expires, String fileName) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] tag = mac.doFinal((objectKey + "\n" + expires + "\n" + fileName).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Object keys stay inside the root: no absolute paths, no "..", nothing but the catalog's characters. */
    private Path pathOf(String objectKey) {
        if (objectKey == null || !objectKey.matches("[A-Za-z0-9][A-Za-z0-9._+/-]{0,300}") || objectKey.contains("..")) {
            throw new IllegalArgumentException("not an artifact object key");
        }
        Path path = root.resolve(objectKey).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("not an artifact object key");
        }
        return path;
    }

    private static byte[] loadOrCreateSecret(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                return Base64.getDecoder().decode(Files.readString(file).strip());
            }
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            OwnerOnlyFiles.writeAtomically(file, Base64.getEncoder().encode(fresh));
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("URL signing key unavailable", e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
