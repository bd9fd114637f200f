package com.restaurantos.engineio;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The sessions the server holds, counted against its {@link EngineOptions.Limits}: a handshake takes a slot before
 * its session exists, and the slot is given back exactly once, when the session is forgotten or never came to be.
 * Safe from any thread: handshakes arrive on every event loop at once.
 */
final class ConnectionSlots {
    private final EngineOptions.Limits limits;
    private final HandshakeRateLimiter rate;
    private final AtomicInteger total = new AtomicInteger();
    // Only kept when there is a per-address limit; an address leaves it with its last session.
    private final Map<String, Integer> byAddress = new ConcurrentHashMap<>();
    private final Map<HandshakeRefusal, LongAdder> refused = new EnumMap<>(HandshakeRefusal.class);

    ConnectionSlots(EngineOptions.Limits limits, LongSupplier nanoTime) {
        this.limits = limits;
        this.rate = limits.handshakesPerSecond() == 0 ? null
                : new HandshakeRateLimiter(limits.handshakesPerSecond(), limits.handshakeBurst(), nanoTime);
        for (HandshakeRefusal reason : HandshakeRefusal.values()) {
            refused.put(reason, new LongAdder());
        }
    }

    /** Takes a slot for a handshake from this address; null if taken, else why not (nothing is taken then). */
    HandshakeRefusal tryAcquire(String address) {
        HandshakeRefusal refusal = admit(address);
        if (refusal != null) {
            refused.get(refusal).increment();
        }
        return refusal;
    }

    private HandshakeRefusal admit(String address) {
        if (rate != null && !rate.tryAcquire(address)) {
            return HandshakeRefusal.HANDSHAKE_RATE;
        }
        if (!acquireForAddress(address)) {
            return HandshakeRefusal.MAX_CONNECTIONS_PER_ADDRESS;
        }
        if (!acquireTotal()) {
            releaseForAddress(address);
            return HandshakeRefusal.MAX_CONNECTIONS;
        }
        return null;
    }

    /** Gives back the slot of a session of this address. */
    void release(String address) {
        total.decrementAndGet();
        releaseForAddress(address);
    }

    private boolean acquireTotal() {
        int max = limits.maxConnections();
        if (max == 0) {
            total.incrementAndGet();
            return true;
        }
        while (true) {
            int n = total.get();
            if (n >= max) {
                return false;
            }
            if (total.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    private boolean acquireForAddress(String address) {
        int max = limits.maxConnectionsPerAddress();
        if (max == 0) {
            return true;
        }
        boolean[] taken = {false};
        byAddress.compute(address, (a, n) -> {
            int count = n == null ? 0 : n;
            if (count >= max) {
                return n;
            }
            taken[0] = true;
            return count + 1;
        });
        return taken[0];
    }

    private void releaseForAddress(String address) {
        if (limits.maxConnectionsPerAddress() > 0) {
            byAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
        }
    }

    int connections() {
        return total.get();
    }

    /** Sessions of this address, when there is a per-address limit (else 0). */
    int connections(String address) {
        return byAddress.getOrDefault(address, 0);
    }

    /** Addresses with a session, when there is a per-address limit; for tests. */
    int addresses() {
        return byAddress.size();
    }

    /** Addresses the handshake rate limiter remembers; for tests. */
    int rateTrackedAddresses() {
        return rate == null ? 0 : rate.trackedAddresses();
    }

    long refused(HandshakeRefusal reason) {
        return refused.get(reason).sum();
    }
}
