package dev.tollgate.retention;

import java.time.Duration;
import java.util.Objects;

/**
 * How long each kind of record outlives its purpose, from the privacy promise. TTL attributes are
 * computed from here, and so are the read-time filters that hide items DynamoDB has not yet deleted.
 */
public record RetentionPolicy(Duration licenseAfterExpiry, Duration startupLog) {

    public static final RetentionPolicy PROMISED = new RetentionPolicy(Duration.ofDays(90), Duration.ofDays(90));

    public RetentionPolicy {
        Objects.requireNonNull(licenseAfterExpiry);
        Objects.requireNonNull(startupLog);
        if (licenseAfterExpiry.isNegative() || startupLog.isNegative()) {
            throw new IllegalArgumentException("retention periods cannot be negative");
        }
    }
}
