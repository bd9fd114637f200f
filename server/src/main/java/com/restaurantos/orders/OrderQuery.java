package com.restaurantos.orders;

import java.util.Set;

/**
 * Which orders of a restaurant to list, oldest first.
 *
 * @param statuses    empty: any status
 * @param type        null: any type
 * @param tableNumber null: any table
 * @param createdBy   null: anybody's (set by the service for actors that only see their own orders)
 * @param limit       at most this many ({@link #UNLIMITED} for all)
 */
public record OrderQuery(Set<OrderStatus> statuses, OrderType type, String tableNumber, String createdBy, int limit,
                         int offset) {
    public static final int UNLIMITED = Integer.MAX_VALUE;

    public OrderQuery {
        statuses = Set.copyOf(statuses);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
    }

    public static OrderQuery all() {
        return new OrderQuery(Set.of(), null, null, null, UNLIMITED, 0);
    }

    /** The active orders of a table. */
    public static OrderQuery activeAt(String tableNumber) {
        return new OrderQuery(OrderStatus.active(), null, tableNumber, null, UNLIMITED, 0);
    }

    public OrderQuery withStatuses(Set<OrderStatus> statuses) {
        return new OrderQuery(statuses, type, tableNumber, createdBy, limit, offset);
    }

    OrderQuery createdBy(String subject) {
        return new OrderQuery(statuses, type, tableNumber, subject, limit, offset);
    }
}
