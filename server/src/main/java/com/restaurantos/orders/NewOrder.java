package com.restaurantos.orders;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A valid order about to be stored, before it has a number; the repository gives it the next number of
 * {@code businessDay} in the same transaction as it stores it, and stores it with status {@code new}.
 */
public record NewOrder(UUID id, UUID restaurantId, LocalDate businessDay, OrderType type, String tableNumber,
                       String customerName, List<OrderItem> items, Totals totals, String notes, String createdBy,
                       Instant createdAt) {
    public NewOrder {
        items = List.copyOf(items);
    }
}
