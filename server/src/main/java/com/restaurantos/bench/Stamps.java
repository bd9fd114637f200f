package com.restaurantos.bench;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

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

    /**
     * One REST call: its sequence number (creations only), when it was sent, in which step, for which
     * restaurant (its index in the run's list), and its index among that restaurant's calls in the order
     * they were sent — what lets a subscriber tell which of its restaurant's events it missed.
     */
    record Op(long seq, long sentNanos, int step, int restaurant, int index) {
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
        if (Wire.isEvent(m, off, len, Wire.STATUS_CHANGED)) {
            return statusChangeIn(m, off, off + len);
        }
        if (Wire.isEvent(m, off, len, Wire.ORDER_CREATED)) {
            return creationIn(m, off, off + len);
        }
        return null;
    }

    /**
     * Hands each {@code order:created} and {@code order:status_changed} entry of an
     * {@code orders:batch_update} message ({@code 42["orders:batch_update",[{"event":"…","data":{…}},…]]}),
     * in order, to {@code each}: the call that caused it, or null when this generator did not. Other
     * entries are skipped.
     *
     * @return how many such entries there were
     */
    int causesInBatch(byte[] m, int off, int len, Consumer<Op> each) {
        int end = off + len;
        int entries = 0;
        int at = Wire.indexOf(m, off, len, Wire.BATCH_ENTRY);
        while (at >= 0) {
            int name = at + Wire.BATCH_ENTRY.length;
            int next = Wire.indexOf(m, name, end - name, Wire.BATCH_ENTRY);
            int entryEnd = next < 0 ? end : next;
            if (isName(m, name, entryEnd, Wire.STATUS_CHANGED)) {
                entries++;
                each.accept(statusChangeIn(m, name, entryEnd));
            } else if (isName(m, name, entryEnd, Wire.ORDER_CREATED)) {
                entries++;
                each.accept(creationIn(m, name, entryEnd));
            }
            at = next;
        }
        return entries;
    }

    private static boolean isName(byte[] m, int at, int end, byte[] name) {
        if (at + name.length >= end || m[at + name.length] != '"') {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (m[at + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    private Op statusChangeIn(byte[] m, int from, int end) {
        int id = Wire.after(m, from, end - from, Wire.ORDER_ID);
        int status = Wire.after(m, from, end - from, Wire.STATUS);
        if (id < 0 || status < 0) {
            return null;
        }
        UUID order = new UUID(Wire.hex64(m, id, end), Wire.hex64(m, Wire.secondHalf(id), end));
        return statusChange(order, lifecycleIndex(m, status, end));
    }

    private Op creationIn(byte[] m, int from, int end) {
        int stamp = Wire.after(m, from, end - from, Wire.NOTES_STAMP);
        long seq = stamp < 0 ? -1 : Wire.number(m, stamp, end);
        return seq < 0 ? null : created(seq);
    }
}
