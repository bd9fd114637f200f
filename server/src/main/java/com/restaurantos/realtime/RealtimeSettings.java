package com.restaurantos.realtime;

import java.time.Duration;

/**
 * Settings of the real-time layer.
 *
 * @param rateLimitPerSecond  events of one name a socket may send per second
 * @param batchInterval       how often batched sockets get {@code orders:batch_update}
 * @param overdueWarning      an order still active this long after creation raises a warning alert
 * @param overdueUrgent       ... and this long after creation, an urgent one
 * @param overdueCheckEvery   how often waiting orders are checked
 */
public record RealtimeSettings(int rateLimitPerSecond, Duration batchInterval, Duration overdueWarning,
                               Duration overdueUrgent, Duration overdueCheckEvery) {
    public RealtimeSettings {
        if (rateLimitPerSecond < 1) {
            throw new IllegalArgumentException("RATE_LIMIT_PER_SECOND must be at least 1");
        }
        if (overdueUrgent.compareTo(overdueWarning) < 0) {
            throw new IllegalArgumentException("the urgent threshold must not come before the warning one");
        }
    }

    public static RealtimeSettings defaults() {
        return new RealtimeSettings(10, Duration.ofMillis(100), Duration.ofMinutes(15), Duration.ofMinutes(20),
                Duration.ofSeconds(30));
    }
}
