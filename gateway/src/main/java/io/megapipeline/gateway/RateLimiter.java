package io.megapipeline.gateway;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets, one per client: a bucket holds up to {@code burst} tokens, gains {@code perSecond}
 * tokens a second, and each request takes one. A bucket that has filled up again is the same as a new
 * one, so it is forgotten when the table is full; if every remembered client is still active, new
 * clients share one more bucket. Memory stays bounded: {@code maxClients} buckets and that shared one.
 */
final class RateLimiter {

    private static final String EVERYONE_ELSE = "";

    private final double perSecond;
    private final double burst;
    private final int maxClients;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(double perSecond, int burst, int maxClients, LongSupplier nanoClock) {
        if (perSecond <= 0 || burst < 1 || maxClients < 1) {
            throw new IllegalArgumentException("the rate, the burst and the client count must be positive");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.maxClients = maxClients;
        this.nanoClock = nanoClock;
    }

    /** Takes a token for the client: 0 if it may go on, otherwise the nanoseconds until it may. */
    long acquire(String client) {
        long now = nanoClock.getAsLong();
        String key = client;
        if (buckets.size() >= maxClients && !buckets.containsKey(key)) {
            buckets.values().removeIf(bucket -> bucket.isFull(now));
            if (buckets.size() >= maxClients) {
                key = EVERYONE_ELSE;
            }
        }
        return buckets.computeIfAbsent(key, k -> new Bucket(now)).take(now);
    }

    /** Clients remembered now. */
    int clients() {
        return buckets.size();
    }

    private final class Bucket {

        private double tokens = burst;
        private long updated;

        Bucket(long now) {
            this.updated = now;
        }

        synchronized long take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perSecond * 1e9);
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(long now) {
            tokens = Math.min(burst, tokens + (now - updated) / 1e9 * perSecond);
            updated = now;
        }
    }
}
