package dev.tollgate.release;

import dev.tollgate.license.LicenseKeyFormat;
import dev.tollgate.license.Product;
import dev.tollgate.outcome.Refusal;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Puts a release in the catalog, in two steps: hand out an upload URL for its file, then publish
 * what was uploaded. SHA-256 and size are computed from the uploaded bytes, never taken from
 * whoever uploaded them, and a version already in the catalog is refused before anything moves.
 */
public final class RegisterRelease {

    private final LicenseKeyFormat format;
    private final ReleaseCatalog catalog;
    private final ArtifactStore artifacts;
    private final Duration uploadUrlTtl;
    private final Clock clock;

    public RegisterRelease(LicenseKeyFormat format, ReleaseCatalog catalog, ArtifactStore artifacts,
                           Duration uploadUrlTtl, Clock clock) {
        this.format = format;
        this.catalog = catalog;
        this.artifacts = artifacts;
        this.uploadUrlTtl = uploadUrlTtl;
        this.clock = clock;
    }

    public record Request(String product, String version, String channel, String fileName, Optional<String> notes) {
    }

    /** Step one: where to PUT the file. The same request, sent again, publishes it. */
    public ArtifactStore.UploadUrl uploadUrl(Request request) {
        return artifacts.uploadUrl(checkedObjectKey(request), uploadUrlTtl);
    }

    /** Step two: read the uploaded file, publish it, and add the release. */
    public Release register(Request request) {
        String objectKey = checkedObjectKey(request);
        ArtifactStore.ArtifactFacts facts;
        try {
            facts = artifacts.publishUpload(objectKey, objectKey);
        } catch (ArtifactStore.NoSuchArtifact e) {
            throw Refusal.conflict("NOTHING_UPLOADED", "no file has been uploaded for " + request.product() + " "
                    + request.version() + "; ask for an upload URL and PUT the file to it first");
        } catch (ArtifactStore.UploadChanged e) {
            throw Refusal.conflict("UPLOAD_CHANGED", "the upload was replaced while it was being published; register again");
        }
        Release release = new Release(new Product(request.product()), SemVer.parse(request.version()), request.channel(),
                objectKey, request.fileName(), facts.sha256Hex(), facts.size(), clock.instant(), false, request.notes());
        try {
            catalog.add(release);
        } catch (ReleaseCatalog.DuplicateRelease e) {
            throw alreadyInCatalog(release.product(), release.version());
        }
        return release;
    }

    /**
     * Checks the request and says where its file goes, before anything is uploaded or moved: a bad
     * or duplicate version never overwrites a published artifact.
     */
    private String checkedObjectKey(Request request) {
        if (!Product.isValid(request.product()) || format.prefixOf(new Product(request.product())).isEmpty()) {
            throw Refusal.invalid("'" + request.product() + "' is not a configured product");
        }
        Product product = new Product(request.product());
        SemVer version;
        try {
            version = SemVer.parse(request.version());
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid(e.getMessage());
        }
        if (!Release.isValidChannel(request.channel())) {
            throw Refusal.invalid("a channel is 1 to 20 characters of a-z, 0-9 and '-', starting with a letter");
        }
        if (!Release.isValidFileName(request.fileName())) {
            throw Refusal.invalid("a file name is 1 to 128 characters of A-Z, a-z, 0-9, '.', '_', '+' and '-'");
        }
        if (request.notes().map(String::length).orElse(0) > Release.MAX_NOTES) {
            throw Refusal.invalid("release notes are at most " + Release.MAX_NOTES + " characters");
        }
        if (catalog.list(product).stream().anyMatch(r -> r.version().sameAs(version))) {
            throw alreadyInCatalog(product, version);
        }
        return Release.objectKeyFor(product, version, request.fileName());
    }

    private static Refusal alreadyInCatalog(Product product, SemVer version) {
        return Refusal.conflict("RELEASE_EXISTS", "version " + version + " of " + product.id() + " is already in the catalog");
    }
}
