package dev.descent.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One token bucket per client, in memory on each node: {@code rate} tokens a second up to a burst
 * of {@code rate} (at least 1); a request takes one token. A refused request learns how long until
 * the next token.
 */
final class RateLimiter {
    private final double rate;
    private final double capacity;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(double requestsPerSecond, LongSupplier nanoTime) {
        this.rate = requestsPerSecond;
        this.capacity = Math.max(1, requestsPerSecond);
        this.nanoTime = nanoTime;
    }

    /** 0 when the request may go ahead; else the seconds (at least 1) until it may be retried. */
    long acquire(String client) {
        return buckets.computeIfAbsent(client, c -> new Bucket(capacity, nanoTime.getAsLong())).take();
    }

    private final class Bucket {
        private double tokens;
        private long refilledAt;

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
    }
}
