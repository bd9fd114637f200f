package com.restaurantos.simulation;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The progress line of a simulation: on a terminal one line rewritten in place, otherwise (a log, a pipe) one line
 * per interval. The first failure of each kind is told on the error stream as it happens; the later ones are
 * counted in the line, and listed by kind at the end.
 */
public final class Progress {
    private static final long TERMINAL_EVERY_NANOS = Duration.ofMillis(250).toNanos();
    private static final Duration NOTICEABLE = Duration.ofSeconds(1);

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean terminal;
    private final long everyNanos;
    private final double speed;
    private Duration mostBehind = Duration.ZERO;
    private long lastShown;
    private boolean shownOnce;
    private boolean lineOpen;

    /**
     * @param terminal whether {@code out} is a terminal: the line is rewritten in place (with {@code \r})
     * @param every    how often a line is written when {@code out} is not a terminal
     * @param speed    the time factor of the simulation, shown next to the elapsed time when it is not 1
     */
    public Progress(PrintWriter out, PrintWriter err, boolean terminal, Duration every, double speed) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.everyNanos = terminal ? TERMINAL_EVERY_NANOS : every.toNanos();
        this.speed = speed;
    }

    /**
     * Tells new kinds of failure, and writes the line if it is time.
     *
     * @param behind how late, in real time, the step under way is taken
     */
    void show(Duration elapsed, Duration behind, Tally tally) {
        tellFailures(tally);
        if (behind.compareTo(mostBehind) > 0) {
            mostBehind = behind;
        }
        long now = System.nanoTime();
        if (shownOnce && now - lastShown < everyNanos) {
            return;
        }
        shownOnce = true;
        lastShown = now;
        String line = line(elapsed, speed, tally.counts());
        write(behind.compareTo(NOTICEABLE) < 0 ? line : line + "  behind " + behind.toSeconds() + "s", false);
    }

    /** The last line, and how many requests failed by kind. */
    void finish(Duration elapsed, Tally tally) {
        tellFailures(tally);
        write(line(elapsed, speed, tally.counts()), true);
        Map<String, Integer> failures = tally.failures();
        if (!failures.isEmpty()) {
            err.println("HTTP errors by kind:");
            failures.forEach((kind, count) -> err.println("  " + kind + ": " + count));
            err.flush();
        }
        if (mostBehind.compareTo(NOTICEABLE) >= 0) {
            err.println("The service ran up to " + mostBehind.toSeconds() + " s behind its pace: the requests, one at"
                    + " a time, took longer than this --speed and --orders-per-minute allow.");
            err.flush();
        }
    }

    /**
     * {@code elapsed 0:12:30 (x60)  orders 123  active 20  completed 90  cancelled 5  alerts 7  HTTP errors 0}:
     * service time (with the speed when it is not 1), orders created, of them active, completed and cancelled,
     * alerts raised, requests failed.
     */
    static String line(Duration elapsed, double speed, Tally.Counts counts) {
        long seconds = elapsed.toSeconds();
        String time = String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
        if (speed != 1) {
            time += " (x" + (speed == Math.rint(speed) ? Long.toString((long) speed) : Double.toString(speed)) + ")";
        }
        return "elapsed " + time + "  orders " + counts.created() + "  active " + counts.active()
                + "  completed " + counts.completed() + "  cancelled " + counts.cancelled()
                + "  alerts " + counts.alerts() + "  HTTP errors " + counts.failed();
    }

    private void tellFailures(Tally tally) {
        for (RequestFailed failure : tally.takeNewKindsOfFailure()) {
            if (lineOpen) {
                out.print("\r\033[K");
                out.flush();
                lineOpen = false;
            }
            err.println("HTTP error: " + failure + " (the next ones of this kind are only counted)");
            err.flush();
        }
    }

    private void write(String line, boolean last) {
        if (terminal) {
            out.print("\r" + line + "\033[K" + (last ? System.lineSeparator() : ""));
            lineOpen = !last;
        } else {
            out.println(line);
        }
        out.flush();
    }
}
