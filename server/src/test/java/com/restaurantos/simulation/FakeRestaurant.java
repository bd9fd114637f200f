package com.restaurantos.simulation;

import com.restaurantos.orders.OrderStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * A restaurant in memory that refuses what the server would: a status change the contract does not allow, a
 * change of an order no longer active. Records every call, so that two services can be compared.
 */
final class FakeRestaurant implements Restaurant {
    /** An order as the fake server has it. */
    static final class Order {
        final OrderRequest request;
        OrderStatus status = OrderStatus.NEW;
        final List<OrderStatus> history = new ArrayList<>(List.of(OrderStatus.NEW));

        Order(OrderRequest request) {
            this.request = request;
        }
    }

    final Map<UUID, Order> orders = new LinkedHashMap<>();
    /** Every request, as {@code place dine-in 7 3} or {@code status <id> ready}. */
    final List<String> calls = new ArrayList<>();
    /** The requests refused because the contract does not allow them. */
    final List<String> refused = new ArrayList<>();
    /** Nullable: a failure for a request (as in {@link #calls}) that the contract would allow. */
    Function<String, RequestFailed> trouble = call -> null;
    final List<Alert> alerts = new ArrayList<>();
    final List<String> completedTables = new ArrayList<>();
    /** Tables completed while one of their orders was not ready. */
    final List<String> completedTooEarly = new ArrayList<>();
    private int placed;

    @Override
    public PlacedOrder placeOrder(OrderRequest order) {
        UUID id = new UUID(0, ++placed);
        orders.put(id, new Order(order));
        call("place " + order.type() + " " + order.table() + " " + order.items().size());
        return new PlacedOrder(id, "20250101-" + String.format("%04d", placed));
    }

    @Override
    public void amendOrder(UUID id, Amendment amendment) {
        call("amend " + id);
        if (!order(id).status.isActive()) {
            throw refused("PATCH /orders/{id}", "amend " + id + ": not active");
        }
    }

    @Override
    public void changeStatus(UUID id, OrderStatus status) {
        call("status " + id + " " + status);
        Order order = order(id);
        if (!order.status.canBecome(status)) {
            throw refused("PATCH /orders/{id}/status", id + ": " + order.status + " -> " + status);
        }
        order.status = status;
        order.history.add(status);
    }

    @Override
    public void cancelOrder(UUID id, String reason) {
        call("cancel " + id + " " + reason);
        Order order = order(id);
        if (!order.status.canBecome(OrderStatus.CANCELLED)) {
            throw refused("DELETE /orders/{id}", id + ": " + order.status + " -> cancelled");
        }
        order.status = OrderStatus.CANCELLED;
        order.history.add(OrderStatus.CANCELLED);
    }

    @Override
    public List<UUID> completeTable(String table) {
        call("complete table " + table);
        completedTables.add(table);
        List<UUID> completed = new ArrayList<>();
        orders.forEach((id, order) -> {
            if (table.equals(order.request.table()) && order.status.isActive()) {
                if (order.status != OrderStatus.READY) {
                    completedTooEarly.add(table);
                }
                order.status = OrderStatus.COMPLETED;
                order.history.add(OrderStatus.COMPLETED);
                completed.add(id);
            }
        });
        return completed;
    }

    @Override
    public void raiseAlert(Alert alert) {
        call("alert " + alert.message());
        if (alert.order() != null) {
            order(alert.order());
        }
        alerts.add(alert);
    }

    private void call(String call) {
        calls.add(call);
        RequestFailed failure = trouble.apply(call);
        if (failure != null) {
            throw failure;
        }
    }

    private RequestFailed refused(String route, String what) {
        refused.add(what);
        return new RequestFailed(route, 409, "INVALID_TRANSITION", what);
    }

    long count(OrderStatus status) {
        return orders.values().stream().filter(o -> o.status == status).count();
    }

    private Order order(UUID id) {
        Order order = orders.get(id);
        if (order == null) {
            throw new RequestFailed("… /orders/{id}", 404, "ORDER_NOT_FOUND", id.toString());
        }
        return order;
    }
}
