package com.restaurantos.simulation;

import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * What is going to happen in a service and when, in service time (the time since the doors opened). Happenings
 * due at the same time happen in the order they were planned.
 */
final class Timeline {
    private record Planned(Duration at, long sequence, Runnable happening) {
    }

    private final PriorityQueue<Planned> planned = new PriorityQueue<>(
            Comparator.comparing(Planned::at).thenComparingLong(Planned::sequence));
    private long sequence;
    private Duration now = Duration.ZERO;

    /** The time of the happening under way (or of the last one). */
    Duration now() {
        return now;
    }

    void after(Duration delay, Runnable happening) {
        planned.add(new Planned(now.plus(delay), sequence++, happening));
    }

    /** When the next happening is due; empty when nothing is planned. */
    Optional<Duration> next() {
        return Optional.ofNullable(planned.peek()).map(Planned::at);
    }

    /** Lets the next happening happen; it may plan more. */
    void runNext() {
        Planned next = planned.remove();
        now = next.at();
        next.happening().run();
    }
}
