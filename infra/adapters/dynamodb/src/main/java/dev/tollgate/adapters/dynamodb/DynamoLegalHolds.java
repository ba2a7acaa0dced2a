package dev.tollgate.adapters.dynamodb;

import dev.tollgate.license.KeyDigest;
import dev.tollgate.retention.HeldRecords;
import dev.tollgate.retention.LegalHolds;
import dev.tollgate.retention.RetentionPolicy;
import dev.tollgate.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Legal holds, read from the tenants table's sparse {@value DynamoTenantStore#BY_LEGAL_HOLD} index
 * (only held tenants are in it), and each held tenant's licences from the licences table's
 * {@value DynamoLicenseStore#BY_TENANT} index, past retention or not. Holds are rare: a run reads a
 * handful of items here, not the tenants table.
 *
 * <p>A hold also takes the tenant's licences and their startup entries off DynamoDB's TTL (the
 * {@value Expiry#TTL} attribute is removed), since TTL would otherwise delete them regardless; while
 * it lasts, reads show them (a held licence past retention reads as expired, not as gone). When the
 * hold ends each gets its TTL back from its retention start, and the purge deletes what is past due.
 */
public final class DynamoLegalHolds implements LegalHolds {

    private final DynamoDbClient dynamo;
    private final String tenants;
    private final String licenses;
    private final String startupLog;
    private final RetentionPolicy retention;

    public DynamoLegalHolds(DynamoDbClient dynamo, String tenants, String licenses, String startupLog,
                            RetentionPolicy retention) {
        this.dynamo = dynamo;
        this.tenants = tenants;
        this.licenses = licenses;
        this.startupLog = startupLog;
        this.retention = retention;
    }

    @Override
    public HeldRecords held() {
        Set<TenantId> held = new HashSet<>();
        dynamo.queryPaginator(r -> r.tableName(tenants).indexName(DynamoTenantStore.BY_LEGAL_HOLD)
                        .keyConditionExpression("#h = :h")
                        .expressionAttributeNames(Map.of("#h", DynamoTenantStore.HOLD))
                        .expressionAttributeValues(Map.of(":h", AttributeValue.fromS(DynamoTenantStore.HELD))))
                .items().forEach(item -> held.add(new TenantId(item.get(DynamoTenantStore.TENANT_ID).s())));
        Set<KeyDigest> digests = new HashSet<>();
        for (TenantId tenant : held) {
            licencesOf(tenant).forEach(item -> digests.add(new KeyDigest(item.get(DynamoLicenseStore.KEY_DIGEST).s())));
        }
        return new HeldRecords(held, digests);
    }

    @Override
    public void suspendExpiry(TenantId tenant) {
        for (Map<String, AttributeValue> licence : licencesOf(tenant)) {
            setTtl(licenses, Map.of(DynamoLicenseStore.KEY_DIGEST, licence.get(DynamoLicenseStore.KEY_DIGEST)), null);
            for (Map<String, AttributeValue> entry : startupsOf(licence.get(DynamoLicenseStore.KEY_DIGEST))) {
                setTtl(startupLog, Map.of(DynamoStartupTrail.KEY_DIGEST, entry.get(DynamoStartupTrail.KEY_DIGEST),
                        DynamoStartupTrail.ENTRY, entry.get(DynamoStartupTrail.ENTRY)), null);
            }
        }
    }

    @Override
    public void resumeExpiry(TenantId tenant) {
        for (Map<String, AttributeValue> licence : licencesOf(tenant)) {
            setTtl(licenses, Map.of(DynamoLicenseStore.KEY_DIGEST, licence.get(DynamoLicenseStore.KEY_DIGEST)),
                    until(licence, retention.licenseAfterExpiry()));
            for (Map<String, AttributeValue> entry : startupsOf(licence.get(DynamoLicenseStore.KEY_DIGEST))) {
                setTtl(startupLog, Map.of(DynamoStartupTrail.KEY_DIGEST, entry.get(DynamoStartupTrail.KEY_DIGEST),
                        DynamoStartupTrail.ENTRY, entry.get(DynamoStartupTrail.ENTRY)),
                        until(entry, retention.startupLog()));
            }
        }
    }

    private List<Map<String, AttributeValue>> licencesOf(TenantId tenant) {
        return dynamo.queryPaginator(r -> r.tableName(licenses).indexName(DynamoLicenseStore.BY_TENANT)
                        .keyConditionExpression("#t = :t")
                        .expressionAttributeNames(Map.of("#t", DynamoLicenseStore.TENANT_ID,
                                "#d", DynamoLicenseStore.KEY_DIGEST, "#s", RetentionIndex.START))
                        .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(tenant.value())))
                        .projectionExpression("#d, #s"))
                .items().stream().toList();
    }

    private List<Map<String, AttributeValue>> startupsOf(AttributeValue digest) {
        return dynamo.queryPaginator(r -> r.tableName(startupLog)
                        .keyConditionExpression("#d = :d")
                        .expressionAttributeNames(Map.of("#d", DynamoStartupTrail.KEY_DIGEST, "#e", DynamoStartupTrail.ENTRY,
                                "#s", RetentionIndex.START))
                        .expressionAttributeValues(Map.of(":d", digest))
                        .projectionExpression("#d, #e, #s"))
                .items().stream().toList();
    }

    private static AttributeValue until(Map<String, AttributeValue> item, Duration period) {
        return Expiry.at(Instant.ofEpochSecond(Long.parseLong(item.get(RetentionIndex.START).n())).plus(period));
    }

    /** Removes the TTL ({@code ttl} null) or sets it, on an item that is still there. */
    private void setTtl(String table, Map<String, AttributeValue> key, AttributeValue ttl) {
        String first = key.keySet().iterator().next();
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key)
                    .updateExpression(ttl == null ? "REMOVE #ttl" : "SET #ttl = :ttl")
                    .conditionExpression("attribute_exists(#k)")
                    .expressionAttributeNames(Map.of("#ttl", Expiry.TTL, "#k", first))
                    .expressionAttributeValues(ttl == null ? null : Map.of(":ttl", ttl)));
        } catch (ConditionalCheckFailedException gone) {
            // Deleted meanwhile (TTL, the purge, an erasure): nothing to hold.
        }
    }
}
