package dev.tollgate.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.embedded.EmbeddedDynamoDb;
import dev.tollgate.tenant.TenantId;
import dev.tollgate.usage.UsageRecord;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Usage counters on DynamoDB Local: atomic adds, month ranges, tenants kept apart. */
class DynamoUsageLedgerIntegrationTest {

    static EmbeddedDynamoDb engine;
    static DynamoDbClient dynamo;

    @BeforeAll
    static void start() {
        engine = EmbeddedDynamoDb.inMemory();
        dynamo = engine.client();
        TableBootstrap.createMissing(dynamo, List.of(new TableBootstrap.Table(DynamoUsageLedger.tableDefinition("usage"), null)));
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        engine.close();
    }

    @Test
    void concurrentAddsAllCountAndRangesIncludeBothEnds() throws Exception {
        DynamoUsageLedger ledger = new DynamoUsageLedger(dynamo, "usage");
        TenantId acme = TenantId.generate();
        TenantId other = TenantId.generate();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 40; i++) {
            pool.submit(() -> ledger.add(new UsageRecord(acme, YearMonth.of(2026, 11), "anthropic", "claude-sonnet-4-5", 1, 1000, 200)));
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);
        ledger.add(new UsageRecord(acme, YearMonth.of(2026, 9), "openai", "gpt-4.1", 2, 10, 5));
        ledger.add(new UsageRecord(acme, YearMonth.of(2026, 12), "openai", "gpt-4.1", 1, 1, 1));
        ledger.add(new UsageRecord(other, YearMonth.of(2026, 11), "openai", "gpt-4.1", 7, 7, 7));

        assertEquals(List.of(
                        new UsageRecord(acme, YearMonth.of(2026, 9), "openai", "gpt-4.1", 2, 10, 5),
                        new UsageRecord(acme, YearMonth.of(2026, 11), "anthropic", "claude-sonnet-4-5", 40, 40_000, 8_000)),
                ledger.list(acme, YearMonth.of(2026, 9), YearMonth.of(2026, 11)));
    }

    @Test
    void costsAddUpInMillionthsOfADollar() {
        DynamoUsageLedger ledger = new DynamoUsageLedger(dynamo, "usage");
        TenantId tenant = TenantId.generate();
        ledger.add(new UsageRecord(tenant, YearMonth.of(2026, 11), "openai", "gpt-4.1", 1, 1890, 412, 7_076));
        ledger.add(new UsageRecord(tenant, YearMonth.of(2026, 11), "openai", "gpt-4.1", 1, 10, 5, 60));
        assertEquals(List.of(new UsageRecord(tenant, YearMonth.of(2026, 11), "openai", "gpt-4.1", 2, 1900, 417, 7_136)),
                ledger.list(tenant, YearMonth.of(2026, 11), YearMonth.of(2026, 11)));
    }

    @Test
    void anErasedTenantsCountsAreKeptUnderNoTenantAndAskingAgainCountsNothingTwice() {
        DynamoUsageLedger ledger = new DynamoUsageLedger(dynamo, "usage");
        TenantId leaving = TenantId.generate();
        ledger.add(new UsageRecord(leaving, YearMonth.of(2026, 10), "anthropic", "claude-haiku-4-5", 3, 300, 30));
        ledger.add(new UsageRecord(leaving, YearMonth.of(2026, 11), "anthropic", "claude-haiku-4-5", 2, 200, 20));
        Map<String, AttributeValue> before = erased("2026-10#anthropic#claude-haiku-4-5");

        assertEquals(2, ledger.detach(leaving));
        assertEquals(0, ledger.detach(leaving), "a repeated erasure moves nothing again");
        assertTrue(ledger.list(leaving, YearMonth.of(2026, 1), YearMonth.of(2026, 12)).isEmpty());
        Map<String, AttributeValue> after = erased("2026-10#anthropic#claude-haiku-4-5");
        assertEquals(count(before, "inputTokens") + 300, count(after, "inputTokens"));
        assertEquals(count(before, "requests") + 3, count(after, "requests"));
        assertEquals(200, count(erased("2026-11#anthropic#claude-haiku-4-5"), "inputTokens"));
    }

    private static Map<String, AttributeValue> erased(String bucket) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName("usage").consistentRead(true).key(Map.of(
                "tenantId", AttributeValue.fromS(DynamoUsageLedger.ERASED), "bucket", AttributeValue.fromS(bucket)))).item();
        return item == null ? Map.of() : item;
    }

    private static long count(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? Long.parseLong(item.get(name).n()) : 0;
    }
}
