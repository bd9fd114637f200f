package com.restaurantos.realtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real-time layer's meters: connected sockets, events received by name, errors by code and
 * the delay from a committed change to its broadcast. Event names are the contract's; anything
 * else a client sends is counted as {@code other}, so no client can grow the registry.
 */
final class RealtimeMetrics {
    private static final String OTHER = "other";

    private final AtomicInteger connections = new AtomicInteger();
    private final Map<String, Counter> received = new ConcurrentHashMap<>();
    private final Counter otherReceived;
    private final Map<ErrorCode, Counter> errors = new EnumMap<>(ErrorCode.class);
    private final Timer deliveryLatency;
    private final Set<String> knownEvents;

    RealtimeMetrics(MeterRegistry registry, Set<String> knownEvents) {
        this.knownEvents = Set.copyOf(knownEvents);
        registry.gauge("realtime.connections", connections);
        for (String event : knownEvents) {
            received.put(event, Counter.builder("realtime.events.received").tag("event", event).register(registry));
        }
        otherReceived = Counter.builder("realtime.events.received").tag("event", OTHER).register(registry);
        for (ErrorCode code : ErrorCode.values()) {
            errors.put(code, Counter.builder("realtime.errors").tag("code", code.name()).register(registry));
        }
        deliveryLatency = Timer.builder("realtime.delivery.latency")
                .description("from a committed change to its broadcast")
                .publishPercentileHistogram()
                .register(registry);
    }

    void connected() {
        connections.incrementAndGet();
    }

    void disconnected() {
        connections.decrementAndGet();
    }

    void received(String event) {
        (knownEvents.contains(event) ? received.get(event) : otherReceived).increment();
    }

    void error(ErrorCode code) {
        errors.get(code).increment();
    }

    void delivered(Duration sinceCommit) {
        deliveryLatency.record(sinceCommit.isNegative() ? Duration.ZERO : sinceCommit);
    }
}
