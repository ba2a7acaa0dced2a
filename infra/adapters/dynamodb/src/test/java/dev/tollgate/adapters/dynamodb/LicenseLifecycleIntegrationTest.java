package dev.tollgate.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.embedded.EmbeddedDynamoDb;
import dev.tollgate.keys.KeyRing;
import dev.tollgate.lease.LeaseIssuer;
import dev.tollgate.lease.LeasePolicy;
import dev.tollgate.license.ChangeLicense;
import dev.tollgate.license.FindLicenses;
import dev.tollgate.license.IssueLicense;
import dev.tollgate.license.KeyDigest;
import dev.tollgate.license.License;
import dev.tollgate.license.LicenseChange;
import dev.tollgate.license.LicenseKeyFormat;
import dev.tollgate.license.LicenseLookup;
import dev.tollgate.license.Product;
import dev.tollgate.license.ValidateLicense;
import dev.tollgate.license.VerdictCode;
import dev.tollgate.outcome.Refusal;
import dev.tollgate.retention.RetentionPolicy;
import dev.tollgate.startup.StartupEvents;
import dev.tollgate.startup.StartupHandOff;
import dev.tollgate.tenant.ChangeTenant;
import dev.tollgate.tenant.CreateTenant;
import dev.tollgate.tenant.Tenant;
import dev.tollgate.tenant.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Staff's licence lifecycle on DynamoDB Local, seen through validation: each change is what the
 * next startup of an instance is told.
 */
class LicenseLifecycleIntegrationTest {

    static final Product ZENDESK = new Product("zendesk-mcp");
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");


    EmbeddedDynamoDb engine;
    DynamoDbClient dynamo;
    DynamoTenantStore tenants;
    DynamoLicenseStore licenses;
    IssueLicense issue;
    ChangeLicense change;
    ChangeTenant changeTenant;
    FindLicenses find;
    ValidateLicense validate;
    Tenant acme;

    @BeforeEach
    void wire() {
        engine = EmbeddedDynamoDb.inMemory();
        dynamo = engine.client();
        TableBootstrap.createMissing(dynamo, List.of(
                new TableBootstrap.Table(DynamoLicenseStore.tableDefinition("licenses"), DynamoLicenseStore.TTL),
                new TableBootstrap.Table(DynamoTenantStore.tableDefinition("tenants"), null),
                new TableBootstrap.Table(DynamoStartupTrail.tableDefinition("startup-log"), DynamoStartupTrail.TTL)));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        LicenseKeyFormat format = new LicenseKeyFormat(Map.of("ZDMCP", ZENDESK));
        KeyRing vault = KeyRing.generate();
        tenants = new DynamoTenantStore(dynamo, "tenants");
        licenses = new DynamoLicenseStore(dynamo, "licenses", RetentionPolicy.PROMISED, clock);
        LicenseLookup lookup = new LicenseLookup(vault, licenses);
        issue = new IssueLicense(format, vault, tenants, licenses, RetentionPolicy.PROMISED, clock);
        change = new ChangeLicense(licenses, tenants, clock);
        changeTenant = new ChangeTenant(tenants, licenses,
                new DynamoLegalHolds(dynamo, "tenants", "licenses", "startup-log", RetentionPolicy.PROMISED), clock);
        find = new FindLicenses(format, lookup, licenses, tenants, RetentionPolicy.PROMISED, clock);
        validate = new ValidateLicense(format, lookup,
                new LeaseIssuer(vault, new LeasePolicy("tollgate", Duration.ofHours(24), Duration.ofDays(7))),
                new StartupHandOff(StartupEvents.NONE, Duration.ofMillis(20)), clock);
        acme = new CreateTenant(tenants, clock).create("Acme Support");
    }

    @AfterEach
    void stop() {
        dynamo.close();
        engine.close();
    }

    @Test
    void eachChangeIsWhatTheNextValidationSays() {
        IssueLicense.IssuedLicense issued = issue.issue(acme.id(), ZENDESK, LocalDate.parse("2027-11-22"));
        String key = issued.key().display();
        KeyDigest digest = issued.license().digest();
        assertEquals(VerdictCode.VALID, validate.validate(key, ZENDESK).code());

        change.apply(digest, LicenseChange.suspend());
        assertEquals(VerdictCode.SUSPENDED, validate.validate(key, ZENDESK).code());
        change.apply(digest, LicenseChange.reinstate());
        assertEquals(VerdictCode.VALID, validate.validate(key, ZENDESK).code());
        License renewed = change.apply(digest, LicenseChange.renew(LocalDate.parse("2028-11-22")));
        assertEquals(LocalDate.parse("2028-11-22"), find.byKey(key).license().expiresOn());
        assertEquals(License.endOf(LocalDate.parse("2028-11-22")).plus(Duration.ofDays(90)),
                find.byDigest(digest).retainUntil(), "retention moves with the expiry");
        assertEquals(renewed, licenses.findLatest(digest).orElseThrow());
        change.apply(digest, LicenseChange.cancel());
        assertEquals(VerdictCode.CANCELLED, validate.validate(key, ZENDESK).code());
    }

    @Test
    void illegalTransitionsAreRefusedWithTheReasonAndChangeNothing() {
        KeyDigest digest = issue.issue(acme.id(), ZENDESK, LocalDate.parse("2027-11-22")).license().digest();
        assertRefused("ILLEGAL_TRANSITION", "only a suspended licence", () -> change.apply(digest, LicenseChange.reinstate()));
        assertRefused("ILLEGAL_TRANSITION", "moves the expiry later",
                () -> change.apply(digest, LicenseChange.renew(LocalDate.parse("2027-11-22"))));
        change.apply(digest, LicenseChange.suspend());
        assertRefused("ILLEGAL_TRANSITION", "already suspended", () -> change.apply(digest, LicenseChange.suspend()));
        change.apply(digest, LicenseChange.cancel());
        License cancelled = licenses.find(digest).orElseThrow();
        assertRefused("ILLEGAL_TRANSITION", "cannot be reinstated", () -> change.apply(digest, LicenseChange.reinstate()));
        assertRefused("ILLEGAL_TRANSITION", "cannot be renewed",
                () -> change.apply(digest, LicenseChange.renew(LocalDate.parse("2030-01-01"))));
        assertRefused("ILLEGAL_TRANSITION", "cannot be suspended", () -> change.apply(digest, LicenseChange.suspend()));
        assertRefused("ILLEGAL_TRANSITION", "already cancelled", () -> change.apply(digest, LicenseChange.cancel()));
        assertEquals(cancelled, licenses.find(digest).orElseThrow(), "refusals change nothing");
        assertRefused("LICENSE_NOT_FOUND", "no licence", () -> change.apply(new KeyDigest("0".repeat(64)),
                LicenseChange.suspend()));
    }

    @Test
    void aTenantsLicencesFollowItsNameAndATerminatedTenantGetsNoNewLicence() {
        issue.issue(acme.id(), ZENDESK, LocalDate.parse("2027-11-22"));
        KeyDigest second = issue.issue(acme.id(), ZENDESK, LocalDate.parse("2027-12-31")).license().digest();
        changeTenant.rename(acme.id(), "Acme Support GmbH");
        List<FindLicenses.Found> found = find.ofTenant(acme.id());
        assertEquals(2, found.size());
        assertTrue(found.stream().allMatch(f -> f.license().tenantName().equals("Acme Support GmbH")));

        changeTenant.terminate(acme.id(), Optional.empty());
        assertEquals(Optional.of(LocalDate.parse("2026-11-23")), tenants.require(acme.id()).terminatedOn());
        assertRefused("TENANT_TERMINATED", "terminated", () -> issue.issue(acme.id(), ZENDESK, LocalDate.parse("2027-11-22")));
        assertRefused("TENANT_TERMINATED", "terminated",
                () -> change.apply(second, LicenseChange.renew(LocalDate.parse("2028-12-31"))));
        assertRefused("ALREADY_TERMINATED", "already terminated", () -> changeTenant.terminate(acme.id(), Optional.empty()));
        change.apply(second, LicenseChange.cancel());
        assertRefused("TENANT_NOT_FOUND", "no tenant", () -> issue.issue(TenantId.generate(), ZENDESK,
                LocalDate.parse("2027-11-22")));
    }

    @Test
    void tenantsArePagedAndALegalHoldIsSetAndCleared() {
        CreateTenant create = new CreateTenant(tenants, Clock.fixed(NOW, ZoneOffset.UTC));
        for (int i = 0; i < 6; i++) {
            create.create("Customer " + i);
        }
        List<Tenant> seen = new java.util.ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            var page = tenants.list(3, cursor);
            assertTrue(page.tenants().size() <= 3);
            seen.addAll(page.tenants());
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        assertEquals(7, seen.stream().map(Tenant::id).distinct().count());

        assertTrue(changeTenant.setLegalHold(acme.id(), true).legalHold());
        assertTrue(tenants.require(acme.id()).legalHold());
        assertEquals(false, changeTenant.setLegalHold(acme.id(), false).legalHold());
        assertRefused("INVALID_REQUEST", "cursor", () -> tenants.list(3, Optional.of("not-a-cursor")));
    }

    static void assertRefused(String code, String reasonPart, org.junit.jupiter.api.function.Executable action) {
        Refusal refusal = assertThrows(Refusal.class, action);
        assertEquals(code, refusal.code(), refusal.getMessage());
        assertTrue(refusal.getMessage().contains(reasonPart), refusal.getMessage());
    }
}
