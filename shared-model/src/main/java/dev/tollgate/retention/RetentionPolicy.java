package dev.tollgate.retention;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How long each kind of record outlives its purpose: the privacy promise, in one place. TTL
 * attributes, the read-time filter that hides items DynamoDB has not yet deleted, and the daily
 * purge all take their periods from here; the README's "What is stored, and for how long" table and
 * the SAM template's retention settings are tested against it, so neither can drift.
 *
 * @param licenseAfterExpiry a licence record, after its expiry or its cancellation, whichever came first
 * @param startupLog         a startup entry, after the startup
 * @param dedupMarkers       a ticket request's dedup marker, after the request
 * @param credentialGrace    a tenant's integration credentials, after the day its subscription ends
 * @param adminAudit         an admin audit entry, after the write it records
 * @param purgeReports       a purge report or erasure receipt, after the run or erasure
 * @param unpublishedUploads a release file uploaded but never published (the bucket's lifecycle rule)
 * @param deadLetters        a message in a dead-letter queue (the queue's MessageRetentionPeriod)
 * @param serverLogs         a function's or the HTTP API's log lines (the log groups' RetentionInDays)
 * @param unknownKeyTally    the hourly count of startups with unknown keys (and its sample of digests), after the hour
 */
public record RetentionPolicy(
        Duration licenseAfterExpiry,
        Duration startupLog,
        Duration dedupMarkers,
        Duration credentialGrace,
        Duration adminAudit,
        Duration purgeReports,
        Duration unpublishedUploads,
        Duration deadLetters,
        Duration serverLogs,
        Duration unknownKeyTally) {

    public static final RetentionPolicy PROMISED = new RetentionPolicy(
            Duration.ofDays(90), Duration.ofDays(90), Duration.ofDays(1), Duration.ZERO, Duration.ofDays(365),
            Duration.ofDays(365), Duration.ofDays(1), Duration.ofDays(14), Duration.ofDays(90), Duration.ofDays(7));

    public RetentionPolicy {
        if (Stream.of(licenseAfterExpiry, startupLog, dedupMarkers, credentialGrace, adminAudit, purgeReports,
                unpublishedUploads, deadLetters, serverLogs, unknownKeyTally).map(Objects::requireNonNull).anyMatch(Duration::isNegative)) {
            throw new IllegalArgumentException("retention periods cannot be negative");
        }
    }

    /**
     * Usage counters have no period: they are kept, because they are aggregated counts (tenant, month,
     * provider, model, requests, tokens) and carry no personal data. An erased tenant's counters are
     * kept too, detached from it.
     */
    public Optional<Duration> usageCounters() {
        return Optional.empty();
    }

    /** The same policy with the periods a deployment may tune; the others are the template's and stay promised. */
    public RetentionPolicy withTunable(Duration licenseAfterExpiry, Duration startupLog, Duration dedupMarkers,
                                       Duration credentialGrace, Duration adminAudit, Duration purgeReports) {
        return new RetentionPolicy(licenseAfterExpiry, startupLog, dedupMarkers, credentialGrace, adminAudit,
                purgeReports, unpublishedUploads, deadLetters, serverLogs, unknownKeyTally);
    }
}
