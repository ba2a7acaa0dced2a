package dev.tollgate.release;

import dev.tollgate.license.License;
import dev.tollgate.license.LicenseKey;
import dev.tollgate.license.LicenseKeyFormat;
import dev.tollgate.license.LicenseLookup;
import dev.tollgate.license.MalformedKey;
import dev.tollgate.license.ParsedKey;
import dev.tollgate.license.Product;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Which releases a licence key may download. A valid licence may fetch any release of its
 * product. An expired one may fetch nothing, unless its product allows expired licences the
 * releases published before the licence ended. Every other state is refused with validation's code.
 */
public final class UpdateEntitlement {

    private final LicenseKeyFormat format;
    private final LicenseLookup lookup;
    private final Set<Product> expiredMayDownload;

    public UpdateEntitlement(LicenseKeyFormat format, LicenseLookup lookup, Set<Product> expiredMayDownload) {
        this.format = format;
        this.lookup = lookup;
        this.expiredMayDownload = Set.copyOf(expiredMayDownload);
    }

    /** What a key is entitled to: its product, and for an expired licence the cut-off. */
    public record Entitled(Product product, Optional<Instant> publishedBefore) {
        public boolean covers(Release release) {
            return release.product().equals(product)
                    && publishedBefore.map(cutOff -> release.publishedAt().isBefore(cutOff)).orElse(true);
        }
    }

    public Entitled check(String rawKey, Instant now) {
        ParsedKey parsed = format.parse(rawKey);
        if (parsed instanceof MalformedKey malformed) {
            throw new UpdateRefused(UpdateRefused.Reason.MALFORMED_KEY, malformed.detail());
        }
        LicenseKey key = (LicenseKey) parsed;
        Product product = format.productOf(key);
        LicenseLookup.Found found = lookup.find(key, product, now);
        return switch (found.code()) {
            case VALID -> new Entitled(product, Optional.empty());
            case EXPIRED -> {
                License license = found.license().orElseThrow();
                if (!expiredMayDownload.contains(product)) {
                    throw new UpdateRefused(UpdateRefused.Reason.EXPIRED,
                            "the licence expired on " + license.expiresOn() + "; renew it to download releases");
                }
                yield new Entitled(product, Optional.of(license.endsAt()));
            }
            case SUSPENDED -> throw new UpdateRefused(UpdateRefused.Reason.SUSPENDED, "the licence is suspended");
            case CANCELLED -> throw new UpdateRefused(UpdateRefused.Reason.CANCELLED, "the licence is cancelled");
            // The product comes from the key itself, so a mismatch means no licence under this key.
            default -> throw new UpdateRefused(UpdateRefused.Reason.NOT_FOUND, "no licence has this key");
        };
    }
}
