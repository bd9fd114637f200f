package com.restaurantos.bench;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * When each REST call of the fan-out was sent, so that a socket receiving the event it caused can
 * tell its end-to-end latency. An {@code order:created} is recognised by the sequence number the
 * generator wrote into the order's {@code notes} ({@code "bench:<seq>"}); an
 * {@code order:status_changed} by its {@code orderId} and {@code status}.
 */
final class Stamps {
    static final String NOTES_PREFIX = "bench:";
    /** The statuses an order of the generator goes through, in order; index 0 is the creation. */
    static final String[] LIFECYCLE = {"new", "confirmed", "preparing", "ready", "completed"};
    private static final byte[][] LIFECYCLE_BYTES = new byte[LIFECYCLE.length][];
    private static final int RING = 1 << 18;

    static {
        for (int i = 0; i < LIFECYCLE.length; i++) {
            LIFECYCLE_BYTES[i] = Wire.ascii(LIFECYCLE[i] + "\"");
        }
    }

    /** One REST call: its sequence number (creations only), when it was sent, and in which step. */
    record Op(long seq, long sentNanos, int step) {
    }

    private final AtomicReferenceArray<Op> created = new AtomicReferenceArray<>(RING);
    private final ConcurrentHashMap<UUID, AtomicReferenceArray<Op>> changes = new ConcurrentHashMap<>();

    void created(Op op) {
        created.set((int) (op.seq() & (RING - 1)), op);
    }

    /** The creation with this sequence number, or null (unknown, or overwritten long ago). */
    Op created(long seq) {
        Op op = created.get((int) (seq & (RING - 1)));
        return op != null && op.seq() == seq ? op : null;
    }

    void statusChange(UUID order, int lifecycleIndex, Op op) {
        changes.computeIfAbsent(order, k -> new AtomicReferenceArray<>(LIFECYCLE.length)).set(lifecycleIndex, op);
    }

    Op statusChange(UUID order, int lifecycleIndex) {
        AtomicReferenceArray<Op> ops = changes.get(order);
        return ops == null || lifecycleIndex < 0 ? null : ops.get(lifecycleIndex);
    }

    /** Index in {@link #LIFECYCLE} of the status name at {@code at} (followed by its closing quote), or -1. */
    static int lifecycleIndex(byte[] m, int at, int end) {
        outer:
        for (int i = 0; i < LIFECYCLE_BYTES.length; i++) {
            byte[] name = LIFECYCLE_BYTES[i];
            if (at + name.length > end) {
                continue;
            }
            for (int j = 0; j < name.length; j++) {
                if (m[at + j] != name[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * The REST call that caused this {@code order:created} or {@code order:status_changed} message, or
     * null for any other message or one this generator did not cause.
     */
    Op causeOf(byte[] m, int off, int len) {
        int end = off + len;
        if (Wire.isEvent(m, off, len, Wire.STATUS_CHANGED)) {
            int id = Wire.after(m, off, len, Wire.ORDER_ID);
            int status = Wire.after(m, off, len, Wire.STATUS);
            if (id < 0 || status < 0) {
                return null;
            }
            UUID order = new UUID(Wire.hex64(m, id, end), Wire.hex64(m, Wire.secondHalf(id), end));
            return statusChange(order, lifecycleIndex(m, status, end));
        }
        if (Wire.isEvent(m, off, len, Wire.ORDER_CREATED)) {
            int stamp = Wire.after(m, off, len, Wire.NOTES_STAMP);
            long seq = stamp < 0 ? -1 : Wire.number(m, stamp, end);
            return seq < 0 ? null : created(seq);
        }
        return null;
    }
}
