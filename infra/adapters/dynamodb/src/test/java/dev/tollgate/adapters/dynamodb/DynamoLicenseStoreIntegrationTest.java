package dev.tollgate.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.embedded.EmbeddedDynamoDb;
import dev.tollgate.keys.KeyRing;
import dev.tollgate.license.IssueLicense;
import dev.tollgate.license.KeyDigest;
import dev.tollgate.license.License;
import dev.tollgate.license.LicenseChange;
import dev.tollgate.license.LicenseKey;
import dev.tollgate.license.LicenseKeyFormat;
import dev.tollgate.license.LicenseStatus;
import dev.tollgate.license.LicenseStore;
import dev.tollgate.license.Licenses;
import dev.tollgate.license.Product;
import dev.tollgate.outcome.Refusal;
import dev.tollgate.retention.RetentionPolicy;
import dev.tollgate.tenant.CreateTenant;
import dev.tollgate.tenant.Tenant;
import dev.tollgate.tenant.TenantId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** The licences adapter on DynamoDB Local: AWS's own engine, so conditions and TTL settings are real. */
class DynamoLicenseStoreIntegrationTest {

    static final String TABLE = "licenses-it";
    /** Reads filter by TTL at this time; the licences here expire in 2027. */
    static final java.time.Clock READ_CLOCK = java.time.Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), java.time.ZoneOffset.UTC);
    static final String TENANTS = "tenants-it";
    static EmbeddedDynamoDb engine;
    static DynamoDbClient dynamo;


    @BeforeAll
    static void start() {
        engine = EmbeddedDynamoDb.inMemory();
        dynamo = engine.client();
        TableBootstrap.createMissing(dynamo,
                List.of(new TableBootstrap.Table(DynamoLicenseStore.tableDefinition(TABLE), DynamoLicenseStore.TTL),
                        new TableBootstrap.Table(DynamoTenantStore.tableDefinition(TENANTS), null)));
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        engine.close();
    }

    @Test
    void aLicenceRoundTripsThroughTheTable() {
        DynamoLicenseStore store = new DynamoLicenseStore(dynamo, TABLE, RetentionPolicy.PROMISED, READ_CLOCK);
        License license = license(new KeyDigest("c".repeat(64)), LicenseStatus.SUSPENDED);
        store.create(license);
        assertEquals(license, store.find(license.digest()).orElseThrow());
        assertTrue(store.find(new KeyDigest("d".repeat(64))).isEmpty());
    }

    @Test
    void anExistingDigestIsNeverOverwritten() {
        DynamoLicenseStore store = new DynamoLicenseStore(dynamo, TABLE, RetentionPolicy.PROMISED, READ_CLOCK);
        License license = license(new KeyDigest("e".repeat(64)), LicenseStatus.ACTIVE);
        store.create(license);
        assertThrows(LicenseStore.DuplicateLicenseException.class,
                () -> store.create(license(license.digest(), LicenseStatus.CANCELLED)));
        assertEquals(LicenseStatus.ACTIVE, store.find(license.digest()).orElseThrow().status());
    }

    @Test
    void theStoredItemHoldsTheDeclaredAttributesOnlyAndNeverThePlaintextKey() {
        LicenseKeyFormat format = new LicenseKeyFormat(Map.of("ZDMCP", new Product("zendesk-mcp")));
        KeyRing vault = KeyRing.generate();
        DynamoLicenseStore store = new DynamoLicenseStore(dynamo, TABLE, RetentionPolicy.PROMISED, READ_CLOCK);
        DynamoTenantStore tenants = new DynamoTenantStore(dynamo, TENANTS);
        Tenant acme = new CreateTenant(tenants, java.time.Clock.systemUTC()).create("Acme Support");
        IssueLicense issue = new IssueLicense(format, vault, tenants, store, RetentionPolicy.PROMISED,
                java.time.Clock.systemUTC());
        IssueLicense.IssuedLicense issued = issue.issue(acme.id(), new Product("zendesk-mcp"),
                LocalDate.parse("2027-06-30"));

        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(TABLE).key(Map.of(
                DynamoLicenseStore.KEY_DIGEST, AttributeValue.fromS(issued.license().digest().hex())))).item();
        assertEquals(Set.of("keyDigest", "keySuffix", "tenantId", "tenantName", "product", "status", "expiresOn",
                "createdAt", "updatedAt", "ttl", "retentionDay", "retentionStart"), item.keySet());
        // The retention index: the day the licence ends (one of four shards) and the instant, for the purge.
        assertTrue(item.get("retentionDay").s().matches("2027-07-01#[0-3]"), item.get("retentionDay").s());
        assertEquals(Instant.parse("2027-07-01T00:00:00Z").getEpochSecond(), Long.parseLong(item.get("retentionStart").n()));
        assertEquals(canonicalSuffix(issued.key()), item.get("keySuffix").s());
        assertEquals(acme.id().value(), item.get("tenantId").s());
        String everything = item.toString().toUpperCase();
        String canonical = issued.key().canonical();
        assertFalse(everything.contains(canonical), "plaintext key stored");
        assertFalse(everything.contains(canonical.substring(5, 20)), "part of the plaintext key stored");
        assertFalse(everything.contains(canonical.substring(canonical.length() - 8)), "more than the suffix stored");
        assertEquals("2027-06-30", item.get("expiresOn").s());
        assertEquals(Instant.parse("2027-07-01T00:00:00Z").plus(90, ChronoUnit.DAYS).getEpochSecond(),
                Long.parseLong(item.get("ttl").n()));
    }

    @Test
    void anUpdateLandsOnlyOnTheVersionItWasReadFrom() {
        DynamoLicenseStore store = new DynamoLicenseStore(dynamo, TABLE, RetentionPolicy.PROMISED, READ_CLOCK);
        License license = license(new KeyDigest("a".repeat(64)), LicenseStatus.ACTIVE);
        store.create(license);
        Instant later = license.updatedAt().plusSeconds(5);
        License suspended = license.after(LicenseChange.suspend(), later);
        store.update(suspended, license.updatedAt());
        assertEquals(suspended, store.findLatest(license.digest()).orElseThrow());

        // A second writer that read the old version loses, and the first writer's change stands.
        License cancelled = license.after(LicenseChange.cancel(), later.plusSeconds(1));
        Refusal lost = assertThrows(Refusal.class, () -> store.update(cancelled, license.updatedAt()));
        assertEquals("CONCURRENT_CHANGE", lost.code());
        assertEquals(LicenseStatus.SUSPENDED, store.find(license.digest()).orElseThrow().status());
    }

    @Test
    void aTenantsLicencesAreListedNewestFirstAndFollowItsRename() {
        DynamoLicenseStore store = new DynamoLicenseStore(dynamo, TABLE, RetentionPolicy.PROMISED, READ_CLOCK);
        TenantId tenant = TenantId.generate();
        Instant first = Instant.parse("2026-01-01T00:00:00Z");
        License older = new License(new KeyDigest("1".repeat(64)), "AAAA", tenant, "Globex", new Product("zendesk-mcp"),
                LicenseStatus.ACTIVE, LocalDate.parse("2027-01-01"), first, first);
        License newer = new License(new KeyDigest("2".repeat(64)), "BBBB", tenant, "Globex", new Product("zendesk-mcp"),
                LicenseStatus.ACTIVE, LocalDate.parse("2027-01-01"), first.plusSeconds(60), first.plusSeconds(60));
        store.create(older);
        store.create(newer);
        store.create(license(new KeyDigest("3".repeat(64)), LicenseStatus.ACTIVE));

        assertEquals(List.of(newer.digest(), older.digest()),
                store.listByTenant(tenant).stream().map(License::digest).toList());
        store.renameTenant(tenant, "Globex Corporation");
        assertEquals(List.of("Globex Corporation", "Globex Corporation"),
                store.listByTenant(tenant).stream().map(License::tenantName).toList());
        assertEquals("Acme", store.find(new KeyDigest("3".repeat(64))).orElseThrow().tenantName());
    }

    static String canonicalSuffix(LicenseKey key) {
        String canonical = key.canonical();
        return canonical.substring(canonical.length() - LicenseKey.SUFFIX_LENGTH);
    }

    @Test
    void theTableExpiresItemsByTheirTtlAttribute() {
        assertEquals(TimeToLiveStatus.ENABLED, dynamo.describeTimeToLive(r -> r.tableName(TABLE))
                .timeToLiveDescription().timeToLiveStatus());
        assertEquals(DynamoLicenseStore.TTL, dynamo.describeTimeToLive(r -> r.tableName(TABLE))
                .timeToLiveDescription().attributeName());
    }

    static License license(KeyDigest digest, LicenseStatus status) {
        Instant at = Instant.parse("2026-11-23T10:15:30.123Z");
        return new License(digest, "X2M9", Licenses.TENANT, "Acme", new Product("zendesk-mcp"), status, LocalDate.parse("2027-11-23"), at, at);
    }
}
