package dev.tollgate.adapters.dynamodb;

import dev.tollgate.embedded.EmbeddedDynamoDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The sizes, printed (-Pbenchmark): the reads for 1,000 due items among 100,000 live ones
 * (asserted: at most 2 per due item), and the time to purge 10,000 due items on DynamoDB Local
 * (printed, not asserted: it measures this machine as much as the code).
 */
@Tag("benchmark")
class PurgeCostBenchmark {

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
    void aThousandDueAmongAHundredThousandLive() {
        PurgeCost.check(PurgeCost.measure(engine, "bench-cost", 1_000, 100_000));
    }

    @Test
    void tenThousandDue() {
        PurgeCost.check(PurgeCost.measure(engine, "bench-time", 10_000, 1_000));
    }
}
