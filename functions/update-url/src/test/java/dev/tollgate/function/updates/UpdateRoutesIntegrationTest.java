package dev.tollgate.function.updates;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.adapters.local.LocalArtifactStore;
import dev.tollgate.embedded.DynamoDbLocalTestResource;
import dev.tollgate.license.LicenseKey;
import dev.tollgate.license.LicenseKeyFormat;
import dev.tollgate.license.LicenseStatus;
import dev.tollgate.license.Licenses;
import dev.tollgate.release.ArtifactStore;
import dev.tollgate.release.RegisterRelease;
import dev.tollgate.release.Release;
import dev.tollgate.release.ReleaseCatalog;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The update routes over HTTP on DynamoDB Local, with the local artifact store. */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalTestResource.class)
class UpdateRoutesIntegrationTest {

    static final AtomicInteger MINOR = new AtomicInteger(10);

    @Inject
    Licenses licenses;
    @Inject
    LicenseKeyFormat format;
    @Inject
    ReleaseCatalog catalog;
    @Inject
    ArtifactStore artifacts;

    String version;

    @BeforeEach
    void aRelease() {
        version = "2." + MINOR.incrementAndGet() + ".0";
        register(version, "artifact " + version);
    }

    @Test
    void aValidLicenceGetsAShortLivedUrlWithTheComputedDigest() {
        LicenseKey key = licenses.stored(LicenseStatus.ACTIVE, LocalDate.now().plusYears(1));
        JsonPath answer = post("/v1/updates/download-url", Map.of("licenseKey", key.display(), "version", version))
                .statusCode(200).header("Cache-Control", "no-store").extract().jsonPath();
        assertEquals(version, answer.getString("version"));
        assertEquals(sha256("artifact " + version), answer.getString("sha256"));
        assertEquals(("artifact " + version).length(), answer.getLong("size"));
        URI url = URI.create(answer.getString("url"));
        assertTrue(url.isAbsolute(), "resolved against the serving runtime");
        assertTrue(url.getPath().endsWith("/zendesk-mcp/" + version + "/zendesk-mcp-" + version + ".tar.gz"));
        assertFalse(answer.getString("url").contains(key.canonical()) || answer.getString("url").contains(key.display()),
                "the key never travels in a URL");
        Duration ttl = Duration.between(Instant.now(), Instant.parse(answer.getString("expiresAt")));
        assertTrue(ttl.compareTo(Duration.ofMinutes(6)) < 0 && ttl.compareTo(Duration.ofMinutes(4)) > 0, ttl.toString());
    }

    @Test
    void latestAndTheCheckFollowTheCatalog() {
        LicenseKey key = licenses.stored(LicenseStatus.ACTIVE, LocalDate.now().plusYears(1));
        String latest = post("/v1/updates/download-url", Map.of("licenseKey", key.display(), "version", "latest"))
                .statusCode(200).extract().path("version");
        assertEquals(version, latest, "each test registers a newer release");
        post("/v1/updates/check", Map.of("licenseKey", key.display(), "currentVersion", "1.0.0"))
                .statusCode(200).body("updateAvailable", equalTo(true)).body("latest.version", equalTo(version))
                .body("latest.sha256", equalTo(sha256("artifact " + version)));
        post("/v1/updates/check", Map.of("licenseKey", key.display(), "currentVersion", version, "channel", "stable"))
                .statusCode(200).body("updateAvailable", equalTo(false)).body("latest", nullValue());
    }

    @Test
    void refusalsCarryValidationsCodes() {
        String suspended = licenses.stored(LicenseStatus.SUSPENDED, LocalDate.now().plusYears(1)).display();
        String cancelled = licenses.stored(LicenseStatus.CANCELLED, LocalDate.now().plusYears(1)).display();
        String expired = licenses.stored(LicenseStatus.ACTIVE, LocalDate.now().minusDays(3)).display();
        String valid = licenses.stored(LicenseStatus.ACTIVE, LocalDate.now().plusYears(1)).display();
        refused(Map.of("licenseKey", suspended, "version", version), 403, "SUSPENDED");
        refused(Map.of("licenseKey", cancelled, "version", version), 403, "CANCELLED");
        refused(Map.of("licenseKey", expired, "version", version), 403, "EXPIRED");
        refused(Map.of("licenseKey", licenses.unknown().display(), "version", version), 404, "NOT_FOUND");
        refused(Map.of("licenseKey", "ZDMCP-1234", "version", version), 400, "MALFORMED_KEY");
        refused(Map.of("licenseKey", valid, "version", "9.9.9"), 404, "VERSION_NOT_FOUND");
        refused(Map.of("licenseKey", valid, "version", "v2"), 400, "MALFORMED_VERSION");
        refused(Map.of("licenseKey", valid, "version", "latest", "channel", "NIGHTLY"), 400, "MALFORMED_CHANNEL");
        Map<String, Object> extra = new LinkedHashMap<>(Map.of("licenseKey", valid, "version", version));
        extra.put("product", "zendesk-mcp");
        post("/v1/updates/download-url", extra).statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("unknown field"));
        post("/v1/updates/check", Map.of("licenseKey", valid)).statusCode(400)
                .body("detail", containsString("currentVersion"));
        post("/v1/updates/check", Map.of("licenseKey", suspended, "currentVersion", "1.0.0")).statusCode(403)
                .body("code", equalTo("SUSPENDED"));
        given().get("/v1/updates/download-url?licenseKey=" + valid).then().statusCode(405)
                .body(not(containsString(valid)));
    }

    private void refused(Map<String, Object> body, int status, String code) {
        post("/v1/updates/download-url", body).statusCode(status).contentType("application/problem+json")
                .body("code", equalTo(code));
    }

    private void register(String version, String content) {
        String file = "zendesk-mcp-" + version + ".tar.gz";
        RegisterRelease.Request request = new RegisterRelease.Request("zendesk-mcp", version, Release.STABLE, file,
                Optional.of("notes for " + version));
        // Staff publish through the admin function; this one only reads the catalog, so the test publishes by hand.
        RegisterRelease registerRelease = new RegisterRelease(format, catalog, artifacts, Duration.ofMinutes(5),
                Clock.systemUTC());
        URI upload = registerRelease.uploadUrl(request).url();
        String query = upload.getRawQuery();
        ((LocalArtifactStore) artifacts).acceptUpload("zendesk-mcp/" + version + "/" + file,
                Long.parseLong(query.replaceAll(".*expires=(\\d+).*", "$1")), query.replaceAll(".*signature=([^&]+).*", "$1"),
                new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
        registerRelease.register(request);
    }

    private static io.restassured.response.ValidatableResponse post(String path, Map<String, ?> body) {
        return given().contentType(ContentType.JSON).body(body).post(path).then();
    }

    static String sha256(String content) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
