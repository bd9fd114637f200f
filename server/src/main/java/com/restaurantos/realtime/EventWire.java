package com.restaurantos.realtime;

import com.restaurantos.orders.DomainEvent;
import com.restaurantos.wire.OrderJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The payloads of the server's order and table events (contract section 3), made once per event
 * for every recipient. Orders, alerts and table completions have the same JSON as over REST.
 */
final class EventWire {
    private EventWire() {
    }

    static JsonObject updated(DomainEvent.OrderUpdated e) {
        JsonArray changes = new JsonArray();
        e.changes().forEach(changes::add);
        return new JsonObject().put("order", OrderJson.order(e.order())).put("changes", changes)
                .put("updatedBy", e.updatedBy());
    }

    static JsonObject statusChanged(DomainEvent.OrderStatusChanged e) {
        return new JsonObject()
                .put("orderId", e.orderId().toString())
                .put("previousStatus", e.previous().wire())
                .put("status", e.status().wire())
                .put("timestamp", OrderJson.time(e.at()))
                .put("restaurant_id", e.restaurantId().toString());
    }

    static JsonObject deleted(DomainEvent.OrderCancelled e) {
        JsonObject json = new JsonObject().put("orderId", e.orderId().toString());
        if (e.reason() != null) {
            json.put("reason", e.reason());
        }
        return json.put("timestamp", OrderJson.time(e.at()));
    }

    static JsonObject tableReady(DomainEvent.TableReady e) {
        return new JsonObject().put("tableNumber", e.tableNumber()).put("orderIds", OrderJson.ids(e.orderIds()))
                .put("readyAt", OrderJson.time(e.readyAt()));
    }

    static JsonObject tableCompleted(DomainEvent.TableCompleted e) {
        return new JsonObject().put("tableNumber", e.tableNumber()).put("orderIds", OrderJson.ids(e.orderIds()))
                .put("completedAt", OrderJson.time(e.completedAt()))
                .put("restaurant_id", e.restaurantId().toString());
    }
}
