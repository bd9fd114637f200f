package com.restaurantos.orders;

import java.time.Instant;
import java.util.UUID;

/**
 * A status change for the repository to store if, and only if, the order is still at {@code expectedVersion}
 * (and so still at {@code from}): of two concurrent changes from the same state exactly one is stored.
 */
public record StatusUpdate(UUID restaurantId, UUID orderId, long expectedVersion, OrderStatus from, OrderStatus to,
                           Instant at, String actor, String reason) {
}
