package com.restaurantos.bench;

import io.netty.util.concurrent.FastThreadLocal;

import java.util.ArrayList;
import java.util.List;

/**
 * What the soak's clients received during one interval, counted by each event loop on its own
 * (as {@link Receiver} does) and added up when the interval ends: {@link Loops#take} runs on every
 * loop, so nothing is counted twice or lost at the boundary.
 */
final class SoakTally {
    /** Socket.IO events received (a batch is one). */
    long messages;
    /** Order events matched to the call that caused them (each entry of a batch is one). */
    long delivered;
    /** Of those, the ones a recovered session got replayed after its reconnection: in no latency. */
    long replayed;
    /** Order events this generator did not cause, or whose call it forgot. */
    long unmatched;
    /** Order events a client received twice. */
    long duplicates;
    /** Order events of another restaurant than the client's. */
    long foreign;
    /** Acks that said {@code success: false}. */
    long ackErrors;
    /** Reconnections that asked for recovery and got it, or were refused it. */
    long recovered;
    long notRecovered;
    /** Reconnections that caught up with {@code orders:sync} instead. */
    long synced;
    /** From the REST call's sending to the receipt, of events sent one by one. */
    final LatencyHistogram latency = new LatencyHistogram();
    /** The same for entries of {@code orders:batch_update}: up to the batch interval (100 ms) later by design. */
    final LatencyHistogram batchedLatency = new LatencyHistogram();

    void add(SoakTally other) {
        messages += other.messages;
        delivered += other.delivered;
        replayed += other.replayed;
        unmatched += other.unmatched;
        duplicates += other.duplicates;
        foreign += other.foreign;
        ackErrors += other.ackErrors;
        recovered += other.recovered;
        notRecovered += other.notRecovered;
        synced += other.synced;
        latency.add(other.latency);
        batchedLatency.add(other.batchedLatency);
    }

    /** One tally per event loop of the generator. */
    static final class Loops {
        private final FastThreadLocal<SoakTally> current = new FastThreadLocal<>() {
            @Override
            protected SoakTally initialValue() {
                return new SoakTally();
            }
        };

        /** The tally of the calling event loop. */
        SoakTally here() {
            return current.get();
        }

        /** The interval's tallies of every loop added up, each loop starting a new one. */
        SoakTally take(BenchClient client) {
            List<SoakTally> taken = new ArrayList<>();
            client.onEveryLoop(() -> {
                SoakTally mine = current.get();
                current.set(new SoakTally());
                synchronized (taken) {
                    taken.add(mine);
                }
            });
            SoakTally sum = new SoakTally();
            taken.forEach(sum::add);
            return sum;
        }
    }
}
