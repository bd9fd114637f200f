package com.restaurantos.orders;

import java.time.Instant;

/**
 * One line of an order's status history.
 *
 * @param from   null for the creation of the order
 * @param reason why, for a cancellation (nullable)
 */
public record StatusChange(OrderStatus from, OrderStatus to, Instant at, String actor, String reason) {
}
