package dev.tollgate.function.admin;

import dev.tollgate.license.KeyDigest;
import dev.tollgate.license.Product;
import dev.tollgate.outcome.Refusal;
import dev.tollgate.release.SemVer;
import dev.tollgate.tenant.TenantId;

/** Path parameters checked before anything is read: a malformed one is a 404, like any id that names nothing. */
final class AdminPaths {

    private AdminPaths() {
    }

    static TenantId tenant(String id) {
        if (!TenantId.isValid(id)) {
            throw Refusal.notFound("TENANT_NOT_FOUND", "no tenant has that id; tenant ids look like t_0123456789abcdef");
        }
        return new TenantId(id);
    }

    static KeyDigest digest(String hex) {
        if (!KeyDigest.isValid(hex)) {
            throw Refusal.notFound("LICENSE_NOT_FOUND", "no licence has that digest; a digest is 64 lower-case hex characters");
        }
        return new KeyDigest(hex);
    }

    static Product product(String id) {
        if (!Product.isValid(id)) {
            throw Refusal.notFound("PRODUCT_NOT_FOUND", "no product has that id");
        }
        return new Product(id);
    }

    static SemVer version(String text) {
        try {
            return SemVer.parse(text);
        } catch (IllegalArgumentException e) {
            throw Refusal.notFound("VERSION_NOT_FOUND", "the catalog has no version '" + text + "'");
        }
    }

    /** Listing sizes: a default that fits a screen, and a ceiling that keeps a page one DynamoDB call. */
    static int limit(Integer requested) {
        if (requested == null) {
            return 50;
        }
        if (requested < 1 || requested > 200) {
            throw Refusal.invalid("'limit' is 1 to 200");
        }
        return requested;
    }
}
