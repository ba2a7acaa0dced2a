package dev.tollgate.release;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.keys.KeyRing;
import dev.tollgate.license.InMemoryLicenseStore;
import dev.tollgate.license.License;
import dev.tollgate.license.LicenseKey;
import dev.tollgate.license.LicenseKeyFormat;
import dev.tollgate.license.LicenseLookup;
import dev.tollgate.license.LicenseStatus;
import dev.tollgate.license.Product;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Entitlement: licence state (valid, suspended, cancelled, expired with the product option off
 * and on) x release published before/after the licence ended x yanked x channel, for a named
 * version, for "latest", and for the update check.
 */
class UpdateEntitlementMatrixTest {

    static final Product ZENDESK = new Product("zendesk-mcp");
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final LocalDate ENDED = LocalDate.parse("2026-11-12"); // the expired licence ended 2026-11-13T00:00Z

    final LicenseKeyFormat format = new LicenseKeyFormat(Map.of("ZDMCP", ZENDESK));
    final InMemoryLicenseStore licenses = new InMemoryLicenseStore(java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC));
    final MapCatalog catalog = new MapCatalog();
    KeyRing vault;

    @BeforeEach
    void catalog() {
        vault = KeyRing.generate();
        catalog.add(release("1.0.0", "stable", days(-30), false));   // before the expiry
        catalog.add(release("1.0.1", "stable", days(-20), true));    // yanked
        catalog.add(release("1.1.0", "stable", days(-5), false));    // after the expiry
        catalog.add(release("1.2.0-beta.1", "beta", days(-2), false));
    }

    @Test
    void theMatrix() {
        String valid = licence(LicenseStatus.ACTIVE, LocalDate.parse("2027-11-23"));
        String suspended = licence(LicenseStatus.SUSPENDED, LocalDate.parse("2027-11-23"));
        String cancelled = licence(LicenseStatus.CANCELLED, LocalDate.parse("2027-11-23"));
        String expired = licence(LicenseStatus.ACTIVE, ENDED);

        // key, expired-downloads option, version, channel -> version served or refusal
        Object[][] rows = {
                {valid, false, "1.0.0", null, "1.0.0"},
                {valid, false, "1.1.0", null, "1.1.0"},
                {valid, false, "1.0.1", null, "VERSION_NOT_FOUND"},
                {valid, false, "1.2.0-beta.1", null, "1.2.0-beta.1"},
                {valid, false, "1.2.0-beta.1", "stable", "VERSION_NOT_FOUND"},
                {valid, false, "1.0.0", "beta", "1.0.0"},
                {valid, false, "3.0.0", null, "VERSION_NOT_FOUND"},
                {valid, false, "latest", null, "1.1.0"},
                {valid, false, "latest", "beta", "1.2.0-beta.1"},
                {valid, false, "latest", "nightly", "1.1.0"},
                {valid, false, "1.0", null, "MALFORMED_VERSION"},
                {valid, false, "latest", "Beta!", "MALFORMED_CHANNEL"},
                {suspended, false, "1.0.0", null, "SUSPENDED"},
                {suspended, true, "latest", null, "SUSPENDED"},
                {cancelled, false, "1.0.0", null, "CANCELLED"},
                {cancelled, true, "latest", null, "CANCELLED"},
                {expired, false, "1.0.0", null, "EXPIRED"},
                {expired, false, "latest", null, "EXPIRED"},
                {expired, true, "1.0.0", null, "1.0.0"},
                {expired, true, "1.1.0", null, "EXPIRED"},
                {expired, true, "1.2.0-beta.1", null, "EXPIRED"},
                {expired, true, "1.0.1", null, "VERSION_NOT_FOUND"},
                {expired, true, "latest", null, "1.0.0"},
                {expired, true, "latest", "beta", "1.0.0"},
                {format.generate(ZENDESK).display(), false, "1.0.0", null, "NOT_FOUND"},
                {"ZDMCP-NOT-A-KEY", false, "1.0.0", null, "MALFORMED_KEY"},
        };
        List<String> mismatches = new ArrayList<>();
        for (Object[] row : rows) {
            String outcome;
            try {
                outcome = downloads((Boolean) row[1]).issue(new IssueDownloadUrl.Request((String) row[0], (String) row[2],
                        Optional.ofNullable((String) row[3]))).release().version().toString();
            } catch (UpdateRefused refused) {
                outcome = refused.reason().name();
            }
            if (!outcome.equals(row[4])) {
                mismatches.add(row[2] + "/" + row[3] + " (option " + row[1] + "): expected " + row[4] + ", got " + outcome);
            }
        }
        assertEquals(List.of(), mismatches);
    }

    @Test
    void theCheckOffersTheNewestEntitledReleaseAboveTheCurrentOne() {
        String valid = licence(LicenseStatus.ACTIVE, LocalDate.parse("2027-11-23"));
        String expired = licence(LicenseStatus.ACTIVE, ENDED);
        assertEquals(Optional.of("1.1.0"), newest(valid, "1.0.0", null, false));
        assertEquals(Optional.of("1.2.0-beta.1"), newest(valid, "1.0.0", "beta", false));
        assertEquals(Optional.empty(), newest(valid, "1.1.0", null, false));
        assertEquals(Optional.of("1.0.0"), newest(expired, "0.9.0", null, true));
        assertEquals(Optional.empty(), newest(expired, "1.0.0", null, true));
    }

    private Optional<String> newest(String key, String current, String channel, boolean expiredDownloads) {
        return new CheckForUpdate(entitlement(expiredDownloads), catalog, Clock.fixed(NOW, ZoneOffset.UTC))
                .check(new CheckForUpdate.Request(key, current, Optional.ofNullable(channel)))
                .newest().map(r -> r.version().toString());
    }

    private IssueDownloadUrl downloads(boolean expiredDownloads) {
        ArtifactStore urls = new ArtifactStore() {
            @Override
            public DownloadUrl downloadUrl(String objectKey, String fileName, Duration ttl) {
                return new DownloadUrl(URI.create("https://artifacts.example/" + objectKey), NOW.plus(ttl));
            }

            @Override
            public UploadUrl uploadUrl(String uploadKey, Duration ttl) {
                throw new AssertionError("entitlement never uploads");
            }

            @Override
            public ArtifactFacts publishUpload(String uploadKey, String objectKey) {
                throw new AssertionError("entitlement never publishes");
            }
        };
        return new IssueDownloadUrl(entitlement(expiredDownloads), catalog, urls, Duration.ofMinutes(5),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private UpdateEntitlement entitlement(boolean expiredDownloads) {
        return new UpdateEntitlement(format, new LicenseLookup(vault, licenses),
                expiredDownloads ? Set.of(ZENDESK) : Set.of());
    }

    private String licence(LicenseStatus status, LocalDate expiresOn) {
        LicenseKey key = format.generate(ZENDESK);
        licenses.create(new License(vault.digest(key), "X2M9", dev.tollgate.license.Licenses.TENANT, "Acme", ZENDESK, status, expiresOn, NOW.minus(Duration.ofDays(400)),
                NOW.minus(Duration.ofDays(1)))); // changed (suspended, cancelled) yesterday: a cancelled record is kept 90 days from then
        return key.display();
    }

    static Instant days(int offset) {
        return NOW.plus(Duration.ofDays(offset));
    }

    static Release release(String version, String channel, Instant publishedAt, boolean yanked) {
        SemVer v = SemVer.parse(version);
        String file = "zendesk-mcp-" + version + ".tar.gz";
        return new Release(ZENDESK, v, channel, Release.objectKeyFor(ZENDESK, v, file), file, "0".repeat(64), 1,
                publishedAt, yanked, Optional.empty());
    }

    /** The catalog port in memory; DynamoReleaseCatalog has its own test on DynamoDB Local. */
    static final class MapCatalog implements ReleaseCatalog {
        final Map<String, Release> releases = new ConcurrentHashMap<>();

        @Override
        public void add(Release release) {
            if (releases.putIfAbsent(release.product().id() + "@" + release.version(), release) != null) {
                throw new DuplicateRelease();
            }
        }

        @Override
        public Optional<Release> find(Product product, SemVer version) {
            return Optional.ofNullable(releases.get(product.id() + "@" + version));
        }

        @Override
        public boolean markYanked(Product product, SemVer version) {
            Release release = releases.get(product.id() + "@" + version);
            return release != null && !release.yanked()
                    && releases.replace(product.id() + "@" + version, release, release.asYanked());
        }

        @Override
        public List<Release> list(Product product) {
            return releases.values().stream().filter(r -> r.product().equals(product)).toList();
        }
    }
}
