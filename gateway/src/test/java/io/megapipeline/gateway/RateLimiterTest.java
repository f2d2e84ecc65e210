package io.megapipeline.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The token buckets on a clock the test moves. */
class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong clock = new AtomicLong();

    @Test
    void aClientGetsItsBurstThenItsRate() {
        RateLimiter limiter = new RateLimiter(10, 20, 100, clock::get);

        for (int i = 0; i < 20; i++) {
            assertEquals(0, limiter.acquire("a"), "request " + (i + 1) + " of the burst");
        }
        assertEquals(SECOND / 10, limiter.acquire("a"), "the wait for the next token");

        clock.addAndGet(SECOND / 10);
        assertEquals(0, limiter.acquire("a"));
        assertTrue(limiter.acquire("a") > 0);
        assertEquals(0, limiter.acquire("b"), "another client is not affected");
    }

    @Test
    void idleClientsAreForgottenAndTheTableStaysBounded() {
        RateLimiter limiter = new RateLimiter(1, 2, 3, clock::get);

        for (String client : new String[] { "a", "b", "c" }) {
            limiter.acquire(client);
        }
        assertEquals(0, limiter.acquire("d"), "a full table is no reason to refuse a new client...");
        assertEquals(0, limiter.acquire("e"));
        assertTrue(limiter.acquire("f") > 0, "...but while every known client is active, new ones share one bucket");
        assertEquals(3 + 1, limiter.clients(), "three clients and the shared bucket");

        clock.addAndGet(2 * SECOND); // every bucket refills: nobody needs remembering
        assertEquals(0, limiter.acquire("g"));
        assertEquals(1, limiter.clients());
    }
}
