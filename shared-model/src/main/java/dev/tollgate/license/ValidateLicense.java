package dev.tollgate.license;

import dev.tollgate.keys.KeyVault;
import dev.tollgate.lease.LeaseIssuer;
import dev.tollgate.retention.RetentionPolicy;
import dev.tollgate.startup.StartupEvent;
import dev.tollgate.startup.StartupEvents;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * An installed instance asks, at startup, whether it may run. A malformed key is answered from the
 * format alone; anything else costs exactly one read of the licences table.
 */
public final class ValidateLicense {

    private static final Logger LOG = Logger.getLogger(ValidateLicense.class);

    private final LicenseKeyFormat format;
    private final KeyVault vault;
    private final LicenseStore store;
    private final LeaseIssuer leases;
    private final StartupEvents startups;
    private final RetentionPolicy retention;
    private final Clock clock;

    public ValidateLicense(LicenseKeyFormat format, KeyVault vault, LicenseStore store, LeaseIssuer leases,
                           StartupEvents startups, RetentionPolicy retention, Clock clock) {
        this.format = format;
        this.vault = vault;
        this.store = store;
        this.leases = leases;
        this.startups = startups;
        this.retention = retention;
        this.clock = clock;
    }

    public Verdict validate(String rawKey, Product product) {
        ParsedKey parsed = format.parse(rawKey);
        if (parsed instanceof MalformedKey malformed) {
            return Verdict.malformed(malformed);
        }
        Instant now = clock.instant();
        KeyDigest digest = vault.digest((LicenseKey) parsed);
        // DynamoDB deletes expired items only eventually: a record past its retention is treated as gone.
        Optional<License> license = store.find(digest).filter(l -> now.isBefore(l.retainUntil(retention)));
        Verdict verdict = license.map(l -> decide(l, product, now))
                .orElseGet(() -> Verdict.withoutLicense(VerdictCode.NOT_FOUND));
        recordStartup(new StartupEvent(now, digest, product, verdict.code()));
        return verdict;
    }

    private Verdict decide(License license, Product product, Instant now) {
        VerdictCode code = license.verdictFor(product, now);
        return switch (code) {
            case PRODUCT_MISMATCH -> Verdict.withoutLicense(code);
            case VALID -> Verdict.about(license, code, Optional.of(leases.issue(license, now)));
            default -> Verdict.about(license, code, Optional.empty());
        };
    }

    /** The trail is best effort from here: a failure to hand off is logged (without data), never answered. */
    private void recordStartup(StartupEvent event) {
        try {
            startups.publish(event);
        } catch (RuntimeException e) {
            LOG.warnf("startup event not recorded: %s", e.getClass().getSimpleName());
        }
    }
}
