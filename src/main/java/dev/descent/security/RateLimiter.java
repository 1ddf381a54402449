package dev.descent.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One token bucket per key (a client, or a remote address), in memory on each node: {@code rate}
 * tokens a second up to a burst of {@code rate} (at least 1); a request takes one token. A refused
 * request learns how long until the next token. At most {@code maxKeys} buckets are kept: past
 * that, buckets that have refilled to the brim are dropped (a new bucket starts full, so nothing is
 * lost), and if none has, the oldest are dropped, so a flood from ever new addresses cannot fill
 * the heap.
 */
final class RateLimiter {
    private final double rate;
    private final double capacity;
    private final int maxKeys;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(double requestsPerSecond, LongSupplier nanoTime) {
        this(requestsPerSecond, Integer.MAX_VALUE, nanoTime);
    }

    RateLimiter(double requestsPerSecond, int maxKeys, LongSupplier nanoTime) {
        this.rate = requestsPerSecond;
        this.capacity = Math.max(1, requestsPerSecond);
        this.maxKeys = maxKeys;
        this.nanoTime = nanoTime;
    }

    /** 0 when the request may go ahead; else the seconds (at least 1) until it may be retried. */
    long acquire(String key) {
        if (buckets.size() >= maxKeys && !buckets.containsKey(key)) prune();
        return buckets.computeIfAbsent(key, c -> new Bucket(capacity, nanoTime.getAsLong())).take();
    }

    /** Buckets kept now. */
    int size() {
        return buckets.size();
    }

    private synchronized void prune() {
        if (buckets.size() < maxKeys) return;
        long now = nanoTime.getAsLong();
        buckets.values().removeIf(b -> b.full(now));
        if (buckets.size() < maxKeys) return;
        // Every bucket is in use: drop the half that was refilled longest ago.
        long[] times = buckets.values().stream().mapToLong(b -> b.refilledAt).sorted().toArray();
        long cut = times[times.length / 2];
        buckets.values().removeIf(b -> b.refilledAt <= cut);
    }

    private final class Bucket {
        private double tokens;
        private volatile long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }

        synchronized long take() {
            long now = nanoTime.getAsLong();
            tokens = Math.min(capacity, tokens + (now - refilledAt) * 1e-9 * rate);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / rate));
        }

        synchronized boolean full(long now) {
            return tokens + (now - refilledAt) * 1e-9 * rate >= capacity;
        }
    }
}
