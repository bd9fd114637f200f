package com.restaurantos.bench;

/**
 * The soak's intervals added up: totals, the latency over the whole run, the server's largest
 * resident memory, and its growth from the first interval to the last, the signal of a leak.
 * The {@code drain} after the traffic adds to the totals but not to the memory figures.
 */
final class SoakSummary {
    private final SoakTally received = new SoakTally();
    private SoakErrors errors = SoakErrors.NONE;
    private long restOk;
    private int intervals;
    private long firstRss = -1;
    private double firstRssElapsedS;
    private long lastRss = -1;
    private long maxRss = -1;
    private long maxHeap = -1;
    private double lastRssElapsedS;
    private double trafficSeconds;

    void add(SoakInterval interval, boolean drain) {
        received.add(interval.received());
        errors = errors.plus(interval.errors());
        restOk += interval.restOk();
        if (drain) {
            return;
        }
        intervals++;
        trafficSeconds += interval.seconds();
        if (interval.rssBytes() >= 0) {
            if (firstRss < 0) {
                firstRss = interval.rssBytes();
                firstRssElapsedS = interval.elapsedS();
            }
            lastRss = interval.rssBytes();
            lastRssElapsedS = interval.elapsedS();
            maxRss = Math.max(maxRss, interval.rssBytes());
        }
        maxHeap = Math.max(maxHeap, interval.heapBytes());
    }

    SoakErrors errors() {
        return errors;
    }

    /** Resident memory at the last interval's end minus at the first's, in bytes; 0 when unknown. */
    long rssGrowthBytes() {
        return firstRss < 0 ? 0 : lastRss - firstRss;
    }

    /** 0 when the errors and the missed events stay within their limits, else 1. */
    int exitCode(long maxErrors, long maxMissed) {
        return errors.others() > maxErrors || errors.missed() > maxMissed ? 1 : 0;
    }

    /** Puts the totals into the run's result. */
    void putInto(Result result) {
        LatencyHistogram l = received.latency;
        double hours = (lastRssElapsedS - firstRssElapsedS) / 3600.0;
        result.put("intervals", intervals)
                .put("traffic_s", trafficSeconds)
                .put("rest_ok", restOk)
                .put("delivered", received.delivered)
                .put("replayed", received.replayed)
                .put("events_s", trafficSeconds <= 0 ? 0.0 : received.delivered / trafficSeconds)
                .put("p50_ms", l.percentile(50) / 1000.0)
                .put("p95_ms", l.percentile(95) / 1000.0)
                .put("p99_ms", l.percentile(99) / 1000.0)
                .put("p999_ms", l.percentile(99.9) / 1000.0)
                .put("max_ms", l.max() / 1000.0)
                .put("batched_p99_ms", received.batchedLatency.percentile(99) / 1000.0)
                .put("batched_max_ms", received.batchedLatency.max() / 1000.0)
                .put("recovered", received.recovered)
                .put("synced", received.synced)
                .put("server_rss_first_mb", firstRss < 0 ? null : firstRss / 1048576.0)
                .put("server_rss_last_mb", lastRss < 0 ? null : lastRss / 1048576.0)
                .put("server_rss_max_mb", maxRss < 0 ? null : maxRss / 1048576.0)
                .put("server_rss_growth_mb", firstRss < 0 ? null : rssGrowthBytes() / 1048576.0)
                .put("server_rss_growth_mb_per_h", firstRss < 0 || hours <= 0 ? null
                        : rssGrowthBytes() / 1048576.0 / hours)
                .put("server_heap_max_mb", maxHeap < 0 ? null : maxHeap / 1048576.0)
                .put("errors", errors.byKind())
                .put("errors_total", errors.total());
    }
}
