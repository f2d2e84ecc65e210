package io.megapipeline.core.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.megapipeline.core.store.ObjectNotFoundException;
import io.megapipeline.core.store.StoreUnavailableException;
import io.quarkus.test.junit.QuarkusTest;

/** The tries and waits of the retry, on calls that fail as the test says. */
@QuarkusTest
class TransientFaultRetryTest {

    /** 5 tries, waiting 40, 80, 100 and 100 ms between them. */
    private static final StageConfig FIVE_TRIES = new StageConfig() {
        public int maxAttempts() {
            return 5;
        }

        public Duration initialDelay() {
            return Duration.ofMillis(40);
        }

        public Duration maxDelay() {
            return Duration.ofMillis(100);
        }

        public Duration shutdownGrace() {
            return Duration.ZERO;
        }

        public io.quarkus.runtime.configuration.MemorySize maxInputSize() {
            return new io.quarkus.runtime.configuration.MemorySize(java.math.BigInteger.valueOf(16 << 20));
        }

        public Duration exitWhenNotLiveFor() {
            return Duration.ZERO;
        }
    };

    private final TransientFaultRetry retry = new TransientFaultRetry(StoreUnavailableException.class, FIVE_TRIES);
    private final List<Long> tries = new ArrayList<>();

    /** Fails on the first {@code failures} tries with the fault, then answers. */
    private String failing(int failures, RuntimeException fault) {
        tries.add(System.nanoTime());
        if (tries.size() <= failures) {
            throw fault;
        }
        return "answer";
    }

    private long waitBeforeTry(int n) {
        return (tries.get(n - 1) - tries.get(n - 2)) / 1_000_000;
    }

    @Test
    void aTransientFaultIsTriedAgainUntilTheCallSucceeds() {
        assertEquals("answer", retry.call("read", () -> failing(2, unavailable())));
        assertEquals(3, tries.size());
    }

    @Test
    void theWaitsDoubleUpToTheMaxDelayAndTheLastFaultEndsItWithTheTries() {
        StoreUnavailableException fault = unavailable();

        TransientFaultRetry.ExhaustedException exhausted = assertThrows(TransientFaultRetry.ExhaustedException.class,
                () -> retry.call("read", () -> failing(Integer.MAX_VALUE, fault)));

        assertEquals("the store is down (gave up after 5 tries)", exhausted.getMessage());
        assertSame(fault, exhausted.getCause());
        assertEquals(5, tries.size());
        long[] expected = { 40, 80, 100, 100 };
        for (int n = 2; n <= 5; n++) {
            long waited = waitBeforeTry(n);
            assertTrue(waited >= expected[n - 2], "waited " + waited + " ms before try " + n);
        }
        assertTrue(waitBeforeTry(5) < 320, "capped at the max delay, not doubled on: " + waitBeforeTry(5) + " ms");
    }

    @Test
    void anyOtherFaultIsNotTriedAgain() {
        ObjectNotFoundException missing = new ObjectNotFoundException("key");

        assertSame(missing, assertThrows(ObjectNotFoundException.class, () -> retry.call("read", () -> failing(1, missing))));
        assertEquals(1, tries.size());
    }

    private static StoreUnavailableException unavailable() {
        return new StoreUnavailableException("the store is down", null);
    }
}
