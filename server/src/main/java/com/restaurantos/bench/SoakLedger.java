package com.restaurantos.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * How each REST call of the soak ended, by restaurant and by the call's index among its
 * restaurant's calls ({@link Stamps.Op#index()}): what the clients' receipts are checked against.
 * Written by the REST driver's loop, read when an interval's report is made.
 */
final class SoakLedger implements RestDriver.Outcomes {
    /** One answered call. */
    record Call(long sentNanos, long answeredNanos, boolean ok) {
    }

    private final List<List<Call>> byRestaurant = new ArrayList<>();

    SoakLedger(int restaurants) {
        for (int i = 0; i < restaurants; i++) {
            byRestaurant.add(new ArrayList<>());
        }
    }

    @Override
    public synchronized void answered(Stamps.Op op, boolean ok, long nanos) {
        List<Call> calls = byRestaurant.get(op.restaurant());
        while (calls.size() <= op.index()) {
            calls.add(null);
        }
        calls.set(op.index(), new Call(op.sentNanos(), nanos, ok));
    }

    /** The call, or null while it has not been answered (or was never sent). */
    synchronized Call call(int restaurant, int index) {
        List<Call> calls = byRestaurant.get(restaurant);
        return index < calls.size() ? calls.get(index) : null;
    }
}
