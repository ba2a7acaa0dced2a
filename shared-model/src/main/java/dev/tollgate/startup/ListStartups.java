package dev.tollgate.startup;

import dev.tollgate.keys.KeyDigester;
import dev.tollgate.license.KeyDigest;
import dev.tollgate.license.LicenseKey;
import dev.tollgate.license.LicenseKeyFormat;
import dev.tollgate.license.ParsedKey;
import dev.tollgate.retention.RetentionPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Support's question, "when did this customer's instances last start, and why did that one fail?":
 * a licence's startups over a time range, newest first, a page at a time.
 */
public final class ListStartups {

    public static final int MAX_LIMIT = 100;

    private final StartupTrail trail;
    private final LicenseKeyFormat format;
    private final KeyDigester digester;
    private final RetentionPolicy retention;
    private final Clock clock;

    public ListStartups(StartupTrail trail, LicenseKeyFormat format, KeyDigester digester, RetentionPolicy retention,
                        Clock clock) {
        this.trail = trail;
        this.format = format;
        this.digester = digester;
        this.retention = retention;
        this.clock = clock;
    }

    /** Exactly one of a licence key (turned into its digest here) or a digest names the licence. */
    public record Query(Optional<String> licenseKey, Optional<String> keyDigest, Optional<Instant> from,
                        Optional<Instant> to, Optional<Integer> limit, Optional<String> cursor) {
    }

    public StartupTrail.Page list(Query query) {
        KeyDigest digest = digestOf(query);
        Instant now = clock.instant();
        Instant to = query.to().orElse(now);
        Instant from = query.from().orElse(now.minus(retention.startupLog()));
        if (from.isAfter(to)) {
            throw new Refused("'from' must not be after 'to'");
        }
        int limit = query.limit().orElse(50);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new Refused("'limit' must be between 1 and " + MAX_LIMIT);
        }
        try {
            return trail.list(digest, from, to, limit, query.cursor());
        } catch (IllegalArgumentException badCursor) {
            throw new Refused("'cursor' is not one this listing gave out");
        }
    }

    private KeyDigest digestOf(Query query) {
        if (query.licenseKey().isPresent() == query.keyDigest().isPresent()) {
            throw new Refused("name the licence by exactly one of 'licenseKey' or 'keyDigest'");
        }
        if (query.keyDigest().isPresent()) {
            if (!KeyDigest.isValid(query.keyDigest().get())) {
                throw new Refused("'keyDigest' must be 64 lower-case hex characters");
            }
            return new KeyDigest(query.keyDigest().get());
        }
        ParsedKey parsed = format.parse(query.licenseKey().get());
        if (parsed instanceof LicenseKey key) {
            return digester.digest(key);
        }
        throw new Refused("'licenseKey' is malformed");
    }

    /** The query cannot be served; the message says why. */
    public static final class Refused extends RuntimeException {
        public Refused(String reason) {
            super(reason, null, false, false);
        }
    }
}
