package com.restaurantos.orders;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The result of closing a table: the orders that were completed (none if the table had no active order). */
public record TableCompletion(UUID restaurantId, String tableNumber, List<Order> orders, Instant completedAt) {
    public TableCompletion {
        orders = List.copyOf(orders);
    }

    public List<UUID> orderIds() {
        return orders.stream().map(Order::id).toList();
    }
}
