package dev.tollgate.release;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;

/**
 * Release artifacts in an S3 bucket under a fixed prefix. Downloads are presigned GETs, so the
 * bytes never pass through the runtime and the URL carries only the object and a signature (it is
 * still a bearer credential until it expires, so it is never logged).
 */
public final class S3ArtifactStore implements ArtifactStore {

    /** SigV4 refuses to presign for longer than this. */
    static final Duration MAX_TTL = Duration.ofDays(7);

    private static final int BUFFER = 64 * 1024;

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final String prefix;

    /** {@code prefix} is empty or ends with {@code /}, so object keys cannot run into its last segment. */
    public S3ArtifactStore(S3Client s3, S3Presigner presigner, String bucket, String prefix) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.presigner = Objects.requireNonNull(presigner, "presigner");
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("bucket is required");
        }
        if (prefix == null || !(prefix.isEmpty() || prefix.endsWith("/"))) {
            throw new IllegalArgumentException("prefix must be empty or end with '/'");
        }
        this.bucket = bucket;
        this.prefix = prefix;
    }

    /**
     * The file name reaches the browser as S3's {@code Content-Disposition} response header, so
     * anything that could end the quoted string or the header (or name a path) is refused here.
     */
    @Override
    public DownloadUrl downloadUrl(String objectKey, String fileName, Duration ttl) {
        Objects.requireNonNull(objectKey, "objectKey");
        requireHeaderSafe(fileName);
        if (ttl == null || ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("ttl must be positive and at most " + MAX_TTL);
        }
        PresignedGetObjectRequest presigned = presigner.presignGetObject(p -> p.signatureDuration(ttl)
                .getObjectRequest(r -> r.bucket(bucket).key(prefix + objectKey)
                        .responseContentDisposition("attachment; filename=\"" + fileName + "\"")));
        try {
            return new DownloadUrl(presigned.url().toURI(), presigned.expiration());
        } catch (URISyntaxException e) {
            // The message would quote the URL, signature included.
            throw new IllegalStateException("presigned URL is not a valid URI", null);
        }
    }

    /** Streams the object through the digest: artifacts can be large, and the catalog needs only the facts. */
    @Override
    public ArtifactFacts describe(String objectKey) {
        Objects.requireNonNull(objectKey, "objectKey");
        MessageDigest sha256 = sha256();
        long size;
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(r -> r.bucket(bucket).key(prefix + objectKey))) {
            size = digest(in, sha256);
        } catch (NoSuchKeyException e) {
            // Only a missing key is a missing artifact; a missing bucket is a misconfiguration and fails loudly.
            throw new NoSuchArtifact(objectKey);
        } catch (IOException e) {
            throw new UncheckedIOException("reading artifact " + objectKey, e);
        }
        return new ArtifactFacts(HexFormat.of().formatHex(sha256.digest()), size);
    }

    private static long digest(InputStream in, MessageDigest sha256) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long size = 0;
        for (int n; (n = in.read(buffer)) != -1; ) {
            sha256.update(buffer, 0, n);
            size += n;
        }
        return size;
    }

    private static void requireHeaderSafe(String fileName) {
        if (fileName == null || fileName.isEmpty()) {
            throw new IllegalArgumentException("fileName is required");
        }
        for (int i = 0; i < fileName.length(); i++) {
            char c = fileName.charAt(i);
            if (c == '"' || c == '\\' || c == '/' || Character.isISOControl(c)) {
                throw new IllegalArgumentException("fileName may not contain quotes, slashes or control characters");
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-256", e);
        }
    }
}
