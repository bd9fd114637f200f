package com.restaurantos.orders;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where orders are kept. Every method is one transaction; every read names the restaurant, and an order of
 * another restaurant is never returned. Implementations block (JDBC): never call them on an event loop.
 */
public interface OrderRepository {

    /**
     * Stores the order with status {@code new} and the next order number of its restaurant and business day,
     * unique even when orders are created concurrently, and records its creation in the status history.
     */
    Order insert(NewOrder order);

    Optional<Order> find(UUID restaurantId, UUID orderId);

    /** The orders matching the query, oldest first. */
    List<Order> list(UUID restaurantId, OrderQuery query);

    /** How many orders match the query, whatever its limit and offset. */
    long count(UUID restaurantId, OrderQuery query);

    /** Active orders of every restaurant created before {@code before}, oldest first, at most {@code limit}. */
    List<Order> activeCreatedBefore(Instant before, int limit);

    /**
     * Replaces the table, customer, items, totals and notes of {@code changed} (and its update time) if the stored
     * order is still at {@code expectedVersion}, recording {@code actor} as the last to change it; returns the
     * stored order, or empty if it had changed meanwhile.
     */
    Optional<Order> updateDetails(Order changed, long expectedVersion, String actor);

    /**
     * Stores the status change and its history line if the order is still at the update's expected version and
     * status; returns whether it did (false if another change came first). The stored order is then the expected
     * version's with the new status, update time and version, which the caller already has: it is not read again.
     */
    boolean updateStatus(StatusUpdate update);

    /** The status history of the order, oldest first (empty for an unknown order). */
    List<StatusChange> history(UUID restaurantId, UUID orderId);
}
