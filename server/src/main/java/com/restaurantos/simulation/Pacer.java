package com.restaurantos.simulation;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * At most so many requests per route in any one second: a simulation catching up after a slow moment does not
 * burst past the server's {@code REST_RATE_LIMIT_PER_SECOND} (per route, in one-second windows). Waits when it
 * would.
 */
final class Pacer {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final int perSecond;
    private final LongSupplier nanoTime;
    private final Map<String, Deque<Long>> sent = new HashMap<>();

    /** @param perSecond 0: no limit */
    Pacer(int perSecond, LongSupplier nanoTime) {
        if (perSecond < 0) {
            throw new IllegalArgumentException("requests per second must not be negative");
        }
        this.perSecond = perSecond;
        this.nanoTime = nanoTime;
    }

    /** Returns when one more request of the route keeps it within the limit, and counts it as sent then. */
    synchronized void await(String route) throws InterruptedException {
        if (perSecond == 0) {
            return;
        }
        Deque<Long> times = sent.computeIfAbsent(route, r -> new ArrayDeque<>());
        long now = nanoTime.getAsLong();
        while (times.size() >= perSecond) {
            long wait = times.peekFirst() + SECOND - now;
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
                now = nanoTime.getAsLong();
            } else {
                times.removeFirst();
            }
        }
        times.addLast(now);
    }
}
