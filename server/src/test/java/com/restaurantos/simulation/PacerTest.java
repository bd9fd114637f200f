package com.restaurantos.simulation;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class PacerTest {

    @Test
    void keepsEachRouteWithinItsRequestsPerSecond() throws InterruptedException {
        Pacer pacer = new Pacer(3, System::nanoTime);
        long start = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            pacer.await("PATCH /status");
            pacer.await("POST /orders");
        }
        long burst = System.nanoTime() - start;
        pacer.await("PATCH /status");
        long fourth = System.nanoTime() - start;

        assertThat(TimeUnit.NANOSECONDS.toMillis(burst)).as("three of each at once").isLessThan(500);
        assertThat(TimeUnit.NANOSECONDS.toMillis(fourth)).as("the fourth a second after the first")
                .isGreaterThanOrEqualTo(990);
    }

    @Test
    void zeroIsNoLimit() throws InterruptedException {
        AtomicLong now = new AtomicLong();
        Pacer pacer = new Pacer(0, now::get);
        for (int i = 0; i < 10_000; i++) {
            pacer.await("POST /orders");
        }
    }
}
