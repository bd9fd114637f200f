package com.restaurantos.simulation;

import com.restaurantos.orders.OrderStatus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the server confirmed during a simulation: the status of every order the simulation created, as the server
 * last answered it, the alerts it took, and every request that failed, by kind.
 */
public final class Tally {
    private final Map<UUID, OrderStatus> orders = new HashMap<>();
    private final Map<String, Integer> failures = new LinkedHashMap<>();
    private final List<RequestFailed> unreported = new ArrayList<>();
    private int alerts;
    private int failed;

    synchronized void created(UUID order) {
        orders.put(order, OrderStatus.NEW);
    }

    /** An order of the simulation is now in {@code status}; other orders are not counted. */
    synchronized void changed(UUID order, OrderStatus status) {
        orders.computeIfPresent(order, (id, previous) -> status);
    }

    synchronized void alerted() {
        alerts++;
    }

    synchronized void failed(RequestFailed failure) {
        failed++;
        if (failures.merge(failure.kind(), 1, Integer::sum) == 1) {
            unreported.add(failure);
        }
    }

    /** The first failure of each kind not yet taken, once each: the later ones of a kind are only counted. */
    synchronized List<RequestFailed> takeNewKindsOfFailure() {
        List<RequestFailed> taken = List.copyOf(unreported);
        unreported.clear();
        return taken;
    }

    /** How many requests failed, by {@link RequestFailed#kind()}, in the order they first happened. */
    public synchronized Map<String, Integer> failures() {
        return new LinkedHashMap<>(failures);
    }

    public synchronized Counts counts() {
        int active = 0;
        int completed = 0;
        int cancelled = 0;
        for (OrderStatus status : orders.values()) {
            if (status.isActive()) {
                active++;
            } else if (status == OrderStatus.COMPLETED) {
                completed++;
            } else if (status == OrderStatus.CANCELLED) {
                cancelled++;
            }
        }
        return new Counts(orders.size(), active, completed, cancelled, alerts, failed);
    }

    /**
     * The numbers of the progress line.
     *
     * @param created   orders created
     * @param active    of them, how many are new, pending, confirmed, preparing or ready
     * @param completed of them, how many are completed
     * @param cancelled of them, how many are cancelled
     * @param alerts    kitchen alerts raised
     * @param failed    requests that failed
     */
    public record Counts(int created, int active, int completed, int cancelled, int alerts, int failed) {
    }
}
