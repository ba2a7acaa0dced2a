package dev.tollgate.license;

import dev.tollgate.outcome.Refusal;
import dev.tollgate.retention.RetentionPolicy;
import dev.tollgate.tenant.TenantId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A licence as stored: exactly the attributes the privacy policy lists, nothing about the customer
 * beyond the tenant's name (and the opaque id that links it to the tenant). The key itself is never
 * here, only its digest and the last four characters that let staff and customer tell keys apart.
 */
public record License(
        KeyDigest digest,
        String keySuffix,
        TenantId tenantId,
        String tenantName,
        Product product,
        LicenseStatus status,
        LocalDate expiresOn,
        Instant createdAt,
        Instant updatedAt) {

    public static final int MAX_TENANT_NAME = 200;

    public License {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(tenantId, "tenantId");
        if (keySuffix == null || keySuffix.length() != LicenseKey.SUFFIX_LENGTH) {
            throw new IllegalArgumentException("a key suffix is the key's last " + LicenseKey.SUFFIX_LENGTH + " characters");
        }
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

    /**
     * When the licence stopped being of use and its retention period began: its end, or its
     * cancellation if that came first. A cancelled licence is never changed again, so its
     * {@code updatedAt} is the moment it was cancelled.
     */
    public Instant retentionStart() {
        return status == LicenseStatus.CANCELLED && updatedAt.isBefore(endsAt()) ? updatedAt : endsAt();
    }

    /** When the record itself must be gone: the licence's end (or cancellation) plus the promised retention. */
    public Instant retainUntil(RetentionPolicy retention) {
        return retentionStart().plus(retention.licenseAfterExpiry());
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

    /**
     * This licence after a staff change, or a CONFLICT refusal naming the rule it breaks. Cancelled
     * is final: a cancelled customer who comes back gets a new key.
     */
    public License after(LicenseChange change, Instant now) {
        switch (change.kind()) {
            case SUSPEND:
                if (status == LicenseStatus.SUSPENDED) {
                    throw illegal("the licence is already suspended");
                }
                requireNotCancelled("suspended");
                return withStatus(LicenseStatus.SUSPENDED, expiresOn, now);
            case REINSTATE:
                requireNotCancelled("reinstated; issue a new licence instead");
                if (status != LicenseStatus.SUSPENDED) {
                    throw illegal("only a suspended licence can be reinstated; this one is " + status.wire());
                }
                return withStatus(LicenseStatus.ACTIVE, expiresOn, now);
            case CANCEL:
                if (status == LicenseStatus.CANCELLED) {
                    throw illegal("the licence is already cancelled");
                }
                return withStatus(LicenseStatus.CANCELLED, expiresOn, now);
            case RENEW:
                requireNotCancelled("renewed; issue a new licence instead");
                LocalDate renewed = change.newExpiry().orElseThrow();
                if (!renewed.isAfter(expiresOn)) {
                    throw illegal("a renewal moves the expiry later: " + renewed + " is not after " + expiresOn);
                }
                return withStatus(status, renewed, now);
            default:
                throw new IllegalStateException("unknown change " + change.kind());
        }
    }

    private void requireNotCancelled(String what) {
        if (status == LicenseStatus.CANCELLED) {
            throw illegal("a cancelled licence cannot be " + what);
        }
    }

    public License withTenantName(String name) {
        return new License(digest, keySuffix, tenantId, name, product, status, expiresOn, createdAt, updatedAt);
    }

    private License withStatus(LicenseStatus next, LocalDate expiry, Instant now) {
        return new License(digest, keySuffix, tenantId, tenantName, product, next, expiry, createdAt, now);
    }

    private static Refusal illegal(String reason) {
        return Refusal.conflict("ILLEGAL_TRANSITION", reason);
    }
}
