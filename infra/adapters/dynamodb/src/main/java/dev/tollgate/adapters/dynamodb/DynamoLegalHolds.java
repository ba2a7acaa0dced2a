package dev.tollgate.adapters.dynamodb;

import dev.tollgate.license.KeyDigest;
import dev.tollgate.retention.HeldRecords;
import dev.tollgate.retention.LegalHolds;
import dev.tollgate.tenant.TenantId;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Legal holds, read from the tenants table's sparse {@value DynamoTenantStore#BY_LEGAL_HOLD} index
 * (only held tenants are in it), and each held tenant's licences from the licences table's
 * {@value DynamoLicenseStore#BY_TENANT} index, past retention or not. Holds are rare: a run reads a
 * handful of items here, not the tenants table.
 */
public final class DynamoLegalHolds implements LegalHolds {

    private final DynamoDbClient dynamo;
    private final String tenants;
    private final String licenses;

    public DynamoLegalHolds(DynamoDbClient dynamo, String tenants, String licenses) {
        this.dynamo = dynamo;
        this.tenants = tenants;
        this.licenses = licenses;
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
            dynamo.queryPaginator(r -> r.tableName(licenses).indexName(DynamoLicenseStore.BY_TENANT)
                            .keyConditionExpression("#t = :t")
                            .expressionAttributeNames(Map.of("#t", DynamoLicenseStore.TENANT_ID, "#d", DynamoLicenseStore.KEY_DIGEST))
                            .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(tenant.value())))
                            .projectionExpression("#d"))
                    .items().forEach(item -> digests.add(new KeyDigest(item.get(DynamoLicenseStore.KEY_DIGEST).s())));
        }
        return new HeldRecords(held, digests);
    }
}
