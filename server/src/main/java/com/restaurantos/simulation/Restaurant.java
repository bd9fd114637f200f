package com.restaurantos.simulation;

import com.restaurantos.orders.KitchenAlert;
import com.restaurantos.orders.OrderStatus;
import com.restaurantos.orders.OrderType;
import com.restaurantos.orders.Station;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What a simulated service asks of the restaurant's server: the REST API of contract section 4, as the staff and
 * the guests use it. {@link RestClient} asks over HTTP. Each call either happened on the server or throws
 * {@link RequestFailed}.
 */
public interface Restaurant {

    /** {@code POST /orders}. */
    PlacedOrder placeOrder(OrderRequest order);

    /** {@code PATCH /orders/{id}}. */
    void amendOrder(UUID order, Amendment amendment);

    /** {@code PATCH /orders/{id}/status}. */
    void changeStatus(UUID order, OrderStatus status);

    /** {@code DELETE /orders/{id}} with the reason. */
    void cancelOrder(UUID order, String reason);

    /** {@code POST /tables/{table}/complete}: the orders it completed. */
    List<UUID> completeTable(String table);

    /** {@code POST /alerts}. */
    void raiseAlert(Alert alert);

    /**
     * A new order.
     *
     * @param table    nullable: dine-in orders only
     * @param customer nullable: the name on a takeout, delivery, online, drive-thru or kiosk order
     * @param notes    nullable
     */
    record OrderRequest(OrderType type, String table, String customer, List<LineItem> items, String notes) {
        public OrderRequest {
            Objects.requireNonNull(type);
            items = List.copyOf(items);
        }
    }

    /**
     * One line of an order.
     *
     * @param instructions nullable: special instructions
     */
    record LineItem(Menu.Dish dish, int quantity, List<Menu.Extra> extras, String instructions) {
        public LineItem {
            Objects.requireNonNull(dish);
            extras = List.copyOf(extras);
        }
    }

    /**
     * A change of an order still waiting for the kitchen.
     *
     * @param items nullable: unchanged; else every item of the order, the new ones after the old
     * @param notes nullable: unchanged
     */
    record Amendment(List<LineItem> items, String notes) {
    }

    /** The server's answer to a new order. */
    record PlacedOrder(UUID id, String orderNumber) {
    }

    /**
     * A kitchen alert.
     *
     * @param order   nullable: the order it is about
     * @param table   nullable
     * @param station nullable: the whole restaurant hears it, else only that station
     */
    record Alert(KitchenAlert.Type type, String message, int severity, UUID order, String table, Station station) {
        public Alert {
            Objects.requireNonNull(type);
            Objects.requireNonNull(message);
        }
    }
}
