package com.restaurantos.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code fanout}: R restaurants with M subscribers each; orders created and moved through their
 * statuses over REST at a stepped offered rate. Per step: delivered messages per second, end-to-end
 * latency percentiles (REST call sent → event received), loss, and the CPU each process spent.
 */
@Command(name = "fanout", mixinStandardHelpOptions = true,
        description = "R restaurants x M subscribers; orders created and moved through statuses at stepped offered"
                + " rates: delivered msg/s, p50/p95/p99/max latency, loss, CPU per message.")
final class FanoutScenario implements Callable<Integer> {
    static final double P99_GOAL_MS = 50;

    @Mixin
    Common common;

    @Option(names = "--restaurants", defaultValue = "50", description = "Restaurants (default: ${DEFAULT-VALUE}).")
    int restaurants;

    @Option(names = "--subscribers", defaultValue = "200",
            description = "Subscribers per restaurant (default: ${DEFAULT-VALUE}).")
    int subscribers;

    @Option(names = "--rates", split = ",", defaultValue = "10000,20000,40000,80000",
            description = "Offered deliveries per second, one step each: REST calls/s = rate / subscribers"
                    + " (default: ${DEFAULT-VALUE}).")
    List<Double> rates;

    @Option(names = "--step", defaultValue = "8s", description = "Length of each step (default: ${DEFAULT-VALUE}).")
    String step;

    @Option(names = "--warmup", defaultValue = "4s",
            description = "A first step at the first rate, reported as 'warmup' (default: ${DEFAULT-VALUE}; 0s for none).")
    String warmup;

    @Option(names = "--drain", defaultValue = "5s",
            description = "How long to wait after the last step for late deliveries (default: ${DEFAULT-VALUE}).")
    String drain;

    @Option(names = "--items", defaultValue = "8",
            description = "Items per order: 8 make an order:created of about 1.1 KB, over the 1 KB compression"
                    + " threshold (default: ${DEFAULT-VALUE}).")
    int items;

    @Option(names = "--rest-connections", defaultValue = "32",
            description = "Keep-alive HTTP connections for the REST calls (default: ${DEFAULT-VALUE}).")
    int restConnections;

    @Option(names = "--max-in-flight", defaultValue = "512",
            description = "REST calls waiting for their answer at most; calls due beyond it are counted as unsent"
                    + " (default: ${DEFAULT-VALUE}).")
    int maxInFlight;

    @Option(names = "--concurrency", defaultValue = "200",
            description = "Subscribers in their handshake at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Override
    public Integer call() throws Exception {
        BenchTokens tokens = common.tokens();
        List<UUID> ids = Common.restaurants(restaurants);
        ServerProbe server = common.server();
        Duration stepFor = Durations.parse(step);
        Duration warmFor = Durations.parse(warmup);
        boolean warm = !warmFor.isZero();
        int offset = warm ? 1 : 0;
        int stepCount = rates.size() + offset;
        Stamps stamps = new Stamps();
        Receiver receiver = new Receiver(stamps, stepCount);
        try (BenchClient client = common.client(ids, tokens)) {
            Result result = common.start("fanout", client)
                    .put("restaurants", restaurants)
                    .put("subscribers_per_restaurant", subscribers)
                    .put("items_per_order", items)
                    .put("step_s", stepFor.toMillis() / 1000.0);
            Fleet fleet = new Fleet(client, receiver);
            Fleet.Opened opened = fleet.open(restaurants * subscribers, i -> i % restaurants, concurrency);
            result.put("subscribers", opened.ready())
                    .put("subscribe_failed", opened.failed())
                    .put("connects_per_s", opened.perSecond());
            if (opened.ready() == 0) {
                result.put("failures", Common.top(fleet.failureReasons(), 5));
                common.finish(result, System.out);
                return 1;
            }
            List<String> writers = ids.stream().map(tokens::writer).toList();
            try (RestDriver driver = new RestDriver(common.url, ids, writers, fleet::readyIn, stamps, items,
                    restConnections, maxInFlight, stepCount)) {
                long[] windowReceived = new long[stepCount];
                double[] windowSeconds = new double[stepCount];
                CpuSnapshot[][] cpu = new CpuSnapshot[stepCount][2];
                long[] rss = new long[stepCount];
                for (int s = 0; s < stepCount; s++) {
                    double rate = warm && s == 0 ? rates.get(0) : rates.get(s - offset);
                    Duration length = warm && s == 0 ? warmFor : stepFor;
                    long receivedBefore = receiver.receivedSoFar();
                    cpu[s][0] = CpuSnapshot.take(server);
                    driver.step(s, rate / subscribers);
                    Thread.sleep(length.toMillis());
                    cpu[s][1] = CpuSnapshot.take(server);
                    windowReceived[s] = receiver.receivedSoFar() - receivedBefore;
                    windowSeconds[s] = cpu[s][1].secondsSince(cpu[s][0]);
                    rss[s] = server.rssBytes();
                }
                driver.stop(10_000);
                long expectedAll = 0;
                for (int s = 0; s < stepCount; s++) {
                    expectedAll += driver.counts(s).expectedDeliveries;
                }
                long drainUntil = System.nanoTime() + Durations.parse(drain).toNanos();
                while (receiver.receivedSoFar() < expectedAll && System.nanoTime() < drainUntil) {
                    Thread.sleep(20);
                }
                client.onEveryLoop(() -> { });
                Receiver.LoopCounts total = receiver.total();

                double capacity = 0;
                Result.Row best = null;
                for (int s = 0; s < stepCount; s++) {
                    RestDriver.StepCounts counts = driver.counts(s);
                    double rate = warm && s == 0 ? rates.get(0) : rates.get(s - offset);
                    LatencyHistogram latency = total.latency[s];
                    long lost = counts.expectedDeliveries - total.received[s];
                    double delivered = windowReceived[s] / windowSeconds[s];
                    double serverSeconds = cpu[s][1].serverSeconds(cpu[s][0]);
                    double benchSeconds = cpu[s][1].benchSeconds(cpu[s][0]);
                    Result.Row row = result.step()
                            .put("step", warm && s == 0 ? "warmup" : Integer.toString(s - offset + 1))
                            .put("offered_msg_s", rate)
                            .put("calls_s", rate / subscribers)
                            .put("calls_ok", counts.ok)
                            .put("calls_err", counts.errors)
                            .put("unsent", counts.unsent)
                            .put("delivered_msg_s", delivered)
                            .put("expected", counts.expectedDeliveries)
                            .put("lost", lost)
                            .put("p50_ms", latency.percentile(50) / 1000.0)
                            .put("p95_ms", latency.percentile(95) / 1000.0)
                            .put("p99_ms", latency.percentile(99) / 1000.0)
                            .put("max_ms", latency.max() / 1000.0)
                            .put("rest_p99_ms", counts.rest.percentile(99) / 1000.0)
                            .put("srv_cpu_pct", cpu[s][1].serverPercent(cpu[s][0]))
                            .put("srv_us_msg", windowReceived[s] == 0 ? Double.NaN
                                    : serverSeconds * 1e6 / windowReceived[s])
                            .put("gen_cpu_pct", cpu[s][1].benchPercent(cpu[s][0]))
                            .put("gen_us_msg", windowReceived[s] == 0 ? Double.NaN
                                    : benchSeconds * 1e6 / windowReceived[s])
                            .put("busy_pct", cpu[s][1].machineBusyPercent(cpu[s][0]))
                            .put("srv_rss_mb", rss[s] < 0 ? Double.NaN : rss[s] / 1048576.0);
                    boolean passed = !(warm && s == 0) && counts.errors == 0 && counts.unsent == 0 && lost <= 0
                            && latency.count() > 0 && latency.percentile(99) / 1000.0 <= P99_GOAL_MS;
                    if (passed && delivered > capacity) {
                        capacity = delivered;
                        best = row;
                    }
                }
                result.put("order_created_bytes", receiver.createdBytes())
                        .put("status_changed_bytes", receiver.statusChangedBytes())
                        .put("unmatched_events", total.unmatched)
                        .put("closed_during_run", fleet.closedUnexpectedly())
                        .put("capacity_msg_s", capacity)
                        .put("capacity_rule", "highest step with p99 <= " + (int) P99_GOAL_MS
                                + " ms, nothing lost, no REST error, nothing unsent");
                if (best != null) {
                    result.put("capacity_step", best.get("step"))
                            .put("capacity_p99_ms", best.get("p99_ms"))
                            .put("capacity_srv_us_msg", best.get("srv_us_msg"));
                }
                if (!driver.errorKinds().isEmpty()) {
                    result.put("rest_errors", Common.top(driver.errorKinds(), 5));
                }
                if (!fleet.closeReasons().isEmpty()) {
                    result.put("closes", Common.top(fleet.closeReasons(), 5));
                }
            }
            fleet.closeAll(20_000);
            common.finish(result, System.out);
        }
        return 0;
    }
}
