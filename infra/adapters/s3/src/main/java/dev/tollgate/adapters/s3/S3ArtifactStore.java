package dev.tollgate.adapters.s3;

import dev.tollgate.release.ArtifactStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

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
    private final String uploadPrefix;

    /**
     * {@code prefix} and {@code uploadPrefix} are different, each ends with {@code /}, so object keys
     * cannot run into a prefix's last segment and an upload is never downloadable before it is published.
     */
    public S3ArtifactStore(S3Client s3, S3Presigner presigner, String bucket, String prefix, String uploadPrefix) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.presigner = Objects.requireNonNull(presigner, "presigner");
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("bucket is required");
        }
        if (prefix == null || !prefix.endsWith("/") || uploadPrefix == null || !uploadPrefix.endsWith("/")
                || prefix.startsWith(uploadPrefix) || uploadPrefix.startsWith(prefix)) {
            throw new IllegalArgumentException("prefix and uploadPrefix end with '/' and neither contains the other");
        }
        this.bucket = bucket;
        this.prefix = prefix;
        this.uploadPrefix = uploadPrefix;
    }

    /**
     * The file name reaches the browser as S3's {@code Content-Disposition} response header, so
     * anything that could end the quoted string or the header (or name a path) is refused here.
     */
    @Override
    public DownloadUrl downloadUrl(String objectKey, String fileName, Duration ttl) {
        Objects.requireNonNull(objectKey, "objectKey");
        requireHeaderSafe(fileName);
        requireTtl(ttl);
        PresignedGetObjectRequest presigned = presigner.presignGetObject(p -> p.signatureDuration(ttl)
                .getObjectRequest(r -> r.bucket(bucket).key(prefix + objectKey)
                        .responseContentDisposition("attachment; filename=\"" + fileName + "\"")));
        return new DownloadUrl(uri(presigned.url()), presigned.expiration());
    }

    private static void requireTtl(Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("ttl must be positive and at most " + MAX_TTL);
        }
    }

    private static URI uri(URL presigned) {
        try {
            return presigned.toURI();
        } catch (URISyntaxException e) {
            // The message would quote the URL, signature included.
            throw new IllegalStateException("presigned URL is not a valid URI", null);
        }
    }

    @Override
    public UploadUrl uploadUrl(String uploadKey, Duration ttl) {
        Objects.requireNonNull(uploadKey, "uploadKey");
        requireTtl(ttl);
        PresignedPutObjectRequest presigned = presigner.presignPutObject(p -> p.signatureDuration(ttl)
                .putObjectRequest(r -> r.bucket(bucket).key(uploadPrefix + uploadKey)));
        return new UploadUrl(uri(presigned.url()), presigned.expiration());
    }

    /**
     * Streams the upload through the digest (artifacts can be large), then copies it server-side
     * under an If-Match on the ETag it read, so the published object is exactly the bytes digested
     * even if someone PUTs again to the still-valid upload URL meanwhile.
     */
    @Override
    public ArtifactFacts publishUpload(String uploadKey, String objectKey) {
        Objects.requireNonNull(uploadKey, "uploadKey");
        Objects.requireNonNull(objectKey, "objectKey");
        MessageDigest sha256 = sha256();
        long size;
        String etag;
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(r -> r.bucket(bucket).key(uploadPrefix + uploadKey))) {
            etag = in.response().eTag();
            size = digest(in, sha256);
        } catch (NoSuchKeyException e) {
            // Only a missing key is a missing upload; a missing bucket is a misconfiguration and fails loudly.
            throw new NoSuchArtifact(uploadPrefix + uploadKey);
        } catch (IOException e) {
            throw new UncheckedIOException("reading upload " + uploadKey, e);
        }
        try {
            s3.copyObject(r -> r.sourceBucket(bucket).sourceKey(uploadPrefix + uploadKey).copySourceIfMatch(etag)
                    .destinationBucket(bucket).destinationKey(prefix + objectKey));
        } catch (S3Exception e) {
            if (e.statusCode() == 412) {
                throw new UploadChanged(uploadKey);
            }
            throw e;
        }
        s3.deleteObject(r -> r.bucket(bucket).key(uploadPrefix + uploadKey));
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
