package dev.descent.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    final AtomicLong now = new AtomicLong();

    @Test
    void aBurstOfOneSecondsWorthPassesThenTheNextWaitsForATokenPerClient() {
        RateLimiter limiter = new RateLimiter(5, now::get);
        for (int i = 0; i < 5; i++) assertThat(limiter.acquire("alice")).isZero();
        assertThat(limiter.acquire("alice")).isEqualTo(1);
        assertThat(limiter.acquire("bob")).as("another client has its own bucket").isZero();
        now.addAndGet(200_000_000); // 0.2 s at 5 a second: one token
        assertThat(limiter.acquire("alice")).isZero();
        assertThat(limiter.acquire("alice")).isEqualTo(1);
    }

    @Test
    void retryAfterCoversTheWaitAtASlowRate() {
        RateLimiter limiter = new RateLimiter(0.25, now::get);
        assertThat(limiter.acquire("alice")).isZero();
        assertThat(limiter.acquire("alice")).isEqualTo(4);
        now.addAndGet(4_000_000_000L);
        assertThat(limiter.acquire("alice")).isZero();
    }
}
