package com.restaurantos.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code soak}: N clients held for M minutes under steady traffic, with a share of them dropping and
 * coming back, reporting every interval what the server's memory does, how late events arrive and
 * what went wrong. Not a test of capacity ({@code fanout} is): a long run at a moderate load that
 * shows leaks, slow drift and rare losses.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "N clients (restaurant rooms, station rooms, batched) held M minutes while orders are created"
                + " and completed over REST, a share of the clients dropping and reconnecting (with recovery, or"
                + " orders:sync): every interval a table row and a JSON line (clients, server RSS and heap, events/s,"
                + " latency p50/p95/p99/max, errors by kind, missed events), then a summary. Exit code 1 when the"
                + " errors or missed events exceed --max-errors / --max-missed.")
final class SoakScenario implements Callable<Integer> {
    @Mixin
    Common common;

    @Option(names = "--clients", defaultValue = "2000", description = "Clients held (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--minutes", defaultValue = "10", description = "How long the traffic runs (default: ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--restaurants", defaultValue = "20",
            description = "Restaurants; the clients are spread over them in turn (default: ${DEFAULT-VALUE}).")
    int restaurants;

    @Option(names = "--rate", defaultValue = "20",
            description = "REST calls per second offered: orders created and moved new → confirmed → preparing →"
                    + " ready → completed, restaurants in turn (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--interval", defaultValue = "30s", description = "Report period (default: ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--station-share", defaultValue = "0.15",
            description = "Share of clients that join a station (kitchen, bar or expo) (default: ${DEFAULT-VALUE}).")
    double stationShare;

    @Option(names = "--batch-share", defaultValue = "0.15",
            description = "Share of clients that ask for batching (orders:batch_update) (default: ${DEFAULT-VALUE}).")
    double batchShare;

    @Option(names = "--churn", defaultValue = "0.05",
            description = "Share of clients that drop their connection now and then, away 1-3 s; half of them come"
                    + " back asking for recovery, half with a new session and orders:sync (default: ${DEFAULT-VALUE}).")
    double churnShare;

    @Option(names = "--churn-period", defaultValue = "60s",
            description = "How long a churning client stays, on average (0.5x to 1.5x) (default: ${DEFAULT-VALUE}).")
    String churnPeriod;

    @Option(names = "--grace", defaultValue = "5s",
            description = "How long after its REST answer an event may take to arrive before it counts as missed"
                    + " (default: ${DEFAULT-VALUE}).")
    String grace;

    @Option(names = "--items", defaultValue = "8", description = "Items per order (default: ${DEFAULT-VALUE}).")
    int items;

    @Option(names = "--concurrency", defaultValue = "200",
            description = "Clients in their handshake at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--rest-connections", defaultValue = "8",
            description = "Keep-alive HTTP connections for the REST calls (default: ${DEFAULT-VALUE}).")
    int restConnections;

    @Option(names = "--heap-after-gc", negatable = true, defaultValue = "true",
            description = "Read the server's heap after a full GC once the clients are connected and at the end"
                    + " (needs --server-pid) (default: ${DEFAULT-VALUE}).")
    boolean heapAfterGc;

    @Option(names = "--max-errors", defaultValue = "0",
            description = "Errors of all kinds but missed events tolerated before the exit code is 1 (default: ${DEFAULT-VALUE}).")
    long maxErrors;

    @Option(names = "--max-missed", defaultValue = "0",
            description = "Missed events tolerated before the exit code is 1 (default: ${DEFAULT-VALUE}).")
    long maxMissed;

    @Option(names = "--seed", defaultValue = "1", description = "Which clients are which (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        Duration period = Durations.parse(interval);
        long graceNanos = Durations.parse(grace).toNanos();
        int intervals = Math.max(1, (int) Math.ceil(minutes * 60_000 / period.toMillis()));
        // A socket is disconnected when its token expires: the tokens outlive the run.
        BenchTokens tokens = common.tokens(Duration.ofMillis((long) (minutes * 60_000)).plusHours(1));
        List<UUID> ids = Common.restaurants(restaurants);
        ServerProbe server = common.server();
        PrintStream out = System.out;
        try (BenchClient client = common.client(ids, tokens)) {
            Result result = common.start("soak", client)
                    .put("clients", clients)
                    .put("restaurants", restaurants)
                    .put("rate_calls_s", rate)
                    .put("minutes", minutes)
                    .put("interval_s", period.toMillis() / 1000.0);
            Fleet fleet = new Fleet(client, null);
            Stamps stamps = new Stamps();
            SoakTally.Loops tallies = new SoakTally.Loops();
            List<SoakClient> all = clients(client, fleet, stamps, tallies);
            Fleet.Opened opened = fleet.openEach(all.size(), i -> all.get(i).connect(), concurrency);
            result.put("ready", opened.ready())
                    .put("connects_per_s", opened.perSecond())
                    .put("setup_p99_ms", opened.setupP99Micros() / 1000.0)
                    .put("kinds", kinds(all));
            out.printf("%d of %d clients ready in %.1f s (%s); load average %.2f%n", opened.ready(), clients,
                    opened.seconds(), kinds(all), ProcStats.loadAverage()[0]);
            if (opened.ready() == 0) {
                result.put("failures", Common.top(fleet.failureReasons(), 5));
                common.finish(result, out);
                return 1;
            }
            if (heapAfterGc && server.known()) {
                result.put("server_heap_after_gc_start_mb", server.heapAfterGc() / 1048576.0);
            }
            SoakLedger ledger = new SoakLedger(restaurants);
            SoakSummary summary = new SoakSummary();
            Map<String, Long> missedByClient;
            List<String> writers = ids.stream().map(tokens::writer).toList();
            ScheduledExecutorService churn = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "soak-churn"));
            try (RestDriver driver = new RestDriver(common.url, ids, writers, fleet::readyIn, stamps, items,
                    restConnections, 512, intervals)) {
                driver.onAnswered(ledger);
                churn.scheduleWithFixedDelay(() -> churn(all, fleet), 100, 100, TimeUnit.MILLISECONDS);
                tallies.take(client); // what the clients heard while connecting is not the traffic's
                SoakMeter meter = new SoakMeter(client, fleet, server, driver, tallies, ledger, all, graceNanos);
                out.println(SoakInterval.HEADER);
                long start = System.nanoTime();
                for (int i = 0; i < intervals; i++) {
                    driver.step(i, rate);
                    long end = start + period.toNanos() * (i + 1);
                    TimeUnit.NANOSECONDS.sleep(Math.max(0, end - System.nanoTime()));
                    double elapsed = (System.nanoTime() - start) / 1e9;
                    SoakInterval figures = meter.read(SoakInterval.clock(elapsed), elapsed, i + 1);
                    report(figures, out);
                    summary.add(figures, false);
                }
                driver.stop(10_000);
                churn.shutdown();
                churn.awaitTermination(30, TimeUnit.SECONDS);
                // Late events and the calls answered last are checked once the grace has passed.
                TimeUnit.NANOSECONDS.sleep(graceNanos + 1_000_000_000L);
                SoakInterval drain = meter.read("drain", (System.nanoTime() - start) / 1e9, intervals);
                report(drain, out);
                summary.add(drain, true);
                missedByClient = meter.missedByClient();
            } finally {
                churn.shutdownNow();
            }
            if (heapAfterGc && server.known()) {
                result.put("server_heap_after_gc_end_mb", server.heapAfterGc() / 1048576.0);
            }
            summary.putInto(result);
            if (!missedByClient.isEmpty()) {
                result.put("missed_by_client", missedByClient);
            }
            if (!fleet.failureReasons().isEmpty()) {
                result.put("connect_failures", Common.top(fleet.failureReasons(), 5));
            }
            if (!fleet.closeReasons().isEmpty()) {
                result.put("disconnects", Common.top(fleet.closeReasons(), 5));
            }
            fleet.closeAll(20_000);
            common.finish(result, out);
            return summary.exitCode(maxErrors, maxMissed);
        }
    }

    /** The clients, spread over the restaurants in turn; which kind each is and whether it churns drawn from the seed. */
    private List<SoakClient> clients(BenchClient client, Fleet fleet, Stamps stamps, SoakTally.Loops tallies) {
        SplittableRandom random = new SplittableRandom(seed);
        long periodNanos = Durations.parse(churnPeriod).toNanos();
        List<SoakClient> out = new ArrayList<>(clients);
        int churners = 0;
        for (int i = 0; i < clients; i++) {
            double k = random.nextDouble();
            SoakClient.Kind kind = k < stationShare ? SoakClient.Kind.STATION
                    : k < stationShare + batchShare ? SoakClient.Kind.BATCH : SoakClient.Kind.ROOM;
            SoakClient.Churn churn = SoakClient.Churn.NONE;
            if (random.nextDouble() < churnShare) {
                churn = churners++ % 2 == 0 ? SoakClient.Churn.RECOVER : SoakClient.Churn.SYNC;
            }
            out.add(new SoakClient(i % restaurants, kind, churn, client, fleet, stamps, tallies, random.split(),
                    periodNanos));
        }
        return out;
    }

    private static String kinds(List<SoakClient> all) {
        long station = all.stream().filter(c -> c.kind() == SoakClient.Kind.STATION).count();
        long batch = all.stream().filter(c -> c.kind() == SoakClient.Kind.BATCH).count();
        long recover = all.stream().filter(c -> c.churn() == SoakClient.Churn.RECOVER).count();
        long sync = all.stream().filter(c -> c.churn() == SoakClient.Churn.SYNC).count();
        return (all.size() - station - batch) + " room, " + station + " station, " + batch + " batched; churning: "
                + recover + " with recovery, " + sync + " with orders:sync";
    }

    /** Drops the churning clients whose time has come, and reconnects the ones that have been away long enough. */
    private void churn(List<SoakClient> all, Fleet fleet) {
        long now = System.nanoTime();
        List<SoakClient> back = new ArrayList<>();
        for (SoakClient c : all) {
            switch (c.due(now)) {
                case DROP -> c.drop();
                case RECONNECT -> back.add(c);
                default -> {
                }
            }
        }
        if (back.isEmpty()) {
            return;
        }
        try {
            fleet.openEach(back.size(), i -> back.get(i).connect(), concurrency);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: say so, and keep churning.
            System.err.println("churn: " + BenchConnection.describe(e));
        }
    }

    private void report(SoakInterval figures, PrintStream out) throws IOException {
        out.println(figures.row());
        String json = figures.json();
        out.println(json);
        out.flush();
        common.append(json);
    }
}
