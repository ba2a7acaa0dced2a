package dev.tollgate.adapters.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.embedded.MotoServer;
import dev.tollgate.release.ArtifactStore.ArtifactFacts;
import dev.tollgate.release.ArtifactStore.DownloadUrl;
import dev.tollgate.release.ArtifactStore;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The S3 store over the real S3 wire protocol (moto_server), path-style because moto listens on
 * 127.0.0.1. Skipped where moto_server is not installed: {@code pip install "moto[server]"} enables it.
 */
class S3ArtifactStoreIntegrationTest {

    static final String BUCKET = "tollgate-releases";
    static final String OBJECT_KEY = "zendesk-mcp/1.4.0/zendesk-mcp-1.4.0.tar.gz";
    static final String FILE_NAME = "zendesk-mcp-1.4.0.tar.gz";

    static MotoServer moto;
    static S3Client s3;
    static S3Presigner presigner;
    static S3ArtifactStore store;
    static byte[] artifact;

    @BeforeAll
    static void start() {

        moto = MotoServer.startOrSkip();
        S3Configuration pathStyle = S3Configuration.builder().pathStyleAccessEnabled(true).build();
        s3 = S3Client.builder().endpointOverride(moto.endpoint()).region(Region.of(MotoServer.REGION))
                .credentialsProvider(MotoServer.CREDENTIALS).httpClient(UrlConnectionHttpClient.create())
                .serviceConfiguration(pathStyle).build();
        presigner = S3Presigner.builder().endpointOverride(moto.endpoint()).region(Region.of(MotoServer.REGION))
                .credentialsProvider(MotoServer.CREDENTIALS).serviceConfiguration(pathStyle).build();
        s3.createBucket(r -> r.bucket(BUCKET));
        artifact = new byte[5 * 1024 + 123];
        new SecureRandom().nextBytes(artifact);
        s3.putObject(r -> r.bucket(BUCKET).key("artifacts/" + OBJECT_KEY), RequestBody.fromBytes(artifact));
        store = new S3ArtifactStore(s3, presigner, BUCKET, "artifacts/", "uploads/");
    }

    @AfterAll
    static void stop() {
        if (presigner != null) {
            presigner.close();
        }
        if (s3 != null) {
            s3.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    static String sha256Hex(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static String queryParameter(URI url, String name) {
        for (String pair : url.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            if (URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError(name + " is not in the query");
    }

    static HttpResponse<byte[]> get(URI url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aFilePutToThePresignedUploadUrlIsDigestedAndPublished() throws Exception {
        String key = "zendesk-mcp/2.0.0/zendesk-mcp-2.0.0.tar.gz";
        byte[] bytes = new byte[70_000];
        new SecureRandom().nextBytes(bytes);
        ArtifactStore.UploadUrl upload = store.uploadUrl(key, Duration.ofMinutes(15));
        assertEquals("/" + BUCKET + "/uploads/" + key, upload.url().getPath());
        assertTrue(upload.url().getRawQuery().contains("X-Amz-Expires=900"));

        HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(upload.url())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, put.statusCode(), put.body());

        ArtifactFacts facts = store.publishUpload(key, key);
        assertEquals(sha256Hex(bytes), facts.sha256Hex());
        assertEquals(bytes.length, facts.size());
        byte[] published = s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("artifacts/" + key)).asByteArray();
        assertEquals(sha256Hex(bytes), sha256Hex(published));
        assertThrows(software.amazon.awssdk.services.s3.model.NoSuchKeyException.class,
                () -> s3.headObject(r -> r.bucket(BUCKET).key("uploads/" + key)), "the upload is gone once published");
    }

    @Test
    void publishingWhatWasNeverUploadedIsNoSuchArtifact() {
        assertThrows(ArtifactStore.NoSuchArtifact.class,
                () -> store.publishUpload("zendesk-mcp/9.9.9/missing.tar.gz", "zendesk-mcp/9.9.9/missing.tar.gz"));
    }

    @Test
    void uploadsAndArtifactsNeverShareAPrefix() {
        for (String[] prefixes : new String[][] {{"artifacts/", "artifacts/"}, {"a/", "a/b/"}, {"artifacts", "uploads/"}}) {
            assertThrows(IllegalArgumentException.class,
                    () -> new S3ArtifactStore(s3, presigner, BUCKET, prefixes[0], prefixes[1]));
        }
    }

    @Test
    void theDownloadUrlNamesOnlyTheObjectAndExpiresWithTheTtl() {
        Instant before = Instant.now();
        DownloadUrl download = store.downloadUrl(OBJECT_KEY, FILE_NAME, Duration.ofMinutes(5));
        Instant after = Instant.now();

        URI url = download.url();
        assertEquals("/" + BUCKET + "/artifacts/" + OBJECT_KEY, url.getPath());
        String query = url.getRawQuery();
        assertTrue(query.contains("X-Amz-Expires=300"), "five minutes, in seconds");
        assertTrue(query.contains("response-content-disposition="), "the file name rides in the signed query");
        assertTrue(query.contains("X-Amz-Signature="));
        assertFalse(url.toString().contains("ZDMCP"), "no licence key in the URL");

        // A few seconds of slack for the signing clock's granularity.
        Duration slack = Duration.ofSeconds(3);
        assertFalse(download.expiresAt().isBefore(before.plus(Duration.ofMinutes(5)).minus(slack)));
        assertFalse(download.expiresAt().isAfter(after.plus(Duration.ofMinutes(5)).plus(slack)));
    }

    @Test
    void thePresignedUrlDownloadsTheArtifact() throws Exception {
        DownloadUrl download = store.downloadUrl(OBJECT_KEY, FILE_NAME, Duration.ofMinutes(5));
        HttpResponse<byte[]> response = get(download.url());
        assertEquals(200, response.statusCode());
        assertEquals(sha256Hex(artifact), sha256Hex(response.body()));
        // moto ignores the response-* overrides (no Content-Disposition comes back), so what is
        // checked is that the signed request asks S3 for it; real S3 answers with exactly this header.
        assertEquals("attachment; filename=\"" + FILE_NAME + "\"",
                queryParameter(download.url(), "response-content-disposition"));
    }

    // Not tested here: that a tampered URL is refused. moto does not verify presigned signatures
    // (a flipped X-Amz-Signature or a longer X-Amz-Expires still downloads), and its 403 for a
    // changed key comes from a missing-object header check, not the signature: only real S3 can show it.

    @Test
    void fileNamesThatCouldBreakTheHeaderAreRefused() {
        for (String bad : new String[] {"a\"b.tar.gz", "a\\b.tar.gz", "../b.tar.gz", "a\r\nX-Evil: 1", "a\u0000b", "a\u007fb", ""}) {
            assertThrows(IllegalArgumentException.class, () -> store.downloadUrl(OBJECT_KEY, bad, Duration.ofMinutes(5)),
                    bad);
        }
        assertThrows(IllegalArgumentException.class, () -> store.downloadUrl(OBJECT_KEY, null, Duration.ofMinutes(5)));
    }

    @Test
    void ttlsOutsideWhatSigV4AllowsAreRefused() {
        for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofSeconds(-1), Duration.ofDays(7).plusSeconds(1)}) {
            assertThrows(IllegalArgumentException.class, () -> store.downloadUrl(OBJECT_KEY, FILE_NAME, bad), bad.toString());
        }
        assertThrows(IllegalArgumentException.class, () -> store.downloadUrl(OBJECT_KEY, FILE_NAME, null));
        assertTrue(store.downloadUrl(OBJECT_KEY, FILE_NAME, Duration.ofDays(7)).url().getRawQuery()
                .contains("X-Amz-Expires=604800"), "exactly seven days is the SigV4 limit, and allowed");
    }

}
