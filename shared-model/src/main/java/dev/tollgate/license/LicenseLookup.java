package dev.tollgate.license;

import dev.tollgate.keys.KeyDigester;
import java.time.Instant;
import java.util.Optional;

/**
 * The one read every licence decision starts from: digest the key, fetch the record (the store
 * never returns one past its retention), and say what the licence allows for a product right now.
 */
public final class LicenseLookup {

    private final KeyDigester digester;
    private final LicenseStore store;

    public LicenseLookup(KeyDigester digester, LicenseStore store) {
        this.digester = digester;
        this.store = store;
    }

    public record Found(KeyDigest digest, Optional<License> license, VerdictCode code) {
    }

    public Found find(LicenseKey key, Product product, Instant now) {
        KeyDigest digest = digester.digest(key);
        Optional<License> license = store.find(digest);
        VerdictCode code = license.map(l -> l.verdictFor(product, now)).orElse(VerdictCode.NOT_FOUND);
        return new Found(digest, license, code);
    }
}
