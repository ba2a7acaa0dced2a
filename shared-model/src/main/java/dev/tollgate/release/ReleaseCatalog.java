package dev.tollgate.release;

import dev.tollgate.license.Product;
import java.util.List;
import java.util.Optional;

/** Port: the releases table. */
public interface ReleaseCatalog {

    /** @throws DuplicateRelease when the product already has this version */
    void add(Release release);

    Optional<Release> find(Product product, SemVer version);

    /** @return false if the release is gone or was already yanked */
    boolean markYanked(Product product, SemVer version);

    /** Every release of the product, yanked ones included, in no particular order. */
    List<Release> list(Product product);

    final class DuplicateRelease extends RuntimeException {
        public DuplicateRelease() {
            super("this version is already in the catalog", null, false, false);
        }
    }
}
