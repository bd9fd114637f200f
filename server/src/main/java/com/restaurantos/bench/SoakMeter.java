package com.restaurantos.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads the soak's figures at the end of each interval: what changed since the previous reading. */
final class SoakMeter {
    private final BenchClient client;
    private final Fleet fleet;
    private final ServerProbe server;
    private final RestDriver driver;
    private final SoakTally.Loops tallies;
    private final SoakLedger ledger;
    private final List<SoakClient> clients;
    private final long graceNanos;
    private CpuSnapshot cpu;
    private long disconnects;
    private long connectFailures;
    private long restOk;
    private long restErrors;
    private long unsent;
    private final Map<String, Long> missedByClient = new TreeMap<>();

    SoakMeter(BenchClient client, Fleet fleet, ServerProbe server, RestDriver driver, SoakTally.Loops tallies,
              SoakLedger ledger, List<SoakClient> clients, long graceNanos) {
        this.client = client;
        this.fleet = fleet;
        this.server = server;
        this.driver = driver;
        this.tallies = tallies;
        this.ledger = ledger;
        this.clients = clients;
        this.graceNanos = graceNanos;
        this.cpu = CpuSnapshot.take(server);
        this.disconnects = fleet.closedUnexpectedly();
        this.connectFailures = fleet.failed();
    }

    /** Missed events so far by the kind of client that missed them ({@code batch/recover}, ...). */
    Map<String, Long> missedByClient() {
        return new TreeMap<>(missedByClient);
    }

    /**
     * The figures since the previous reading.
     *
     * @param steps how many of the driver's steps have begun: REST outcomes are counted when answered,
     *              whichever interval the call was sent in
     */
    SoakInterval read(String label, double elapsedS, int steps) {
        CpuSnapshot now = CpuSnapshot.take(server);
        SoakTally received = tallies.take(client);
        long missed = 0;
        long checkedAt = System.nanoTime();
        for (SoakClient c : clients) {
            long m = c.check(ledger, checkedAt, graceNanos);
            if (m > 0) {
                missed += m;
                missedByClient.merge(c.describe(), m, Long::sum);
            }
        }
        long ok = 0;
        long errors = 0;
        long notSent = 0;
        for (int s = 0; s < steps; s++) {
            RestDriver.StepCounts counts = driver.counts(s);
            ok += counts.ok;
            errors += counts.errors;
            notSent += counts.unsent;
        }
        long closed = fleet.closedUnexpectedly();
        long failed = fleet.failed();
        SoakErrors kinds = new SoakErrors(errors - restErrors, notSent - unsent, received.ackErrors,
                closed - disconnects, failed - connectFailures, received.notRecovered, missed, received.duplicates,
                received.foreign, received.unmatched);
        SoakInterval interval = new SoakInterval(label, elapsedS, now.secondsSince(cpu), fleet.live(),
                server.rssBytes(), server.known() ? server.heapUsed() : -1, now.serverPercent(cpu),
                now.machineBusyPercent(cpu), ok - restOk, received, kinds);
        cpu = now;
        disconnects = closed;
        connectFailures = failed;
        restOk = ok;
        restErrors = errors;
        unsent = notSent;
        return interval;
    }
}
