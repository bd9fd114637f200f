package com.restaurantos.http;

import com.restaurantos.orders.AlertDraft;
import com.restaurantos.orders.Edit;
import com.restaurantos.orders.ItemDraft;
import com.restaurantos.orders.OrderDraft;
import com.restaurantos.orders.OrderPatch;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads request bodies into the domain's drafts, checking only shape and types: a wrong type is
 * {@code INVALID_PAYLOAD} with field {@code details}; the values are the domain's to judge. Field names are
 * the contract's snake_case; the camelCase of the socket events is accepted too. Unknown fields (client
 * totals among them) are ignored.
 */
final class RequestBodies {
    private final Map<String, String> problems = new LinkedHashMap<>();

    private RequestBodies() {
    }

    static JsonObject object(Buffer body, boolean required) {
        if (body == null || body.length() == 0 || body.toString().isBlank()) {
            if (required) {
                throw ApiException.invalidPayload("a JSON object body is required");
            }
            return new JsonObject();
        }
        Object value;
        try {
            value = Buffer.buffer(body.getBytes()).toJsonValue();
        } catch (DecodeException e) {
            throw ApiException.invalidPayload("the body is not valid JSON");
        }
        if (!(value instanceof JsonObject json)) {
            throw ApiException.invalidPayload("the body must be a JSON object");
        }
        return json;
    }

    static OrderDraft orderDraft(JsonObject json) {
        RequestBodies read = new RequestBodies();
        OrderDraft draft = new OrderDraft(read.string(json, "type"), read.tableNumber(json, "table_number", "tableNumber"),
                read.string(json, "customer_name", "customerName"), read.items(json, "items"),
                read.string(json, "notes"));
        read.throwIfInvalid();
        return draft;
    }

    static OrderPatch orderPatch(JsonObject json) {
        RequestBodies read = new RequestBodies();
        OrderPatch patch = new OrderPatch(
                read.has(json, "items") ? Edit.set(read.items(json, "items")) : Edit.keep(),
                read.has(json, "table_number", "tableNumber")
                        ? Edit.set(read.tableNumber(json, "table_number", "tableNumber")) : Edit.keep(),
                read.has(json, "customer_name", "customerName")
                        ? Edit.set(read.string(json, "customer_name", "customerName")) : Edit.keep(),
                read.has(json, "notes") ? Edit.set(read.string(json, "notes")) : Edit.keep());
        read.throwIfInvalid();
        if (patch.isEmpty()) {
            throw ApiException.invalidPayload("nothing to change: send items, table_number, customer_name or notes");
        }
        return patch;
    }

    static String status(JsonObject json) {
        RequestBodies read = new RequestBodies();
        String status = read.string(json, "status");
        if (status == null && read.problems.isEmpty()) {
            read.problems.put("status", "is required");
        }
        read.throwIfInvalid();
        return status;
    }

    static String reason(JsonObject json) {
        RequestBodies read = new RequestBodies();
        String reason = read.string(json, "reason");
        read.throwIfInvalid();
        return reason;
    }

    static AlertDraft alertDraft(JsonObject json) {
        RequestBodies read = new RequestBodies();
        AlertDraft draft = new AlertDraft(read.string(json, "type"), read.string(json, "message"),
                read.integer(json, "severity"), read.string(json, "orderId", "order_id"),
                read.tableNumber(json, "tableNumber", "table_number"), read.string(json, "station"));
        read.throwIfInvalid();
        return draft;
    }

    private void throwIfInvalid() {
        if (!problems.isEmpty()) {
            throw ApiException.invalidPayload("the body has fields of the wrong type", problems);
        }
    }

    private boolean has(JsonObject json, String... names) {
        for (String name : names) {
            if (json.containsKey(name)) {
                return true;
            }
        }
        return false;
    }

    /** The first of the names present, and its value (null if none). */
    private Map.Entry<String, Object> field(JsonObject json, String... names) {
        for (String name : names) {
            if (json.containsKey(name)) {
                return new java.util.AbstractMap.SimpleImmutableEntry<>(name, json.getValue(name));
            }
        }
        return new java.util.AbstractMap.SimpleImmutableEntry<>(names[0], null);
    }

    private String string(JsonObject json, String... names) {
        return string(field(json, names), names[0]);
    }

    private String string(Map.Entry<String, Object> field, String path) {
        Object value = field.getValue();
        if (value == null || value instanceof String) {
            return (String) value;
        }
        problems.put(path, "must be a string");
        return null;
    }

    /** A table is a string; a whole number is taken as its string ({@code 5} as {@code "5"}). */
    private String tableNumber(JsonObject json, String... names) {
        Object value = field(json, names).getValue();
        if (value instanceof Integer || value instanceof Long) {
            return value.toString();
        }
        return string(field(json, names), names[0]);
    }

    private Integer integer(JsonObject json, String name) {
        return integer(json.getValue(name), name);
    }

    private Integer integer(Object value, String path) {
        if (value == null) {
            return null;
        }
        if (value instanceof java.math.BigInteger big && big.bitLength() > 62) {
            return Integer.MAX_VALUE;
        }
        if (value instanceof Number number && isWhole(number)) {
            if (!(number instanceof Integer || number instanceof Long) && Math.abs(number.doubleValue()) > 1e15) {
                return Integer.MAX_VALUE;
            }
            long whole = number.longValue();
            return whole > Integer.MAX_VALUE || whole < Integer.MIN_VALUE ? Integer.MAX_VALUE : (int) whole;
        }
        problems.put(path, "must be a whole number");
        return null;
    }

    private static boolean isWhole(Number number) {
        if (number instanceof Integer || number instanceof Long || number instanceof java.math.BigInteger) {
            return true;
        }
        double d = number.doubleValue();
        return Double.isFinite(d) && d == Math.rint(d);
    }

    private BigDecimal decimal(Object value, String path) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            if (number instanceof BigDecimal big) {
                return big;
            }
            if (number instanceof Integer || number instanceof Long) {
                return BigDecimal.valueOf(number.longValue());
            }
            double d = number.doubleValue();
            if (Double.isFinite(d)) {
                return BigDecimal.valueOf(d);
            }
        }
        problems.put(path, "must be a number");
        return null;
    }

    private List<ItemDraft> items(JsonObject json, String name) {
        Object value = json.getValue(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonArray array)) {
            problems.put(name, "must be an array");
            return null;
        }
        List<ItemDraft> items = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String at = name + "[" + i + "]";
            if (!(array.getValue(i) instanceof JsonObject item)) {
                problems.put(at, "must be an object");
                items.add(null);
                continue;
            }
            items.add(new ItemDraft(
                    string(field(item, "id"), at + ".id"),
                    menuItemId(field(item, "menu_item_id", "menuItemId"), at + ".menu_item_id"),
                    string(field(item, "name"), at + ".name"),
                    integer(item.getValue("quantity"), at + ".quantity"),
                    decimal(item.getValue("price"), at + ".price"),
                    modifiers(item.getValue("modifiers"), at + ".modifiers"),
                    string(field(item, "special_instructions", "specialInstructions"), at + ".special_instructions"),
                    string(field(item, "station"), at + ".station")));
        }
        return items;
    }

    private String menuItemId(Map.Entry<String, Object> field, String path) {
        if (field.getValue() instanceof Integer || field.getValue() instanceof Long) {
            return field.getValue().toString();
        }
        return string(field, path);
    }

    /** Modifiers are {@code { name, price? }} objects, or plain strings (free modifiers). */
    private List<ItemDraft.ModifierDraft> modifiers(Object value, String path) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonArray array)) {
            problems.put(path, "must be an array");
            return null;
        }
        List<ItemDraft.ModifierDraft> modifiers = new ArrayList<>();
        for (int m = 0; m < array.size(); m++) {
            String at = path + "[" + m + "]";
            Object modifier = array.getValue(m);
            if (modifier instanceof String name) {
                modifiers.add(new ItemDraft.ModifierDraft(name, null));
            } else if (modifier instanceof JsonObject object) {
                modifiers.add(new ItemDraft.ModifierDraft(string(field(object, "name"), at + ".name"),
                        decimal(object.getValue("price"), at + ".price")));
            } else {
                problems.put(at, "must be a string or an object");
                modifiers.add(null);
            }
        }
        return modifiers;
    }
}
