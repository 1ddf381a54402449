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

    @Test
    void keysPastTheCapEvictFullBucketsFirstThenTheOldest() {
        RateLimiter limiter = new RateLimiter(1, 4, now::get);
        assertThat(limiter.acquire("busy")).isZero();        // busy's bucket is empty now
        for (int i = 0; i < 3; i++) limiter.acquire("idle-" + i);
        now.addAndGet(500_000_000);                           // idle buckets are still half empty
        assertThat(limiter.acquire("new-1")).isZero();         // full map, no full bucket: the older half goes
        assertThat(limiter.size()).isLessThanOrEqualTo(4);
        now.addAndGet(10_000_000_000L);                       // everything refilled
        for (int i = 0; i < 1000; i++) limiter.acquire("address-" + i);
        assertThat(limiter.size()).isLessThanOrEqualTo(4);
    }

    @Test
    void anEvictedBucketWasFullSoTheKeyLosesNothing() {
        RateLimiter limiter = new RateLimiter(2, 2, now::get);
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isEqualTo(1);
        limiter.acquire("b");
        now.addAndGet(1_000_000_000L);                        // a and b refill to the brim
        limiter.acquire("c");                                 // prunes both full buckets
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).as("a fresh bucket holds one second's worth, no more").isEqualTo(1);
    }
}
