package com.restaurantos.orders;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An order as stored.
 *
 * @param orderNumber  {@code YYYYMMDD-NNNN}, unique per restaurant
 * @param tableNumber  nullable
 * @param customerName nullable
 * @param notes        nullable
 * @param createdBy    the token subject that created it (customers only ever see their own orders)
 * @param version      grows by one with every stored change; the base of optimistic concurrency
 */
public record Order(UUID id, UUID restaurantId, String orderNumber, OrderStatus status, OrderType type,
                    String tableNumber, String customerName, List<OrderItem> items, Totals totals, String notes,
                    String createdBy, Instant createdAt, Instant updatedAt, long version) {

    /** Field names as clients know them, used in {@code order:updated}'s {@code changes}. */
    public static final String ITEMS = "items";
    public static final String SUBTOTAL = "subtotal";
    public static final String TAX = "tax";
    public static final String TOTAL = "total";
    public static final String TABLE_NUMBER = "table_number";
    public static final String CUSTOMER_NAME = "customer_name";
    public static final String NOTES = "notes";

    public Order {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(restaurantId, "restaurantId");
        Objects.requireNonNull(orderNumber, "orderNumber");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(totals, "totals");
        items = List.copyOf(items);
    }

    /** This order as a status change from this version stores it: what the repository holds after it. */
    Order withStatus(OrderStatus next, Instant at) {
        return new Order(id, restaurantId, orderNumber, next, type, tableNumber, customerName, items, totals, notes,
                createdBy, createdAt, at, version + 1);
    }

    Order withDetails(String tableNumber, String customerName, List<OrderItem> items, Totals totals, String notes,
                      Instant at) {
        return new Order(id, restaurantId, orderNumber, status, type, tableNumber, customerName, items, totals, notes,
                createdBy, createdAt, at, version + 1);
    }
}
