package com.restaurantos.bench;

import java.util.Locale;

/**
 * The figures of one interval of the soak, printed as one row of a table and as one JSON line. The
 * latency columns are those of events sent one by one; batched ones are in the JSON line only.
 *
 * @param label         the elapsed time at its end ({@code 12:30}), or {@code drain} for the wait after the traffic
 * @param elapsedS      seconds since the traffic started, at its end
 * @param seconds       its length
 * @param clients       connections ready at its end
 * @param rssBytes      the server's resident memory at its end, -1 when unknown
 * @param heapBytes     the server's heap in use at its end (garbage included), -1 when unknown
 * @param serverCpuPct  the server's CPU, in % of one core; NaN when unknown
 * @param busyPct       how busy the machine's cores were, in % of all
 * @param restOk        REST calls sent in it that succeeded
 * @param received      what the clients received in it
 * @param errors        what went wrong in it
 */
record SoakInterval(String label, double elapsedS, double seconds, long clients, long rssBytes, long heapBytes,
                    double serverCpuPct, double busyPct, long restOk, SoakTally received, SoakErrors errors) {

    static final String HEADER = String.format(Locale.ROOT, "%8s %7s %8s %8s %7s %8s %8s %8s %8s %8s %7s %8s  %s",
            "elapsed", "clients", "rss_mb", "heap_mb", "srv_cpu", "events/s", "p50_ms", "p95_ms", "p99_ms", "max_ms",
            "rest_ok", "reconn", "errors");

    /** Order events delivered per second (each entry of a batch counts). */
    double eventsPerSecond() {
        return seconds <= 0 ? 0 : received.delivered / seconds;
    }

    long reconnections() {
        return received.recovered + received.notRecovered + received.synced;
    }

    /** One row under {@link #HEADER}: the errors by kind at its end, or {@code -}. */
    String row() {
        LatencyHistogram l = received.latency;
        return String.format(Locale.ROOT, "%8s %7d %8s %8s %7s %8.0f %8.1f %8.1f %8.1f %8.1f %7d %8d  %s",
                label, clients, megabytes(rssBytes), megabytes(heapBytes),
                Double.isNaN(serverCpuPct) ? "-" : String.format(Locale.ROOT, "%.0f%%", serverCpuPct),
                eventsPerSecond(), l.percentile(50) / 1000.0, l.percentile(95) / 1000.0, l.percentile(99) / 1000.0,
                l.max() / 1000.0, restOk, reconnections(), errors.nonZero());
    }

    /** The same figures and a few more, as one JSON line. */
    String json() {
        LatencyHistogram l = received.latency;
        return new Result("soak_interval")
                .put("label", label)
                .put("elapsed_s", elapsedS)
                .put("seconds", seconds)
                .put("clients", clients)
                .put("server_rss_mb", rssBytes < 0 ? null : rssBytes / 1048576.0)
                .put("server_heap_mb", heapBytes < 0 ? null : heapBytes / 1048576.0)
                .put("server_cpu_pct", serverCpuPct)
                .put("machine_busy_pct", busyPct)
                .put("messages_s", seconds <= 0 ? 0.0 : received.messages / seconds)
                .put("events_s", eventsPerSecond())
                .put("delivered", received.delivered)
                .put("replayed", received.replayed)
                .put("p50_ms", l.percentile(50) / 1000.0)
                .put("p95_ms", l.percentile(95) / 1000.0)
                .put("p99_ms", l.percentile(99) / 1000.0)
                .put("max_ms", l.max() / 1000.0)
                .put("batched_p50_ms", received.batchedLatency.percentile(50) / 1000.0)
                .put("batched_p99_ms", received.batchedLatency.percentile(99) / 1000.0)
                .put("batched_max_ms", received.batchedLatency.max() / 1000.0)
                .put("rest_ok", restOk)
                .put("recovered", received.recovered)
                .put("synced", received.synced)
                .put("errors", errors.byKind())
                .json();
    }

    /** {@code 12:30} for 750 s. */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static String megabytes(long bytes) {
        return bytes < 0 ? "-" : String.format(Locale.ROOT, "%.1f", bytes / 1048576.0);
    }
}
