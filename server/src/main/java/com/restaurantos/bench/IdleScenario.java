package com.restaurantos.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code idle}: N authenticated connections that joined their restaurant's room, held across at least
 * one heartbeat; the connect rate and what each connection costs the server in resident memory.
 */
@Command(name = "idle", mixinStandardHelpOptions = true,
        description = "N connections joined to their restaurant and held across heartbeats: connect rate, server"
                + " RSS (and heap after a full GC) per connection.")
final class IdleScenario implements Callable<Integer> {
    @Mixin
    Common common;

    @Option(names = "--connections", defaultValue = "10000", description = "Connections held (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--restaurants", defaultValue = "100", description = "Restaurants they join, in turn (default: ${DEFAULT-VALUE}).")
    int restaurants;

    @Option(names = "--concurrency", defaultValue = "200",
            description = "Connections in their handshake at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--hold", defaultValue = "30s",
            description = "How long they are held once all are ready; more than the ping interval (default: ${DEFAULT-VALUE}).")
    String hold;

    @Option(names = "--warmup", defaultValue = "1000",
            description = "Connections opened and closed before the baseline is read (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--heap", negatable = true, defaultValue = "true",
            description = "Also read the server's heap after a full GC, before and after (default: ${DEFAULT-VALUE}).")
    boolean heap;

    @Override
    public Integer call() throws Exception {
        BenchTokens tokens = common.tokens();
        List<UUID> ids = Common.restaurants(restaurants);
        ServerProbe server = common.server();
        Duration holdFor = Durations.parse(hold);
        try (BenchClient client = common.client(ids, tokens)) {
            Result result = common.start("idle", client)
                    .put("connections", connections)
                    .put("restaurants", restaurants)
                    .put("concurrency", concurrency)
                    .put("hold_s", holdFor.toMillis() / 1000.0);
            if (warmup > 0) {
                Fleet warm = new Fleet(client, null);
                warm.open(warmup, i -> i % restaurants, concurrency);
                warm.closeAll(10_000);
                Thread.sleep(2_000);
            }
            long heapBefore = heap ? server.heapAfterGc() : -1;
            long rssBefore = server.rssBytes();
            CpuSnapshot start = CpuSnapshot.take(server);

            Fleet fleet = new Fleet(client, null);
            Fleet.Opened opened = fleet.open(connections, i -> i % restaurants, concurrency);
            CpuSnapshot connected = CpuSnapshot.take(server);
            long rssConnected = server.rssBytes();
            result.put("ready", opened.ready())
                    .put("failed", opened.failed())
                    .put("connect_s", opened.seconds())
                    .put("connects_per_s", opened.perSecond())
                    .put("setup_p50_ms", opened.setupP50Micros() / 1000.0)
                    .put("setup_p99_ms", opened.setupP99Micros() / 1000.0)
                    .put("setup_max_ms", opened.setupMaxMicros() / 1000.0)
                    .put("deflate_negotiated", fleet.deflateNegotiated());
            if (server.known()) {
                result.put("server_cpu_us_per_connect", opened.ready() == 0 ? null
                        : connected.serverSeconds(start) * 1e6 / opened.ready());
            }
            result.put("bench_cpu_us_per_connect", opened.ready() == 0 ? null
                    : connected.benchSeconds(start) * 1e6 / opened.ready());
            connected.putSplit(result, start, "_connecting");

            Thread.sleep(holdFor.toMillis());
            CpuSnapshot held = CpuSnapshot.take(server);
            long rssAfter = server.rssBytes();
            long heapAfter = heap ? server.heapAfterGc() : -1;
            long kept = fleet.live();
            result.put("held", kept)
                    .put("closed_while_held", fleet.closedUnexpectedly())
                    .put("pings_answered", fleet.pings())
                    .put("pings_per_connection", kept == 0 ? null : (double) fleet.pings() / kept);
            held.putSplit(result, connected, "_holding");
            if (server.known()) {
                result.put("server_pid", server.pid())
                        .put("server_rss_before_mb", rssBefore / 1048576.0)
                        .put("server_rss_connected_mb", rssConnected / 1048576.0)
                        .put("server_rss_held_mb", rssAfter / 1048576.0)
                        .put("rss_bytes_per_connection", kept == 0 ? null : (double) (rssAfter - rssBefore) / kept);
                if (heapBefore >= 0 && heapAfter >= 0) {
                    result.put("heap_before_mb", heapBefore / 1048576.0)
                            .put("heap_after_mb", heapAfter / 1048576.0)
                            .put("heap_bytes_per_connection", kept == 0 ? null
                                    : (double) (heapAfter - heapBefore) / kept);
                }
            }
            if (!fleet.failureReasons().isEmpty()) {
                result.put("failures", Common.top(fleet.failureReasons(), 5));
            }
            if (!fleet.closeReasons().isEmpty()) {
                result.put("closes", Common.top(fleet.closeReasons(), 5));
            }
            fleet.closeAll(20_000);
            common.finish(result, System.out);
        }
        return 0;
    }
}
