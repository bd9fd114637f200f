package com.restaurantos.simulation;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Plays a {@link Service} in real time, sped up by a factor: each step is taken when its service time comes, until
 * the service has lasted as long as asked or {@link #stop} is called. One thread takes every step, so the steps of
 * an order reach the server in order; when the server answers too slowly for the pace, the steps are taken late
 * and the progress line says by how much. A service of a given length is played whole: every step due before its
 * end is taken, however late.
 */
public final class Simulation {
    private static final long LONGEST_NAP_NANOS = Duration.ofMillis(200).toNanos();

    private final Service service;
    private final Tally tally;
    private final Progress progress;
    private final double speed;
    private final Duration length;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopped;

    /**
     * @param speed  service time per real time: 60 plays an hour of service in a minute
     * @param length nullable: how long the service lasts, in service time; null: until {@link #stop}
     */
    public Simulation(Service service, Tally tally, Progress progress, double speed, Duration length) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("the speed must be a number more than 0");
        }
        this.service = service;
        this.tally = tally;
        this.progress = progress;
        this.speed = speed;
        this.length = length;
    }

    /**
     * Opens the service, plays it to its end, and closes it; the last progress line is written before it returns.
     */
    public Tally.Counts run() {
        long start = System.nanoTime();
        try {
            service.open();
            Duration now = Duration.ZERO;
            Duration behind = Duration.ZERO;
            while (!stopped) {
                now = serviceTimeSince(start);
                Optional<Duration> next = service.nextStep().filter(this::beforeTheEnd);
                if (next.isPresent() && next.get().compareTo(now) <= 0) {
                    behind = now.minus(next.get());
                    service.takeNextStep();
                } else {
                    behind = Duration.ZERO;
                    if (length != null && now.compareTo(length) >= 0) {
                        now = length;
                        break;
                    }
                    Duration until = next.orElse(length != null ? length : now.plusDays(1));
                    nap(Math.min(LONGEST_NAP_NANOS, realTime(until.minus(now)).toNanos()));
                }
                progress.show(elapsed(now), realTime(behind), tally);
            }
            service.close();
            progress.finish(elapsed(now), tally);
            return tally.counts();
        } finally {
            finished.countDown();
        }
    }

    /** Ends the service after the step under way (from another thread, e.g. on Ctrl-C). */
    public void stop() {
        stopped = true;
    }

    /** Waits for {@link #run} to have written its last line. */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The service time shown: a service late on its steps is not over before its end. */
    private Duration elapsed(Duration now) {
        return length != null && now.compareTo(length) > 0 ? length : now;
    }

    private boolean beforeTheEnd(Duration at) {
        return length == null || at.compareTo(length) < 0;
    }

    private Duration realTime(Duration serviceTime) {
        return Duration.ofNanos((long) (serviceTime.toNanos() / speed));
    }

    private Duration serviceTimeSince(long start) {
        return Duration.ofNanos((long) ((System.nanoTime() - start) * speed));
    }

    private void nap(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(Math.max(nanos, 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }
}
