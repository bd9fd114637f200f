package com.restaurantos.orders;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What happened to a restaurant's orders, published after the change was committed. Events about one order
 * are published in the order their changes were committed.
 */
public sealed interface DomainEvent {
    UUID restaurantId();

    /** A new order was stored. */
    record OrderCreated(Order order) implements DomainEvent {
        @Override
        public UUID restaurantId() {
            return order.restaurantId();
        }
    }

    /** Details of an order changed; {@code changes} names the fields as clients know them. */
    record OrderUpdated(Order order, List<String> changes, String updatedBy) implements DomainEvent {
        public OrderUpdated {
            changes = List.copyOf(changes);
        }

        @Override
        public UUID restaurantId() {
            return order.restaurantId();
        }
    }

    /** An order changed status; {@code order} is the order after the change. */
    record OrderStatusChanged(UUID orderId, OrderStatus previous, OrderStatus status, Instant at, UUID restaurantId,
                              String actor, Order order) implements DomainEvent {
    }

    /** An order was cancelled (always right after its {@link OrderStatusChanged} to cancelled). */
    record OrderCancelled(UUID orderId, String reason, Instant at, UUID restaurantId, String actor, Order order)
            implements DomainEvent {
    }

    /** The last active order of a table became ready: every active order of the table is ready. */
    record TableReady(UUID restaurantId, String tableNumber, List<UUID> orderIds, Instant readyAt)
            implements DomainEvent {
        public TableReady {
            orderIds = List.copyOf(orderIds);
        }
    }

    /** A table was closed: each of {@code orderIds} went to completed (after their status-changed events). */
    record TableCompleted(UUID restaurantId, String tableNumber, List<UUID> orderIds, Instant completedAt,
                          String actor) implements DomainEvent {
        public TableCompleted {
            orderIds = List.copyOf(orderIds);
        }
    }

    /** Someone raised a kitchen alert. */
    record KitchenAlertRaised(KitchenAlert alert) implements DomainEvent {
        @Override
        public UUID restaurantId() {
            return alert.restaurantId();
        }
    }
}
