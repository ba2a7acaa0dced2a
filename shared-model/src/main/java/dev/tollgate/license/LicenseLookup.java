package dev.tollgate.license;

import dev.tollgate.keys.KeyDigester;
import dev.tollgate.retention.RetentionPolicy;
import java.time.Instant;
import java.util.Optional;

/**
 * The one read every licence decision starts from: digest the key, fetch the record, ignore it
 * if it is past retention, and say what the licence allows for a product right now.
 */
public final class LicenseLookup {

    private final KeyDigester digester;
    private final LicenseStore store;
    private final RetentionPolicy retention;

    public LicenseLookup(KeyDigester digester, LicenseStore store, RetentionPolicy retention) {
        this.digester = digester;
        this.store = store;
        this.retention = retention;
    }

    public record Found(KeyDigest digest, Optional<License> license, VerdictCode code) {
    }

    public Found find(LicenseKey key, Product product, Instant now) {
        KeyDigest digest = digester.digest(key);
        // DynamoDB deletes expired items only eventually: a record past its retention is treated as gone.
        Optional<License> license = store.find(digest).filter(l -> now.isBefore(l.retainUntil(retention)));
        VerdictCode code = license.map(l -> l.verdictFor(product, now)).orElse(VerdictCode.NOT_FOUND);
        return new Found(digest, license, code);
    }
}
