package dev.tollgate.license;

import dev.tollgate.retention.RetentionPolicy;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A licence as stored: exactly the attributes the privacy policy lists, nothing about the customer
 * beyond the tenant's name. The key itself is never here, only its digest.
 */
public record License(
        KeyDigest digest,
        String tenantName,
        Product product,
        LicenseStatus status,
        LocalDate expiresOn,
        Instant createdAt,
        Instant updatedAt) {

    public static final int MAX_TENANT_NAME = 200;

    public License {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(expiresOn, "expiresOn");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (tenantName == null || tenantName.isBlank() || tenantName.length() > MAX_TENANT_NAME) {
            throw new IllegalArgumentException("a tenant name is 1 to " + MAX_TENANT_NAME + " characters");
        }
    }

    /**
     * A licence that expires on a date is good through the whole of that day in UTC, so it ends at
     * the next midnight UTC (exclusive). One rule for every customer, whatever their time zone.
     */
    public Instant endsAt() {
        return endOf(expiresOn);
    }

    public static Instant endOf(LocalDate expiresOn) {
        return expiresOn.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** When the record itself must be gone: the licence term plus the promised retention. */
    public Instant retainUntil(RetentionPolicy retention) {
        return endsAt().plus(retention.licenseAfterExpiry());
    }

    /**
     * The verdict for an instance of {@code requested} asking at {@code now}. Product scope comes
     * first so a key used for another product learns nothing about its licence.
     */
    public VerdictCode verdictFor(Product requested, Instant now) {
        if (!product.equals(requested)) {
            return VerdictCode.PRODUCT_MISMATCH;
        }
        if (status == LicenseStatus.CANCELLED) {
            return VerdictCode.CANCELLED;
        }
        if (status == LicenseStatus.SUSPENDED) {
            return VerdictCode.SUSPENDED;
        }
        if (!now.isBefore(endsAt())) {
            return VerdictCode.EXPIRED;
        }
        return VerdictCode.VALID;
    }
}
