package com.restaurantos.wire;

import com.restaurantos.orders.KitchenAlert;
import com.restaurantos.orders.Modifier;
import com.restaurantos.orders.Order;
import com.restaurantos.orders.OrderItem;
import com.restaurantos.orders.OrderPage;
import com.restaurantos.orders.StatusChange;
import com.restaurantos.orders.TableCompletion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.List;
import java.util.UUID;

/** The JSON of the contract's order (section 3) and of the other REST answers; optional fields left out when empty. */
public final class OrderJson {
    /** Always three fraction digits, {@code .000} included; further digits are cut, not rounded. */
    private static final DateTimeFormatter ISO_MILLIS = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

    private OrderJson() {
    }

    public static JsonObject order(Order order) {
        JsonObject json = new JsonObject()
                .put("id", order.id().toString())
                .put("restaurant_id", order.restaurantId().toString())
                .put("order_number", order.orderNumber())
                .put("status", order.status().wire())
                .put("type", order.type().wire());
        putIf(json, "table_number", order.tableNumber());
        putIf(json, "customer_name", order.customerName());
        JsonArray items = new JsonArray();
        order.items().forEach(item -> items.add(item(item)));
        json.put("items", items)
                .put("subtotal", order.totals().subtotal())
                .put("tax", order.totals().tax())
                .put("total", order.totals().total());
        putIf(json, "notes", order.notes());
        return json.put("created_at", time(order.createdAt()))
                .put("updated_at", time(order.updatedAt()));
    }

    public static JsonObject item(OrderItem item) {
        JsonObject json = new JsonObject().put("id", item.id().toString());
        putIf(json, "menu_item_id", item.menuItemId());
        json.put("name", item.name()).put("quantity", item.quantity()).put("price", item.price());
        if (!item.modifiers().isEmpty()) {
            JsonArray modifiers = new JsonArray();
            for (Modifier modifier : item.modifiers()) {
                modifiers.add(new JsonObject().put("name", modifier.name()).put("price", modifier.price()));
            }
            json.put("modifiers", modifiers);
        }
        putIf(json, "special_instructions", item.specialInstructions());
        if (item.station() != null) {
            json.put("station", item.station().wire());
        }
        return json;
    }

    public static JsonObject page(OrderPage page) {
        return new JsonObject()
                .put("orders", orders(page.orders()))
                .put("total", page.total())
                .put("limit", page.limit())
                .put("offset", page.offset());
    }

    public static JsonArray orders(List<Order> orders) {
        JsonArray array = new JsonArray();
        orders.forEach(o -> array.add(order(o)));
        return array;
    }

    /** As the {@code table:completed} event, plus the completed orders. */
    public static JsonObject tableCompletion(TableCompletion completion) {
        return new JsonObject()
                .put("tableNumber", completion.tableNumber())
                .put("orderIds", ids(completion.orderIds()))
                .put("completedAt", time(completion.completedAt()))
                .put("restaurant_id", completion.restaurantId().toString())
                .put("orders", orders(completion.orders()));
    }

    /** As the {@code kitchen:alert} event, plus its id, time and restaurant. */
    public static JsonObject alert(KitchenAlert alert) {
        JsonObject json = new JsonObject()
                .put("id", alert.id().toString())
                .put("type", alert.type().wire())
                .put("message", alert.message())
                .put("severity", alert.severity());
        if (alert.orderId() != null) {
            json.put("orderId", alert.orderId().toString());
        }
        putIf(json, "tableNumber", alert.tableNumber());
        if (alert.station() != null) {
            json.put("station", alert.station().wire());
        }
        return json.put("timestamp", time(alert.at())).put("restaurant_id", alert.restaurantId().toString());
    }

    public static JsonObject history(UUID orderId, List<StatusChange> history) {
        JsonArray changes = new JsonArray();
        for (StatusChange change : history) {
            JsonObject json = new JsonObject();
            if (change.from() != null) {
                json.put("from", change.from().wire());
            }
            json.put("to", change.to().wire()).put("at", time(change.at())).put("actor", change.actor());
            putIf(json, "reason", change.reason());
            changes.add(json);
        }
        return new JsonObject().put("orderId", orderId.toString()).put("history", changes);
    }

    public static JsonArray ids(List<UUID> ids) {
        JsonArray array = new JsonArray();
        ids.forEach(id -> array.add(id.toString()));
        return array;
    }

    /** ISO-8601 in UTC with milliseconds, as JavaScript's {@code Date.toISOString()}. */
    public static String time(Instant instant) {
        return ISO_MILLIS.format(instant);
    }

    private static void putIf(JsonObject json, String key, String value) {
        if (value != null) {
            json.put(key, value);
        }
    }
}
