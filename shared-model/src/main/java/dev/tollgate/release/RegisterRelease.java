package dev.tollgate.release;

import dev.tollgate.license.LicenseKeyFormat;
import dev.tollgate.license.Product;
import java.time.Clock;
import java.util.Optional;

/**
 * Puts a release in the catalog once its artifact is stored. SHA-256 and size are computed from
 * the stored bytes, never taken from whoever uploaded them.
 */
public final class RegisterRelease {

    private final LicenseKeyFormat format;
    private final ReleaseCatalog catalog;
    private final ArtifactStore artifacts;
    private final Clock clock;

    public RegisterRelease(LicenseKeyFormat format, ReleaseCatalog catalog, ArtifactStore artifacts, Clock clock) {
        this.format = format;
        this.catalog = catalog;
        this.artifacts = artifacts;
        this.clock = clock;
    }

    public record Request(String product, String version, String channel, String fileName, Optional<String> notes) {
    }

    /**
     * Checks the request and says where its artifact goes, before anything is uploaded: a bad or
     * duplicate version never overwrites a published artifact.
     */
    public String objectKeyFor(Request request) {
        if (!Product.isValid(request.product()) || format.prefixOf(new Product(request.product())).isEmpty()) {
            throw new Refused("'" + request.product() + "' is not a configured product");
        }
        Product product = new Product(request.product());
        SemVer version;
        try {
            version = SemVer.parse(request.version());
        } catch (IllegalArgumentException e) {
            throw new Refused(e.getMessage());
        }
        if (!Release.isValidChannel(request.channel())) {
            throw new Refused("a channel is 1 to 20 characters of a-z, 0-9 and '-', starting with a letter");
        }
        if (!Release.isValidFileName(request.fileName())) {
            throw new Refused("a file name is 1 to 128 characters of A-Z, a-z, 0-9, '.', '_', '+' and '-'");
        }
        if (request.notes().map(String::length).orElse(0) > Release.MAX_NOTES) {
            throw new Refused("release notes are at most " + Release.MAX_NOTES + " characters");
        }
        if (catalog.list(product).stream().anyMatch(r -> r.version().sameAs(version))) {
            throw new Refused("version " + version + " of " + product.id() + " is already in the catalog");
        }
        return Release.objectKeyFor(product, version, request.fileName());
    }

    public Release register(Request request) {
        String objectKey = objectKeyFor(request);
        ArtifactStore.ArtifactFacts facts;
        try {
            facts = artifacts.describe(objectKey);
        } catch (ArtifactStore.NoSuchArtifact e) {
            throw new Refused("no artifact has been uploaded to " + objectKey);
        }
        Release release = new Release(new Product(request.product()), SemVer.parse(request.version()), request.channel(),
                objectKey, request.fileName(), facts.sha256Hex(), facts.size(), clock.instant(), false, request.notes());
        try {
            catalog.add(release);
        } catch (ReleaseCatalog.DuplicateRelease e) {
            throw new Refused("version " + release.version() + " of " + request.product() + " is already in the catalog");
        }
        return release;
    }

    /** The release cannot be registered; the message says why. */
    public static final class Refused extends RuntimeException {
        public Refused(String reason) {
            super(reason, null, false, false);
        }
    }
}
