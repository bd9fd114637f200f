package com.restaurantos.engineio;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-address token bucket: exact at its burst and rate, and its memory bounded however many addresses come. */
class HandshakeRateLimiterTest {
    private final AtomicLong now = new AtomicLong(123_456_789L);

    private void advanceMillis(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Test
    void admitsTheBurstAtOnceThenOneHandshakePerIntervalPerAddress() {
        HandshakeRateLimiter limiter = new HandshakeRateLimiter(200, 5, now::get);

        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire("10.0.0.1")).as("handshake %d of the burst", i + 1).isTrue();
        }
        assertThat(limiter.tryAcquire("10.0.0.1")).isFalse();
        assertThat(limiter.tryAcquire("10.0.0.2")).as("another address").isTrue();
        advanceMillis(4);
        assertThat(limiter.tryAcquire("10.0.0.1")).as("4 ms later: the 5 ms token is not there yet").isFalse();
        advanceMillis(1);
        assertThat(limiter.tryAcquire("10.0.0.1")).isTrue();
        assertThat(limiter.tryAcquire("10.0.0.1")).isFalse();
    }

    @Test
    void forgetsAnAddressOnceItsBucketIsFullAgain() {
        HandshakeRateLimiter limiter = new HandshakeRateLimiter(200, 400, now::get);
        for (int i = 0; i < 5_000; i++) {
            assertThat(limiter.tryAcquire("old-" + i)).isTrue();
        }
        assertThat(limiter.trackedAddresses()).isEqualTo(5_000);

        // Each old address made one handshake: its bucket is full 5 ms later.
        advanceMillis(1_000);
        for (int i = 0; i < 5_000; i++) {
            assertThat(limiter.tryAcquire("new-" + i)).isTrue();
        }

        assertThat(limiter.trackedAddresses()).as("the old addresses swept out").isEqualTo(5_000);
    }

    @Test
    void keepsAtMostItsCapOfAddressesAndLetsTheRestThroughUnchecked() {
        HandshakeRateLimiter limiter = new HandshakeRateLimiter(1, 1, now::get);
        int many = HandshakeRateLimiter.MAX_ADDRESSES + 10_000;

        for (int i = 0; i < many; i++) {
            assertThat(limiter.tryAcquire("a-" + i)).isTrue();
        }

        assertThat(limiter.trackedAddresses()).isEqualTo(HandshakeRateLimiter.MAX_ADDRESSES);
        assertThat(limiter.tryAcquire("a-0")).as("a tracked address is still limited").isFalse();
        advanceMillis(1_000);
        assertThat(limiter.tryAcquire("latecomer")).isTrue();
        assertThat(limiter.trackedAddresses()).as("swept once the buckets refilled").isEqualTo(1);
    }
}
