package com.restaurantos.bench;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntConsumer;
import java.util.function.IntUnaryOperator;

/**
 * The connections of a scenario: opens them with a bounded number still in their handshake, and
 * counts what happens to them. Events of ready connections go on to an optional {@link ConnectionListener}.
 */
final class Fleet implements ConnectionListener {
    /** How a batch of connections went. */
    record Opened(int attempted, long ready, long failed, double seconds, double perSecond, long setupP50Micros,
                  long setupP99Micros, long setupMaxMicros) {
    }

    private final BenchClient client;
    private final ConnectionListener events;
    private final Set<BenchConnection> live = ConcurrentHashMap.newKeySet();
    private final Set<BenchConnection> closingOnPurpose = ConcurrentHashMap.newKeySet();
    private final AtomicIntegerArray readyByRestaurant;
    private final LongAdder ready = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder closed = new LongAdder();
    private final LongAdder pings = new LongAdder();
    private final LongAdder deflated = new LongAdder();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> closes = new ConcurrentHashMap<>();
    private final LatencyHistogram setup = new LatencyHistogram();
    private final AtomicLong lastReadyNanos = new AtomicLong();
    private volatile Semaphore window;
    private volatile boolean closing;

    Fleet(BenchClient client, ConnectionListener events) {
        this.client = client;
        this.events = events;
        this.readyByRestaurant = new AtomicIntegerArray(client.config().restaurants());
    }

    /**
     * Opens {@code count} connections, connection {@code i} for restaurant {@code restaurantOf(i)}, at most
     * {@code concurrency} of them in their handshake at once, and waits until each is ready or failed.
     */
    Opened open(int count, IntUnaryOperator restaurantOf, int concurrency) throws InterruptedException {
        return openEach(count, i -> client.open(restaurantOf.applyAsInt(i), this), concurrency);
    }

    /**
     * Opens {@code count} connections as {@link #open(int, IntUnaryOperator, int)} does, connection {@code i}
     * by {@code opener.accept(i)}, whose listener must pass at least {@code ready}, {@code failed} and
     * {@code closed} on to this fleet. One batch at a time.
     */
    Opened openEach(int count, IntConsumer opener, int concurrency) throws InterruptedException {
        long readyBefore = ready.sum();
        long failedBefore = failed.sum();
        Semaphore w = new Semaphore(concurrency);
        window = w;
        LatencyHistogram before = snapshotSetup();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            w.acquire();
            opener.accept(i);
        }
        // Everything is ready or failed once every permit is back.
        w.acquire(concurrency);
        w.release(concurrency);
        long readyNow = ready.sum() - readyBefore;
        long failedNow = failed.sum() - failedBefore;
        long end = readyNow > 0 ? Math.max(lastReadyNanos.get(), start) : System.nanoTime();
        double seconds = Math.max(1e-9, (end - start) / 1e9);
        LatencyHistogram batch = snapshotSetup();
        LatencyHistogram delta = subtract(batch, before);
        return new Opened(count, readyNow, failedNow, seconds, readyNow / seconds, delta.percentile(50),
                delta.percentile(99), delta.max());
    }

    private LatencyHistogram snapshotSetup() {
        synchronized (setup) {
            LatencyHistogram copy = new LatencyHistogram();
            copy.add(setup);
            return copy;
        }
    }

    /** The values of {@code after} not yet in {@code before}: recomputed, since buckets only grow. */
    private static LatencyHistogram subtract(LatencyHistogram after, LatencyHistogram before) {
        return before.count() == 0 ? after : after.minus(before);
    }

    int readyIn(int restaurant) {
        return readyByRestaurant.get(restaurant);
    }

    long ready() {
        return ready.sum();
    }

    long failed() {
        return failed.sum();
    }

    /** Ready connections closed since, not by us. */
    long closedUnexpectedly() {
        return closed.sum();
    }

    /** Ready connections whose server accepted the permessage-deflate offer. */
    long deflateNegotiated() {
        return deflated.sum();
    }

    long pings() {
        return pings.sum();
    }

    long live() {
        return live.size();
    }

    Map<String, Long> failureReasons() {
        return counts(failures);
    }

    Map<String, Long> closeReasons() {
        return counts(closes);
    }

    private static Map<String, Long> counts(Map<String, LongAdder> adders) {
        Map<String, Long> out = new TreeMap<>();
        adders.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Closes one connection on purpose: its closing is not counted as unexpected. */
    void close(BenchConnection connection) {
        closingOnPurpose.add(connection);
        connection.close();
    }

    /** Closes every connection and waits up to {@code millis} for them to be gone. */
    void closeAll(long millis) throws InterruptedException {
        closing = true;
        for (BenchConnection c : live) {
            c.close();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!live.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    // ---- ConnectionListener ----------------------------------------------------------------

    @Override
    public void ready(BenchConnection connection, long nanos) {
        long micros = (nanos - connection.startNanos()) / 1_000;
        synchronized (setup) {
            setup.record(micros);
        }
        lastReadyNanos.accumulateAndGet(nanos, Math::max);
        readyByRestaurant.incrementAndGet(connection.restaurant());
        live.add(connection);
        if (connection.deflateNegotiated()) {
            deflated.increment();
        }
        ready.increment();
        release();
    }

    @Override
    public void failed(BenchConnection connection, String reason) {
        failures.computeIfAbsent(reason, k -> new LongAdder()).increment();
        failed.increment();
        release();
    }

    @Override
    public void closed(BenchConnection connection, String reason) {
        live.remove(connection);
        readyByRestaurant.decrementAndGet(connection.restaurant());
        if (!closingOnPurpose.remove(connection) && !closing) {
            closed.increment();
            closes.computeIfAbsent(reason, k -> new LongAdder()).increment();
        }
    }

    @Override
    public void ping(BenchConnection connection) {
        pings.increment();
    }

    @Override
    public void event(BenchConnection connection, byte[] message, int offset, int length, long nanos) {
        if (events != null) {
            events.event(connection, message, offset, length, nanos);
        }
    }

    private void release() {
        Semaphore w = window;
        if (w != null) {
            w.release();
        }
    }
}
