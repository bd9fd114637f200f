package com.restaurantos.simulation;

import com.restaurantos.orders.OrderStatus;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The {@link Restaurant} of a running server, over its REST API ({@code /api/v1}, contract section 4), with the
 * JDK's HTTP client. Every answer is counted in the {@link Tally}: the orders and statuses the server confirmed,
 * the alerts it took, and every request that failed.
 */
public final class RestClient implements Restaurant {
    private static final String API = "/api/v1";
    private static final int PAGE = 500;

    private final HttpClient http;
    private final String server;
    private final UUID restaurant;
    private final Supplier<String> token;
    private final Tally tally;
    private final Duration timeout;
    private final Pacer pacer;

    /**
     * @param server     the server's address, e.g. {@code http://localhost:3001}
     * @param restaurant sent as {@code X-Restaurant-ID}, for tokens of several restaurants
     * @param token      the bearer token of each request
     * @param timeout    how long a request may take
     * @param perSecond  at most this many requests a second to each route (0: no limit)
     */
    public RestClient(URI server, UUID restaurant, Supplier<String> token, Tally tally, Duration timeout,
                      int perSecond) {
        this.server = server.toString().replaceAll("/+$", "");
        this.restaurant = restaurant;
        this.token = token;
        this.tally = tally;
        this.timeout = timeout;
        this.pacer = new Pacer(perSecond, System::nanoTime);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** Whether the server is there: {@code GET /health/live}. */
    public void checkAlive() {
        send("GET", "/health/live", "/health/live", null);
    }

    /**
     * The tables that have active dine-in orders now: left by an earlier simulation, or guests the real staff is
     * looking after. Also shows whether the server takes the token.
     */
    public Set<String> tablesInUse() {
        String active = OrderStatus.active().stream().map(OrderStatus::wire).collect(Collectors.joining(","));
        Set<String> tables = new LinkedHashSet<>();
        for (int offset = 0; ; offset += PAGE) {
            JsonObject page = send("GET", API + "/orders", API + "/orders?type=dine-in&status=" + active
                    + "&limit=" + PAGE + "&offset=" + offset, null);
            JsonArray orders = page.getJsonArray("orders", new JsonArray());
            for (int i = 0; i < orders.size(); i++) {
                String table = orders.getJsonObject(i).getString("table_number");
                if (table != null) {
                    tables.add(table);
                }
            }
            if (orders.isEmpty() || offset + orders.size() >= page.getInteger("total", 0)) {
                return tables;
            }
        }
    }

    @Override
    public PlacedOrder placeOrder(OrderRequest order) {
        JsonObject body = new JsonObject().put("type", order.type().wire());
        putIf(body, "table_number", order.table());
        putIf(body, "customer_name", order.customer());
        body.put("items", items(order.items()));
        putIf(body, "notes", order.notes());
        JsonObject created = send("POST", API + "/orders", API + "/orders", body);
        UUID id = UUID.fromString(created.getString("id"));
        tally.created(id);
        return new PlacedOrder(id, created.getString("order_number"));
    }

    @Override
    public void amendOrder(UUID order, Amendment amendment) {
        JsonObject body = new JsonObject();
        if (amendment.items() != null) {
            body.put("items", items(amendment.items()));
        }
        putIf(body, "notes", amendment.notes());
        send("PATCH", API + "/orders/{id}", API + "/orders/" + order, body);
    }

    @Override
    public void changeStatus(UUID order, OrderStatus status) {
        counted(send("PATCH", API + "/orders/{id}/status", API + "/orders/" + order + "/status",
                new JsonObject().put("status", status.wire())));
    }

    @Override
    public void cancelOrder(UUID order, String reason) {
        counted(send("DELETE", API + "/orders/{id}", API + "/orders/" + order, new JsonObject().put("reason", reason)));
    }

    @Override
    public List<UUID> completeTable(String table) {
        JsonObject completion = send("POST", API + "/tables/{tableNumber}/complete",
                API + "/tables/" + URLEncoder.encode(table, StandardCharsets.UTF_8).replace("+", "%20")
                        + "/complete", null);
        JsonArray orders = completion.getJsonArray("orders", new JsonArray());
        for (int i = 0; i < orders.size(); i++) {
            counted(orders.getJsonObject(i));
        }
        List<UUID> ids = new ArrayList<>();
        completion.getJsonArray("orderIds", new JsonArray()).forEach(id -> ids.add(UUID.fromString((String) id)));
        return ids;
    }

    @Override
    public void raiseAlert(Alert alert) {
        JsonObject body = new JsonObject()
                .put("type", alert.type().wire())
                .put("message", alert.message())
                .put("severity", alert.severity());
        if (alert.order() != null) {
            body.put("orderId", alert.order().toString());
        }
        putIf(body, "tableNumber", alert.table());
        if (alert.station() != null) {
            body.put("station", alert.station().wire());
        }
        send("POST", API + "/alerts", API + "/alerts", body);
        tally.alerted();
    }

    /** The status of an order as the server answered it. */
    private void counted(JsonObject order) {
        OrderStatus.fromWire(order.getString("status"))
                .ifPresent(status -> tally.changed(UUID.fromString(order.getString("id")), status));
    }

    private static JsonArray items(List<LineItem> items) {
        JsonArray array = new JsonArray();
        for (LineItem item : items) {
            JsonObject json = new JsonObject()
                    .put("menu_item_id", item.dish().id())
                    .put("name", item.dish().name())
                    .put("quantity", item.quantity())
                    .put("price", item.dish().price());
            if (!item.extras().isEmpty()) {
                JsonArray modifiers = new JsonArray();
                for (Menu.Extra extra : item.extras()) {
                    modifiers.add(extra.price() == null ? extra.name()
                            : new JsonObject().put("name", extra.name()).put("price", extra.price()));
                }
                json.put("modifiers", modifiers);
            }
            putIf(json, "special_instructions", item.instructions());
            array.add(json.put("station", item.dish().station().wire()));
        }
        return array;
    }

    /**
     * One request; its answer's JSON object, or {@link RequestFailed} (counted) for an error or no answer.
     *
     * @param route what failures are counted under: the method and the path template
     */
    private JsonObject send(String method, String route, String path, JsonObject body) {
        String name = method + " " + route;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server + path))
                .timeout(timeout)
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.encode()));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (path.startsWith(API)) {
            request.header("Authorization", "Bearer " + token.get())
                    .header("X-Restaurant-ID", restaurant.toString());
        }
        HttpResponse<String> response;
        try {
            pacer.await(name);
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw failed(new RequestFailed(name, RequestFailed.NO_ANSWER, e.getClass().getSimpleName(),
                    e.getMessage() == null ? e.toString() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(new RequestFailed(name, RequestFailed.NO_ANSWER, "Interrupted", "interrupted"));
        }
        JsonObject answer;
        try {
            answer = response.body().isBlank() ? new JsonObject() : new JsonObject(response.body());
        } catch (DecodeException | ClassCastException e) {
            answer = null;
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300 && answer != null) {
            return answer;
        }
        JsonObject error = answer == null ? null : answer.getJsonObject("error");
        if (error != null) {
            throw failed(new RequestFailed(name, status, error.getString("code", "HTTP_" + status),
                    error.getString("message", "")));
        }
        throw failed(new RequestFailed(name, status, "HTTP_" + status, answer == null
                ? "the answer is not a JSON object: " + abbreviated(response.body()) : "no error in the answer"));
    }

    private RequestFailed failed(RequestFailed failure) {
        tally.failed(failure);
        return failure;
    }

    private static String abbreviated(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= 100 ? line : line.substring(0, 100) + "…";
    }

    private static void putIf(JsonObject json, String key, String value) {
        if (value != null) {
            json.put(key, value);
        }
    }
}
