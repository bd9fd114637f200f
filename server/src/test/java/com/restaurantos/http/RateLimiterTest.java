package com.restaurantos.http;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {
    private final AtomicLong now = new AtomicLong(5_000_000_000L);

    @Test
    void allowsTheLimitPerKeyPerSecondAndRecoversInTheNextSecond() {
        RateLimiter limiter = new RateLimiter(3, now::get);

        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isFalse();
        assertThat(limiter.tryAcquire("b")).isTrue();
        now.addAndGet(1_000_000_000L);
        assertThat(limiter.tryAcquire("a")).isTrue();
    }

    @Test
    void neverLimitsWhenTurnedOff() {
        RateLimiter limiter = new RateLimiter(0, now::get);

        for (int i = 0; i < 1000; i++) {
            assertThat(limiter.tryAcquire("a")).isTrue();
        }
    }

    @Test
    void stopsCountingNewKeysPastItsBoundInsteadOfGrowing() {
        RateLimiter limiter = new RateLimiter(1, now::get);
        for (int i = 0; i < RateLimiter.MAX_KEYS; i++) {
            limiter.tryAcquire("key-" + i);
        }

        assertThat(limiter.tryAcquire("one-more")).isTrue();
        assertThat(limiter.tryAcquire("one-more")).as("not counted, so not limited").isTrue();
        assertThat(limiter.tryAcquire("key-0")).as("known keys still limited").isFalse();
    }
}
