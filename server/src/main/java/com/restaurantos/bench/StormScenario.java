package com.restaurantos.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code storm}: K connections opened as fast as the server lets them, twice (just after the server started, and
 * again once those are closed); connections per second and failures of each.
 */
@Command(name = "storm", mixinStandardHelpOptions = true,
        description = "K connections (upgrade, CONNECT with a token, join:restaurant) opened as fast as possible,"
                + " then closed and opened again (warm_…): connections/s and failures of each burst.")
final class StormScenario implements Callable<Integer> {
    @Mixin
    Common common;

    @Option(names = "--connections", defaultValue = "10000", description = "Connections opened (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--restaurants", defaultValue = "100", description = "Restaurants they join, in turn (default: ${DEFAULT-VALUE}).")
    int restaurants;

    @Option(names = "--concurrency", defaultValue = "500",
            description = "Connections in their handshake at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Override
    public Integer call() throws Exception {
        BenchTokens tokens = common.tokens();
        List<UUID> ids = Common.restaurants(restaurants);
        ServerProbe server = common.server();
        try (BenchClient client = common.client(ids, tokens)) {
            Result result = common.start("storm", client)
                    .put("connections", connections)
                    .put("restaurants", restaurants)
                    .put("concurrency", concurrency);
            // The first burst meets a server that has just started (classes loaded, code compiled as it goes),
            // as after a restart; the second, once the first has been closed, a server that has run, as when
            // every screen reconnects after a Wi-Fi drop.
            burst(client, server, result, "");
            awaitQuiet(server);
            burst(client, server, result, "warm_");
            common.finish(result, System.out);
        }
        return 0;
    }

    /** Opens the connections, puts the figures under names starting with the prefix, then closes them. */
    private void burst(BenchClient client, ServerProbe server, Result result, String prefix) throws Exception {
        long rssBefore = server.rssBytes();
        CpuSnapshot start = CpuSnapshot.take(server);
        Fleet fleet = new Fleet(client, null);
        Fleet.Opened opened = fleet.open(connections, i -> i % restaurants, concurrency);
        CpuSnapshot end = CpuSnapshot.take(server);
        result.put(prefix + "ready", opened.ready())
                .put(prefix + "failed", opened.failed())
                .put(prefix + "seconds", opened.seconds())
                .put(prefix + "connects_per_s", opened.perSecond())
                .put(prefix + "setup_p50_ms", opened.setupP50Micros() / 1000.0)
                .put(prefix + "setup_p99_ms", opened.setupP99Micros() / 1000.0)
                .put(prefix + "setup_max_ms", opened.setupMaxMicros() / 1000.0)
                .put(prefix + "deflate_negotiated", fleet.deflateNegotiated());
        end.putSplit(result, start, prefix.isEmpty() ? "" : "_" + prefix.substring(0, prefix.length() - 1));
        if (server.known()) {
            result.put(prefix + "server_cpu_us_per_connect", opened.ready() == 0 ? null
                            : end.serverSeconds(start) * 1e6 / opened.ready())
                    .put(prefix + "server_rss_before_mb", rssBefore / 1048576.0)
                    .put(prefix + "server_rss_after_mb", server.rssBytes() / 1048576.0);
        }
        result.put(prefix + "bench_cpu_us_per_connect", opened.ready() == 0 ? null
                : end.benchSeconds(start) * 1e6 / opened.ready());
        if (!fleet.failureReasons().isEmpty()) {
            result.put(prefix + "failures", Common.top(fleet.failureReasons(), 5));
        }
        fleet.closeAll(20_000);
    }

    /**
     * Waits until the server has dealt with the closed connections, so that the next burst's figures are its own:
     * until it uses under 5 % of a core for a quarter of a second, ten seconds at most (two without its pid).
     */
    private static void awaitQuiet(ServerProbe server) throws InterruptedException {
        if (!server.known()) {
            Thread.sleep(2_000);
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        CpuSnapshot before = CpuSnapshot.take(server);
        while (System.nanoTime() < deadline) {
            Thread.sleep(250);
            CpuSnapshot now = CpuSnapshot.take(server);
            if (now.serverPercent(before) < 5) {
                return;
            }
            before = now;
        }
    }
}
