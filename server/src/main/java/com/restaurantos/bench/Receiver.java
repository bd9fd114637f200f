package com.restaurantos.bench;

import io.netty.util.concurrent.FastThreadLocal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the subscribers of the fan-out receive: each {@code order:created} and
 * {@code order:status_changed} is matched to the REST call that caused it, and its latency (from
 * that call's sending to this receipt) is counted for the step the call was sent in. Each event
 * loop keeps its own counts; {@link #total} adds them up once the loops have been passed through.
 */
final class Receiver implements ConnectionListener {
    /** The counts of one event loop. Written by that loop only. */
    static final class LoopCounts {
        final LatencyHistogram[] latency;
        final long[] received;
        volatile long receivedAll;
        long unmatched;
        long otherEvents;

        LoopCounts(int steps) {
            latency = new LatencyHistogram[steps];
            received = new long[steps];
            for (int i = 0; i < steps; i++) {
                latency[i] = new LatencyHistogram();
            }
        }
    }

    private final Stamps stamps;
    private final int steps;
    private final List<LoopCounts> all = new CopyOnWriteArrayList<>();
    private final FastThreadLocal<LoopCounts> local = new FastThreadLocal<>() {
        @Override
        protected LoopCounts initialValue() {
            LoopCounts counts = new LoopCounts(steps);
            all.add(counts);
            return counts;
        }
    };
    private volatile int createdBytes;
    private volatile int statusChangedBytes;

    Receiver(Stamps stamps, int steps) {
        this.stamps = stamps;
        this.steps = steps;
    }

    @Override
    public void event(BenchConnection connection, byte[] message, int offset, int length, long nanos) {
        LoopCounts counts = local.get();
        Stamps.Op op;
        try {
            op = stamps.causeOf(message, offset, length);
        } catch (IllegalArgumentException e) {
            op = null;
        }
        if (op == null) {
            if (Wire.isEvent(message, offset, length, Wire.ORDER_CREATED)
                    || Wire.isEvent(message, offset, length, Wire.STATUS_CHANGED)) {
                counts.unmatched++;
            } else {
                counts.otherEvents++;
            }
            return;
        }
        if (createdBytes == 0 && Wire.isEvent(message, offset, length, Wire.ORDER_CREATED)) {
            createdBytes = length;
        } else if (statusChangedBytes == 0 && Wire.isEvent(message, offset, length, Wire.STATUS_CHANGED)) {
            statusChangedBytes = length;
        }
        counts.latency[op.step()].record((nanos - op.sentNanos()) / 1_000);
        counts.received[op.step()]++;
        counts.receivedAll = counts.receivedAll + 1;
    }

    /** Deliveries matched so far, all steps; may lag a little behind the loops. */
    long receivedSoFar() {
        long sum = 0;
        for (LoopCounts c : all) {
            sum += c.receivedAll;
        }
        return sum;
    }

    /** The counts of all loops added up; call after {@link BenchClient#onEveryLoop} so that they are complete. */
    LoopCounts total() {
        LoopCounts sum = new LoopCounts(steps);
        for (LoopCounts c : all) {
            for (int i = 0; i < steps; i++) {
                sum.latency[i].add(c.latency[i]);
                sum.received[i] += c.received[i];
            }
            sum.unmatched += c.unmatched;
            sum.otherEvents += c.otherEvents;
            sum.receivedAll += c.receivedAll;
        }
        return sum;
    }

    int createdBytes() {
        return createdBytes;
    }

    int statusChangedBytes() {
        return statusChangedBytes;
    }

    @Override
    public void ready(BenchConnection connection, long nanos) {
    }

    @Override
    public void failed(BenchConnection connection, String reason) {
    }

    @Override
    public void closed(BenchConnection connection, String reason) {
    }
}
