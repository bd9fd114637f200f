package com.restaurantos.engineio;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Handshakes per client address: a token bucket of {@code burst} tokens refilled at {@code perSecond}, kept as
 * the generic cell rate algorithm does, one number per address (when its bucket will be full again).
 *
 * <p>Memory stays bounded however many addresses come: an address whose bucket is full again is the same as an
 * address never seen, so it is dropped, in sweeps whose cost is spread over the handshakes that grow the table.
 * Entries live at most {@code burst / perSecond} seconds after their last handshake, so the table holds at most
 * the addresses of that many seconds of handshakes; {@link #MAX_ADDRESSES} caps it even so. Once full of
 * addresses that are all still refilling, new addresses pass unchecked: many addresses at once is a
 * distributed flood, which a per-address limit cannot stop anyway (the connection limit does).
 */
final class HandshakeRateLimiter {
    static final int MAX_ADDRESSES = 100_000;
    private static final int FIRST_SWEEP_AT = 1_024;
    private static final long SWEEP_PAUSE_NANOS = 1_000_000_000L;

    private final long intervalNanos;
    private final long burstNanos;
    private final LongSupplier nanoTime;
    // Per address: the time at which its bucket is full again (GCRA's "theoretical arrival time").
    private final Map<String, Long> fullAt = new HashMap<>();
    private int sweepAt = FIRST_SWEEP_AT;
    private long noSweepBefore;

    /**
     * @param perSecond handshakes per second per address, refilled continuously; positive
     * @param burst     handshakes an address may make at once; positive
     * @param nanoTime  a monotonic clock in nanoseconds ({@code System::nanoTime} but in tests)
     */
    HandshakeRateLimiter(int perSecond, int burst, LongSupplier nanoTime) {
        if (perSecond <= 0 || burst <= 0) {
            throw new IllegalArgumentException("rate and burst must be positive");
        }
        this.intervalNanos = 1_000_000_000L / perSecond;
        this.burstNanos = intervalNanos * burst;
        this.nanoTime = nanoTime;
        this.noSweepBefore = nanoTime.getAsLong();
    }

    /** Takes a token of the address's bucket; false if it is empty (nothing is taken then). */
    synchronized boolean tryAcquire(String address) {
        long now = nanoTime.getAsLong();
        Long full = fullAt.get(address);
        if (full == null && fullAt.size() >= sweepAt && now - noSweepBefore >= 0) {
            sweep(now);
        }
        long base = full == null || full - now < 0 ? now : full;
        if (base + intervalNanos - now > burstNanos) {
            return false;
        }
        if (full != null || fullAt.size() < MAX_ADDRESSES) {
            fullAt.put(address, base + intervalNanos);
        }
        return true;
    }

    /** Addresses tracked now; for tests and metrics. */
    synchronized int trackedAddresses() {
        return fullAt.size();
    }

    private void sweep(long now) {
        for (Iterator<Long> it = fullAt.values().iterator(); it.hasNext(); ) {
            if (it.next() - now <= 0) {
                it.remove();
            }
        }
        // Twice the survivors: a sweep costs its table's size, and that many new addresses pay for it. A table
        // still full after a sweep is not swept again at once, lest every new address pay for a whole sweep.
        sweepAt = Math.min(MAX_ADDRESSES, Math.max(FIRST_SWEEP_AT, fullAt.size() * 2));
        noSweepBefore = now + SWEEP_PAUSE_NANOS;
    }
}
