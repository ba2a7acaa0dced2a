package dev.tollgate.adapters.dynamodb;

import dev.tollgate.embedded.EmbeddedDynamoDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The purge costs what is due, not what is stored: 100 due startup entries among 5,000 live items,
 * at most two items read per due one. The full size (1,000 among 100,000) is PurgeCostBenchmark.
 */
class PurgeCostIntegrationTest {

    static EmbeddedDynamoDb engine;

    @BeforeAll
    static void start() {
        engine = EmbeddedDynamoDb.inMemory();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void aPurgeReadsAtMostTwiceWhatIsDueWhateverIsLive() {
        PurgeCost.check(PurgeCost.measure(engine, "cost", 100, 5_000));
    }
}
