package dev.tollgate.adapters.dynamodb;

import dev.tollgate.embedded.EmbeddedDynamoDb;
import dev.tollgate.retention.MovableClock;
import dev.tollgate.retention.PurgeCategory;
import dev.tollgate.retention.PurgeExpired;
import dev.tollgate.retention.PurgeSources;
import dev.tollgate.retention.RetentionPolicy;
import dev.tollgate.tenant.ChangeTenant;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * Every table the purge reads, under a prefix of their own on one DynamoDB Local, with the stores
 * and the purge wired as DynamoWiring and RetentionWiring wire them, at a clock the test moves. The
 * client counts what it reads (items returned, read capacity) and every delete, per key.
 */
final class RetentionTables implements AutoCloseable {

    final MovableClock clock;
    final RetentionPolicy policy;
    final DynamoDbClient dynamo;
    final String licenses;
    final String startupLog;
    final String tenants;
    final String audit;
    final String reports;
    final AtomicLong itemsRead = new AtomicLong();
    final AtomicReference<Double> readCapacity = new AtomicReference<>(0.0);
    final Map<String, Integer> deletes = new ConcurrentHashMap<>();

    RetentionTables(EmbeddedDynamoDb engine, String prefix, Instant now, RetentionPolicy policy) {
        this.clock = new MovableClock(now);
        this.policy = policy;
        this.dynamo = DynamoDbClient.builder()
                .endpointOverride(URI.create(engine.endpoint()))
                .region(Region.of(EmbeddedDynamoDb.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(EmbeddedDynamoDb.ACCESS_KEY, EmbeddedDynamoDb.SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(new Counting()))
                .build();
        this.licenses = prefix + "-licenses";
        this.startupLog = prefix + "-startup-log";
        this.tenants = prefix + "-tenants";
        this.audit = prefix + "-audit";
        this.reports = prefix + "-purge-reports";
        TableBootstrap.createMissing(dynamo, List.of(
                new TableBootstrap.Table(DynamoLicenseStore.tableDefinition(licenses), DynamoLicenseStore.TTL),
                new TableBootstrap.Table(DynamoStartupTrail.tableDefinition(startupLog), DynamoStartupTrail.TTL),
                new TableBootstrap.Table(DynamoTenantStore.tableDefinition(tenants), null),
                new TableBootstrap.Table(DynamoAuditTrail.tableDefinition(audit), DynamoAuditTrail.TTL),
                new TableBootstrap.Table(DynamoPurgeReports.tableDefinition(reports), DynamoPurgeReports.TTL)));
    }

    DynamoLicenseStore licenseStore() {
        return new DynamoLicenseStore(dynamo, licenses, policy, clock);
    }

    DynamoStartupTrail startupTrail() {
        return new DynamoStartupTrail(dynamo, startupLog, policy, clock);
    }

    DynamoTenantStore tenantStore() {
        return new DynamoTenantStore(dynamo, tenants);
    }

    DynamoCredentialStore credentialStore() {
        return new DynamoCredentialStore(dynamo, tenants);
    }

    DynamoAuditTrail auditTrail() {
        return new DynamoAuditTrail(dynamo, audit, policy.adminAudit(), clock);
    }

    DynamoLegalHolds legalHolds() {
        return new DynamoLegalHolds(dynamo, tenants, licenses, startupLog, policy);
    }

    ChangeTenant changeTenant() {
        return new ChangeTenant(tenantStore(), licenseStore(), legalHolds(), clock);
    }

    DynamoPurgeReports purgeReports() {
        return new DynamoPurgeReports(dynamo, reports, policy, clock);
    }

    /** A first run looks two days back, not thirty: each empty day costs four queries, and tests start from nothing. */
    PurgeExpired purge() {
        return purge(pageSize(100));
    }

    PurgeExpired purge(PurgeExpired.Settings settings) {
        return new PurgeExpired(new PurgeSources(List.of(
                IndexedDueItems.credentials(dynamo, tenants),
                IndexedDueItems.licenses(dynamo, licenses),
                IndexedDueItems.startupLog(dynamo, startupLog),
                new MonthlyDueItems(dynamo, audit, PurgeCategory.ADMIN_AUDIT),
                new MonthlyDueItems(dynamo, reports, PurgeCategory.PURGE_REPORTS))),
                legalHolds(), purgeReports(), policy, settings, clock);
    }

    static PurgeExpired.Settings pageSize(int size) {
        return new PurgeExpired.Settings(size, Duration.ofSeconds(30), Duration.ofDays(2));
    }

    void resetCounts() {
        itemsRead.set(0);
        readCapacity.set(0.0);
        deletes.clear();
    }

    @Override
    public void close() {
        dynamo.close();
    }

    /** Asks every read for its consumed capacity, and tallies items read and every delete sent. */
    private final class Counting implements ExecutionInterceptor {
        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            if (context.request() instanceof QueryRequest query) {
                return query.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            }
            if (context.request() instanceof GetItemRequest get) {
                return get.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            }
            return context.request();
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            if (context.response() instanceof QueryResponse query) {
                itemsRead.addAndGet(query.count());
                add(query.consumedCapacity());
            } else if (context.response() instanceof GetItemResponse get) {
                itemsRead.addAndGet(get.hasItem() && !get.item().isEmpty() ? 1 : 0);
                add(get.consumedCapacity());
            }
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof DeleteItemRequest delete) {
                deletes.merge(DuePosition.encodeKey(delete.key()), 1, Integer::sum);
            }
        }

        private void add(ConsumedCapacity capacity) {
            if (capacity != null && capacity.capacityUnits() != null) {
                readCapacity.accumulateAndGet(capacity.capacityUnits(), Double::sum);
            }
        }
    }
}
