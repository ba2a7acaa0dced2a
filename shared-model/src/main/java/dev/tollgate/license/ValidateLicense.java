package dev.tollgate.license;

import dev.tollgate.lease.LeaseIssuer;
import dev.tollgate.lease.Nonce;
import dev.tollgate.startup.StartupEvent;
import dev.tollgate.startup.StartupHandOff;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * An installed instance asks, at startup, whether it may run. A malformed key is answered from the
 * format alone; anything else costs exactly one read of the licences table.
 */
public final class ValidateLicense {

    private final LicenseKeyFormat format;
    private final LicenseLookup lookup;
    private final LeaseIssuer leases;
    private final StartupHandOff startups;
    private final Clock clock;

    public ValidateLicense(LicenseKeyFormat format, LicenseLookup lookup, LeaseIssuer leases, StartupHandOff startups,
                           Clock clock) {
        this.format = format;
        this.lookup = lookup;
        this.leases = leases;
        this.startups = startups;
        this.clock = clock;
    }

    public Verdict validate(String rawKey, Product product) {
        return validate(rawKey, product, Optional.empty(), UnknownKeyThrottle.UNLIMITED);
    }

    public Verdict validate(String rawKey, Product product, UnknownKeyThrottle.Budget unknownKeys) {
        return validate(rawKey, product, Optional.empty(), unknownKeys);
    }

    /**
     * A VALID answer's lease echoes {@code nonce} when the instance sent one. A NOT_FOUND takes a
     * token from the caller's budget for unknown keys, and when none is left the startup is not handed
     * off (the budget says it was refused; the edge answers 429). Known keys never touch the budget.
     */
    public Verdict validate(String rawKey, Product product, Optional<Nonce> nonce, UnknownKeyThrottle.Budget unknownKeys) {
        ParsedKey parsed = format.parse(rawKey);
        if (parsed instanceof MalformedKey malformed) {
            return Verdict.malformed(malformed);
        }
        Instant now = clock.instant();
        LicenseLookup.Found found = lookup.find((LicenseKey) parsed, product, now);
        VerdictCode code = found.code();
        if (code == VerdictCode.NOT_FOUND && !unknownKeys.tryTake()) {
            return Verdict.withoutLicense(code);
        }
        // The startup is handed off as soon as the answer is decided, and travels while the lease is signed.
        StartupHandOff.Pending startup = startups.start(StartupEvent.of(now, found.digest(), product, code));
        Verdict verdict = found.license().map(l -> answer(l, code, now, nonce)).orElseGet(() -> Verdict.withoutLicense(code));
        startup.awaitBriefly();
        return verdict;
    }

    private Verdict answer(License license, VerdictCode code, Instant now, Optional<Nonce> nonce) {
        return switch (code) {
            case PRODUCT_MISMATCH -> Verdict.withoutLicense(code);
            case VALID -> Verdict.about(license, code, Optional.of(leases.issue(license, now, nonce)));
            default -> Verdict.about(license, code, Optional.empty());
        };
    }
}
