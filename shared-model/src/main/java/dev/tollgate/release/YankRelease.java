package dev.tollgate.release;

import dev.tollgate.license.Product;
import dev.tollgate.outcome.Refusal;

/**
 * Withdraws a release: {@code latest} skips it and no new download URL names it. Its artifact stays,
 * so a customer who pinned the version can be told why, and the catalog keeps its SHA-256.
 */
public final class YankRelease {

    private final ReleaseCatalog catalog;

    public YankRelease(ReleaseCatalog catalog) {
        this.catalog = catalog;
    }

    public Release yank(Product product, SemVer version) {
        Release release = catalog.find(product, version).orElseThrow(() -> Refusal.notFound("VERSION_NOT_FOUND",
                "the catalog has no version " + version + " of " + product.id()));
        if (release.yanked()) {
            throw Refusal.conflict("ALREADY_YANKED", "version " + version + " of " + product.id() + " is already yanked");
        }
        if (!catalog.markYanked(product, version)) {
            throw Refusal.concurrentChange("version " + version + " of " + product.id());
        }
        return release.asYanked();
    }
}
