package dev.tollgate.license;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class UnknownKeyThrottleTest {

    final AtomicLong nanos = new AtomicLong(1_000);
    // 5 at once, then 6 a minute: one token every 10 s.
    final UnknownKeyThrottle throttle = new UnknownKeyThrottle(5, 6, 3, nanos::get);

    @Test
    void aClientMaySpendItsBurstThenWaitsForTheRefill() {
        for (int i = 4; i >= 0; i--) {
            UnknownKeyThrottle.Budget budget = throttle.budgetFor("a");
            assertTrue(budget.tryTake());
            assertEquals(i, budget.remaining());
            assertEquals(5, budget.limit());
        }
        UnknownKeyThrottle.Budget refused = throttle.budgetFor("a");
        assertFalse(refused.tryTake());
        assertTrue(refused.refused());
        assertEquals(10, refused.retryAfterSeconds());
        assertEquals(50, refused.resetSeconds());

        nanos.addAndGet(Duration.ofSeconds(9).toNanos());
        assertFalse(throttle.budgetFor("a").tryTake());
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        UnknownKeyThrottle.Budget refilled = throttle.budgetFor("a");
        assertTrue(refilled.tryTake());
        assertEquals(0, refilled.remaining());
        assertEquals(2, throttle.refused());
    }

    @Test
    void clientsHaveTheirOwnBuckets() {
        for (int i = 0; i < 5; i++) {
            throttle.budgetFor("a").tryTake();
        }
        assertFalse(throttle.budgetFor("a").tryTake());
        assertTrue(throttle.budgetFor("b").tryTake());
    }

    @Test
    void beyondTheClientBoundNewcomersShareOneOverflowBucket() {
        for (String client : new String[] {"a", "b", "c"}) {
            throttle.budgetFor(client).tryTake();
        }
        int taken = 0;
        for (int i = 0; i < 100; i++) {
            if (throttle.budgetFor("flood-" + i).tryTake()) {
                taken++;
            }
        }
        assertEquals(5, taken, "a hundred new addresses get one burst between them");
        assertEquals(3, throttle.clients());
    }

    @Test
    void refilledBucketsMakeRoomForNewClients() {
        for (String client : new String[] {"a", "b", "c"}) {
            throttle.budgetFor(client).tryTake();
        }
        nanos.addAndGet(Duration.ofSeconds(10).toNanos());
        assertTrue(throttle.budgetFor("d").tryTake());
        assertTrue(throttle.clients() <= 3);
    }

    @Test
    void theUnlimitedBudgetNeverRefuses() {
        for (int i = 0; i < 1000; i++) {
            assertTrue(UnknownKeyThrottle.UNLIMITED.tryTake());
        }
        assertFalse(UnknownKeyThrottle.UNLIMITED.refused());
    }
}
