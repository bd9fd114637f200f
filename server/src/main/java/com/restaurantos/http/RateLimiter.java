package com.restaurantos.http;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * At most {@code perSecond} requests per key in each one-second window. Memory stays bounded: the counters
 * are dropped with each window, and past {@link #MAX_KEYS} keys in one window new keys are not counted.
 */
final class RateLimiter {
    static final int MAX_KEYS = 100_000;

    private final int perSecond;
    private final LongSupplier nanoTime;
    private volatile Window window;

    private record Window(long second, ConcurrentHashMap<String, AtomicInteger> counts) {
    }

    RateLimiter(int perSecond, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.nanoTime = nanoTime;
        this.window = new Window(second(), new ConcurrentHashMap<>());
    }

    private long second() {
        return nanoTime.getAsLong() / 1_000_000_000L;
    }

    /** Whether one more request of this key is allowed now (and counts it). */
    boolean tryAcquire(String key) {
        if (perSecond <= 0) {
            return true;
        }
        long now = second();
        Window current = window;
        if (current.second != now) {
            synchronized (this) {
                current = window;
                if (current.second != now) {
                    current = new Window(now, new ConcurrentHashMap<>());
                    window = current;
                }
            }
        }
        AtomicInteger count = current.counts.get(key);
        if (count == null) {
            if (current.counts.size() >= MAX_KEYS) {
                return true;
            }
            count = current.counts.computeIfAbsent(key, k -> new AtomicInteger());
        }
        return count.incrementAndGet() <= perSecond;
    }
}
