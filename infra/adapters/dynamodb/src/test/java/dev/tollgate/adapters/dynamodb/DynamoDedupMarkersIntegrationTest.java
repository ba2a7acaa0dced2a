package dev.tollgate.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.tollgate.embedded.EmbeddedDynamoDb;
import dev.tollgate.tenant.TenantId;
import dev.tollgate.ticket.DedupMarkers.Claim;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Dedup markers on DynamoDB Local: one winner among concurrent claims, completion, release, take-over of a dead run. */
class DynamoDedupMarkersIntegrationTest {

    static EmbeddedDynamoDb engine;
    static DynamoDbClient dynamo;
    static DynamoDedupMarkers markers;
    static final Duration TAKE_OVER = Duration.ofSeconds(30);

    @BeforeAll
    static void start() {
        engine = EmbeddedDynamoDb.inMemory();
        dynamo = engine.client();
        TableBootstrap.createMissing(dynamo, List.of(new TableBootstrap.Table(
                DynamoDedupMarkers.tableDefinition("idempotency"), DynamoDedupMarkers.TTL)));
        markers = new DynamoDedupMarkers(dynamo, "idempotency", Duration.ofDays(1));
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        engine.close();
    }

    @Test
    void oneOfManyConcurrentClaimsWinsAndTheRestSeeItInFlight() throws Exception {
        TenantId tenant = TenantId.generate();
        Instant now = Instant.now();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Claim>> claims = pool.invokeAll(java.util.Collections.nCopies(16,
                () -> markers.begin(tenant, "same-key", now, TAKE_OVER)));
        pool.shutdown();
        long started = 0;
        for (Future<Claim> claim : claims) {
            started += claim.get() instanceof Claim.Started ? 1 : 0;
        }
        assertEquals(1, started);
    }

    @Test
    void completedIsRememberedReleasedIsForgottenAndADeadRunIsTakenOver() {
        TenantId tenant = TenantId.generate();
        Instant now = Instant.now();
        Claim.Started first = (Claim.Started) markers.begin(tenant, "k1", now, TAKE_OVER);
        markers.complete(first, now.plusSeconds(3));
        assertEquals(new Claim.Completed(now.plusSeconds(3)), markers.begin(tenant, "k1", now.plusSeconds(4), TAKE_OVER));
        assertInstanceOf(Claim.Started.class, markers.begin(TenantId.generate(), "k1", now, TAKE_OVER), "per tenant");

        Claim.Started failed = (Claim.Started) markers.begin(tenant, "k2", now, TAKE_OVER);
        markers.release(failed);
        assertInstanceOf(Claim.Started.class, markers.begin(tenant, "k2", now.plusSeconds(1), TAKE_OVER));

        Claim.Started dead = (Claim.Started) markers.begin(tenant, "k3", now, TAKE_OVER);
        assertEquals(new Claim.InFlight(now), markers.begin(tenant, "k3", now.plusSeconds(10), TAKE_OVER));
        Claim.Started takeOver = (Claim.Started) markers.begin(tenant, "k3", now.plusSeconds(31), TAKE_OVER);
        markers.complete(dead, now.plusSeconds(32)); // the dead run wakes up: it no longer owns the marker
        assertEquals(new Claim.InFlight(now.plusSeconds(31)), markers.begin(tenant, "k3", now.plusSeconds(33), TAKE_OVER));
        markers.complete(takeOver, now.plusSeconds(34));

        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName("idempotency")
                .key(Map.of("markerId", AttributeValue.fromS(takeOver.markerId())))).item();
        assertEquals(java.util.Set.of("markerId", "tenantId", "state", "at", "ttl"), item.keySet());
        assertEquals(now.plusSeconds(31).plus(Duration.ofDays(1)).getEpochSecond(), Long.parseLong(item.get("ttl").n()));
    }
}
