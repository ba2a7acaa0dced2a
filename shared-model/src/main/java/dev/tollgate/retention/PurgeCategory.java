package dev.tollgate.retention;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the purge deletes, one category per kind of expiring record, each with its period from the
 * {@link RetentionPolicy}. A record is due once its retention start (the licence's end, the
 * startup, the subscription's end, the write, the run) lies at or before {@code now - period}.
 */
public enum PurgeCategory {

    /** A terminated tenant's integration credentials, after the grace. Deleted first: they are secrets. */
    CREDENTIALS("credentials", RetentionPolicy::credentialGrace),
    LICENSES("licenses", RetentionPolicy::licenseAfterExpiry),
    STARTUP_LOG("startup-log", RetentionPolicy::startupLog),
    ADMIN_AUDIT("admin-audit", RetentionPolicy::adminAudit),
    /** Purge reports and erasure receipts. */
    PURGE_REPORTS("purge-reports", RetentionPolicy::purgeReports);

    private final String wire;
    private final Function<RetentionPolicy, Duration> period;

    PurgeCategory(String wire, Function<RetentionPolicy, Duration> period) {
        this.wire = wire;
        this.period = period;
    }

    public String wire() {
        return wire;
    }

    public Duration period(RetentionPolicy policy) {
        return period.apply(policy);
    }

    public static Optional<PurgeCategory> fromWire(String wire) {
        return Arrays.stream(values()).filter(c -> c.wire.equals(wire)).findFirst();
    }
}
