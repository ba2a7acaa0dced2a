package dev.tollgate.adapters.local;

import dev.tollgate.release.ArtifactStore;
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
    public static final String UPLOAD_ROUTE = "/local/uploads/";
    private static final String SECRET_FILE = ".url-signing-key";
    /** Object keys start with a letter or digit, so no object key reaches this folder. */
    private static final String UPLOADS = ".uploads";

    private final Path root;
    private final byte[] secret;
    private final Clock clock;

    public LocalArtifactStore(Path root, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.clock = clock;
        this.secret = loadOrCreateSecret(this.root.resolve(SECRET_FILE));
    }

    /**
     * Stores the body of a PUT to an upload URL, if the URL's signature is ours and has not expired.
     * Written aside, then moved, so a reader never sees half a file.
     *
     * @return false, storing nothing, when the URL is not genuine or has expired
     */
    public boolean acceptUpload(String uploadKey, long expiresEpochSecond, String signature, InputStream bytes) {
        if (uploadKey == null || signature == null || !genuine(sign("PUT", uploadKey, expiresEpochSecond), signature)
                || clock.instant().getEpochSecond() >= expiresEpochSecond) {
            return false;
        }
        Path target = uploadPathOf(uploadKey);
        try {
            Path partial = OwnerOnlyFiles.createPrivateTempFile(target.getParent(), ".upload", ".part");
            // Written into the owner-only file as created (copying with REPLACE_EXISTING would make a new one from the umask).
            try (java.io.OutputStream out = Files.newOutputStream(partial, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
                bytes.transferTo(out);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("upload not stored", e);
        }
    }

    @Override
    public UploadUrl uploadUrl(String uploadKey, Duration ttl) {
        uploadPathOf(uploadKey);
        Instant expires = clock.instant().plus(ttl).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return new UploadUrl(URI.create(UPLOAD_ROUTE + uploadKey + "?expires=" + expires.getEpochSecond()
                + "&signature=" + sign("PUT", uploadKey, expires.getEpochSecond())), expires);
    }

    /**
     * Publishes exactly the bytes it digests, whatever a still-valid upload URL receives meanwhile
     * (on S3 a copy conditioned on the digested object's ETag does this). The upload is first
     * renamed out of the upload area: a rename is atomic, and a later PUT to the URL lands in a new
     * file at the upload path, never in the one being digested. The digested file is then renamed
     * into place, so what is published is the file that was read.
     */
    @Override
    public synchronized ArtifactFacts publishUpload(String uploadKey, String objectKey) {
        Path upload = uploadPathOf(uploadKey);
        Path target = pathOf(objectKey);
        Path staged = root.resolve(UPLOADS).resolve(".publishing-" + java.util.UUID.randomUUID());
        try {
            Files.move(upload, staged, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new NoSuchArtifact(UPLOADS + "/" + uploadKey);
        } catch (IOException e) {
            throw new UncheckedIOException("artifact not published", e);
        }
        try {
            if (!Files.isRegularFile(staged, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new NoSuchArtifact(UPLOADS + "/" + uploadKey);
            }
            ArtifactFacts facts = describe(staged);
            OwnerOnlyFiles.createPrivateDirectories(target.getParent());
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
            return facts;
        } catch (IOException e) {
            throw new UncheckedIOException("artifact not published", e);
        } finally {
            try {
                Files.deleteIfExists(staged);
            } catch (IOException e) {
                // left for the upload purge, which discards old files in the upload area
            }
        }
    }

    @Override
    public DownloadUrl downloadUrl(String objectKey, String fileName, Duration ttl) {
        pathOf(objectKey);
        Instant expires = clock.instant().plus(ttl).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String query = "expires=" + expires.getEpochSecond() + "&filename=" + encode(fileName)
                + "&signature=" + sign("GET", objectKey, expires.getEpochSecond() + "\n" + fileName);
        return new DownloadUrl(URI.create(ROUTE + objectKey + "?" + query), expires);
    }

    /**
     * Deletes uploads never published that arrived before {@code cutoff}: on AWS the bucket's
     * lifecycle rule expires them, locally the scheduled purge calls this. Returns how many went.
     */
    public synchronized int discardUploadsOlderThan(Instant cutoff) {
        Path uploads = root.resolve(UPLOADS);
        if (!Files.isDirectory(uploads)) {
            return 0;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(uploads)) {
            int discarded = 0;
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff) && Files.deleteIfExists(file)) {
                    discarded++;
                }
            }
            return discarded;
        } catch (IOException e) {
            throw new UncheckedIOException("uploads not discarded", e);
        }
    }

    /** What the catalog records about a published object. */
    public ArtifactFacts describe(String objectKey) {
        Path file = pathOf(objectKey);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchArtifact(objectKey);
        }
        return describe(file);
    }

    private static ArtifactFacts describe(Path file) {
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
        boolean genuine = genuine(sign("GET", objectKey, expiresEpochSecond + "\n" + fileName), signature);
        boolean fresh = clock.instant().getEpochSecond() < expiresEpochSecond;
        if (!genuine || !fresh) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(pathOf(objectKey)).filter(Files::isRegularFile);
    }

    /** The method is signed too, so a download URL never works as an upload URL or the other way round. */
    private String sign(String method, String key, Object rest) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] tag = mac.doFinal((method + "\n" + key + "\n" + rest).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean genuine(String expected, String presented) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }

    private Path uploadPathOf(String uploadKey) {
        return root.resolve(UPLOADS).resolve(relative(uploadKey));
    }

    private Path pathOf(String objectKey) {
        return root.resolve(relative(objectKey));
    }

    /** Object keys stay inside the root: no absolute paths, no "..", nothing but the catalog's characters. */
    private Path relative(String objectKey) {
        if (objectKey == null || !objectKey.matches("[A-Za-z0-9][A-Za-z0-9._+/-]{0,300}") || objectKey.contains("..")) {
            throw new IllegalArgumentException("not an artifact object key");
        }
        Path path = Path.of(objectKey).normalize();
        if (path.isAbsolute() || path.startsWith("..")) {
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
