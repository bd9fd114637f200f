package com.restaurantos.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

/** {@code storm}: K connections opened as fast as the server lets them; connections per second and failures. */
@Command(name = "storm", mixinStandardHelpOptions = true,
        description = "K connections (upgrade, CONNECT with a token, join:restaurant) opened as fast as possible:"
                + " connections/s and failures.")
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
            long rssBefore = server.rssBytes();
            CpuSnapshot start = CpuSnapshot.take(server);
            Fleet fleet = new Fleet(client, null);
            Fleet.Opened opened = fleet.open(connections, i -> i % restaurants, concurrency);
            CpuSnapshot end = CpuSnapshot.take(server);
            result.put("ready", opened.ready())
                    .put("failed", opened.failed())
                    .put("seconds", opened.seconds())
                    .put("connects_per_s", opened.perSecond())
                    .put("setup_p50_ms", opened.setupP50Micros() / 1000.0)
                    .put("setup_p99_ms", opened.setupP99Micros() / 1000.0)
                    .put("setup_max_ms", opened.setupMaxMicros() / 1000.0)
                    .put("deflate_negotiated", fleet.deflateNegotiated());
            end.putSplit(result, start, "");
            if (server.known()) {
                result.put("server_cpu_us_per_connect", opened.ready() == 0 ? null
                                : end.serverSeconds(start) * 1e6 / opened.ready())
                        .put("server_rss_before_mb", rssBefore / 1048576.0)
                        .put("server_rss_after_mb", server.rssBytes() / 1048576.0);
            }
            result.put("bench_cpu_us_per_connect", opened.ready() == 0 ? null
                    : end.benchSeconds(start) * 1e6 / opened.ready());
            if (!fleet.failureReasons().isEmpty()) {
                result.put("failures", Common.top(fleet.failureReasons(), 5));
            }
            fleet.closeAll(20_000);
            common.finish(result, System.out);
        }
        return 0;
    }
}
