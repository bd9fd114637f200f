package com.restaurantos.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The soak's interval rows, JSON lines, and the summary they add up to. */
class SoakReportTest {
    private static final long MB = 1024 * 1024;

    private static SoakTally received(long delivered, long... latenciesMicros) {
        SoakTally t = new SoakTally();
        t.delivered = delivered;
        t.messages = delivered;
        t.recovered = 2;
        t.synced = 1;
        for (long l : latenciesMicros) {
            t.latency.record(l);
        }
        t.batchedLatency.record(95_000);
        return t;
    }

    private static SoakErrors missed(long n) {
        return new SoakErrors(0, 0, 0, 0, 0, 0, n, 0, 0, 0);
    }

    private static SoakInterval interval(double elapsedS, long rss, SoakTally received, SoakErrors errors) {
        return new SoakInterval(SoakInterval.clock(elapsedS), elapsedS, 30, 2000, rss, 300 * MB, 45.4, 90, 600,
                received, errors);
    }

    @Test
    void printsARowUnderTheHeaderAndAJsonLine() {
        SoakInterval i = interval(30, 512 * MB, received(6000, 3_000, 5_000, 120_000),
                new SoakErrors(1, 0, 0, 2, 0, 0, 0, 0, 0, 0));
        assertThat(i.eventsPerSecond()).isEqualTo(200);
        assertThat(SoakInterval.HEADER).startsWith(" elapsed clients").endsWith("errors");
        assertThat(i.row()).isEqualTo(
                "    0:30    2000    512.0    300.0     45%      200      5.1    120.0    120.0    120.0     600        3  "
                        + "rest=1 disconnects=2");
        assertThat(i.row().length()).isGreaterThanOrEqualTo(SoakInterval.HEADER.length());
        assertThat(i.json()).startsWith("{\"scenario\":\"soak_interval\",\"label\":\"0:30\",\"elapsed_s\":30.0,")
                .contains("\"clients\":2000", "\"server_rss_mb\":512.0", "\"events_s\":200.0", "\"p99_ms\":120.0",
                        "\"batched_p99_ms\":95.0", "\"errors\":{\"rest\":1,\"unsent\":0,\"ack\":0,\"disconnects\":2,");
    }

    @Test
    void unknownServerFiguresAreDashesAndNulls() {
        SoakInterval i = new SoakInterval("drain", 5, 5, 10, -1, -1, Double.NaN, 50, 0, received(0), SoakErrors.NONE);
        assertThat(i.row()).startsWith("   drain      10        -        -       -        0").endsWith("  -");
        assertThat(i.json()).contains("\"server_rss_mb\":null", "\"server_cpu_pct\":null");
    }

    @Test
    void formatsElapsedTimeAsMinutesAndSeconds() {
        assertThat(SoakInterval.clock(0)).isEqualTo("0:00");
        assertThat(SoakInterval.clock(599.7)).isEqualTo("10:00");
        assertThat(SoakInterval.clock(3725)).isEqualTo("62:05");
    }

    @Test
    void addsUpTheIntervalsAndMeasuresRssGrowthFromTheFirstToTheLast() {
        SoakSummary summary = new SoakSummary();
        summary.add(interval(30, 500 * MB, received(100, 1_000), SoakErrors.NONE), false);
        summary.add(interval(60, 530 * MB, received(100, 2_000), missed(1)), false);
        summary.add(interval(90, 520 * MB, received(100, 90_000), SoakErrors.NONE), false);
        // The drain counts in the totals, not in the memory figures.
        summary.add(interval(96, 900 * MB, received(5), missed(2)), true);
        assertThat(summary.rssGrowthBytes()).isEqualTo(20 * MB);
        assertThat(summary.errors().missed()).isEqualTo(3);
        Result result = new Result("soak");
        summary.putInto(result);
        assertThat(result.get("delivered")).isEqualTo(305L);
        assertThat(result.number("server_rss_max_mb")).isEqualTo(530);
        assertThat(result.number("server_rss_growth_mb")).isEqualTo(20);
        assertThat(result.number("server_rss_growth_mb_per_h")).isEqualTo(1200);
        // Batched receipts have figures of their own, not mixed into the others.
        assertThat(result.number("max_ms")).isEqualTo(90);
        assertThat(result.number("batched_max_ms")).isEqualTo(95);
        assertThat(result.get("errors_total")).isEqualTo(3L);
    }

    @Test
    void theExitCodeSaysWhetherErrorsOrMissedEventsPassedTheirLimits() {
        SoakSummary summary = new SoakSummary();
        summary.add(interval(30, 500 * MB, received(1), new SoakErrors(0, 0, 1, 0, 0, 0, 4, 0, 0, 0)), false);
        assertThat(summary.exitCode(0, 10)).isEqualTo(1);
        assertThat(summary.exitCode(1, 3)).isEqualTo(1);
        assertThat(summary.exitCode(1, 4)).isZero();
    }

    @Test
    void namesOnlyTheErrorKindsThatHappened() {
        assertThat(SoakErrors.NONE.nonZero()).isEqualTo("-");
        SoakErrors e = new SoakErrors(0, 3, 0, 0, 0, 1, 2, 0, 0, 0);
        assertThat(e.nonZero()).isEqualTo("unsent=3 not_recovered=1 missed=2");
        assertThat(e.others()).isEqualTo(4);
        assertThat(e.plus(e).total()).isEqualTo(12);
    }
}
