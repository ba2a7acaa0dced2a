package dev.tollgate.license;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.retention.RetentionPolicy;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class LicenseTest {

    static final Product PRODUCT = new Product("zendesk-mcp");
    static final KeyDigest DIGEST = new KeyDigest("a".repeat(64));

    static License license(LicenseStatus status, LocalDate expiresOn) {
        Instant created = Instant.parse("2026-01-01T00:00:00Z");
        return new License(DIGEST, "X2M9", Licenses.TENANT, "Acme", PRODUCT, status, expiresOn, created, created);
    }

    @Test
    void aLicenseIsGoodThroughTheWholeOfItsExpiryDayInUtc() {
        License license = license(LicenseStatus.ACTIVE, LocalDate.parse("2027-03-31"));
        assertEquals(Instant.parse("2027-04-01T00:00:00Z"), license.endsAt());
        assertEquals(VerdictCode.VALID, license.verdictFor(PRODUCT, Instant.parse("2027-03-31T23:59:59Z")));
        assertEquals(VerdictCode.EXPIRED, license.verdictFor(PRODUCT, Instant.parse("2027-04-01T00:00:00Z")));
    }

    @Test
    void productScopeIsCheckedBeforeAnythingElse() {
        Product other = new Product("other-app");
        for (LicenseStatus status : LicenseStatus.values()) {
            assertEquals(VerdictCode.PRODUCT_MISMATCH,
                    license(status, LocalDate.parse("2020-01-01")).verdictFor(other, Instant.now()));
        }
    }

    @Test
    void cancelledOutranksSuspendedWhichOutranksExpired() {
        Instant later = Instant.parse("2030-01-01T00:00:00Z");
        LocalDate past = LocalDate.parse("2029-01-01");
        assertEquals(VerdictCode.CANCELLED, license(LicenseStatus.CANCELLED, past).verdictFor(PRODUCT, later));
        assertEquals(VerdictCode.SUSPENDED, license(LicenseStatus.SUSPENDED, past).verdictFor(PRODUCT, later));
        assertEquals(VerdictCode.EXPIRED, license(LicenseStatus.ACTIVE, past).verdictFor(PRODUCT, later));
    }

    @Test
    void theRecordIsKeptNinetyDaysPastTheEndOfTheTerm() {
        License license = license(LicenseStatus.ACTIVE, LocalDate.parse("2027-03-31"));
        assertEquals(Instant.parse("2027-06-30T00:00:00Z"), license.retainUntil(RetentionPolicy.PROMISED));
    }
}
