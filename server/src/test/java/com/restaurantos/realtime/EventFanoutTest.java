package com.restaurantos.realtime;

import com.restaurantos.orders.Actor;
import com.restaurantos.orders.AlertDraft;
import com.restaurantos.orders.DomainEvent;
import com.restaurantos.orders.Edit;
import com.restaurantos.orders.Order;
import com.restaurantos.orders.OrderPatch;
import com.restaurantos.orders.OrderStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who receives which server event: committed domain events, from the services or published directly, routed
 * to the restaurant room, to station rooms (expo and pos see every order), never to another restaurant, and
 * to batched sockets only in their batch.
 */
class EventFanoutTest extends RealtimeServerTest {
    private static final Actor WAITER = Actor.staff("waiter-3");

    private final UUID restaurant = UUID.randomUUID();
    private final UUID other = UUID.randomUUID();

    @Test
    void orderCreatedReachesTheRestaurantRoomAndNoOtherSocket() {
        TestClient floor = server.joined("server", restaurant);
        TestClient notJoined = server.connect("server", restaurant);
        TestClient elsewhere = server.joined("server", other);

        Order order = server.order(restaurant, "1");

        JsonObject created = floor.first("order:created").object();
        assertThat(created.getString("id")).isEqualTo(order.id().toString());
        assertThat(created.getString("restaurant_id")).isEqualTo(restaurant.toString());
        assertThat(created.getString("status")).isEqualTo("new");
        assertThat(created.getString("order_number")).isEqualTo(order.orderNumber());
        assertReceivedNothingOf(notJoined, order);
        assertReceivedNothingOf(elsewhere, order);
    }

    @Test
    void orderUpdatedCarriesTheOrderTheChangedFieldsAndWhoChangedThem() {
        Order order = server.order(restaurant, "1");
        TestClient floor = server.joined("server", restaurant);

        server.orders.update(WAITER, restaurant, order.id(), new OrderPatch(Edit.keep(), Edit.set("2"), Edit.keep(),
                Edit.set("no nuts")));

        JsonObject updated = floor.first("order:updated").object();
        assertThat(updated.fieldNames()).containsExactlyInAnyOrder("order", "changes", "updatedBy");
        assertThat(updated.getJsonObject("order").getString("id")).isEqualTo(order.id().toString());
        assertThat(updated.getJsonObject("order").getString("notes")).isEqualTo("no nuts");
        assertThat(updated.getJsonArray("changes").getList()).containsExactlyInAnyOrder("table_number", "notes");
        assertThat(updated.getString("updatedBy")).isEqualTo("waiter-3");
    }

    @Test
    void aCancellationSendsStatusChangedThenDeletedWithTheReason() {
        Order order = server.order(restaurant, "1");
        TestClient floor = server.joined("server", restaurant);

        server.orders.cancel(WAITER, restaurant, order.id(), "guest left");

        JsonObject deleted = floor.first("order:deleted").object();
        assertThat(deleted.fieldNames()).containsExactlyInAnyOrder("orderId", "reason", "timestamp");
        assertThat(deleted.getString("orderId")).isEqualTo(order.id().toString());
        assertThat(deleted.getString("reason")).isEqualTo("guest left");
        assertThat(floor.names()).containsExactly("connection:status", "order:status_changed", "order:deleted");
        JsonObject changed = floor.first("order:status_changed").object();
        assertThat(changed.getString("previousStatus")).isEqualTo("new");
        assertThat(changed.getString("status")).isEqualTo("cancelled");
        assertThat(changed.getString("timestamp")).isEqualTo(deleted.getString("timestamp"));
    }

    @Test
    void theEventsOfOneOrderArriveInCommitOrder() {
        TestClient floor = server.joined("server", restaurant);

        Order order = server.order(restaurant, "1");
        server.orders.update(WAITER, restaurant, order.id(), new OrderPatch(Edit.keep(), Edit.keep(), Edit.keep(),
                Edit.set("extra bread")));
        for (OrderStatus status : List.of(OrderStatus.CONFIRMED, OrderStatus.PREPARING, OrderStatus.READY)) {
            server.orders.changeStatus(WAITER, restaurant, order.id(), status);
        }
        server.orders.cancel(WAITER, restaurant, order.id(), null);

        floor.first("order:deleted");
        assertThat(floor.names()).containsExactly("connection:status", "order:created", "order:updated",
                "order:status_changed", "order:status_changed", "order:status_changed", "table:ready",
                "order:status_changed", "order:deleted");
        assertThat(floor.all("order:status_changed")).map(p -> ((JsonObject) p).getString("status"))
                .containsExactly("confirmed", "preparing", "ready", "cancelled");
    }

    @Test
    void aStationGetsTheOrdersWithItemsForItAndExpoAndPosGetThemAll() {
        TestClient kitchen = server.atStation("kitchen", restaurant, "kitchen");
        TestClient bar = server.atStation("kitchen", restaurant, "bar");
        TestClient expo = server.atStation("expo", restaurant, "expo");
        TestClient pos = server.atStation("server", restaurant, "pos");
        TestClient floor = server.joined("server", restaurant);

        Order food = server.order(restaurant, "1", "kitchen");
        Order drink = server.order(restaurant, "2", "bar");
        Order bread = server.order(restaurant, "3", (String) null);
        server.orders.changeStatus(WAITER, restaurant, food.id(), OrderStatus.CONFIRMED);
        server.orders.changeStatus(WAITER, restaurant, drink.id(), OrderStatus.CONFIRMED);

        Map<TestClient, List<Order>> expected = Map.of(
                kitchen, List.of(food, bread),
                bar, List.of(drink, bread),
                expo, List.of(food, drink, bread),
                pos, List.of(food, drink, bread),
                floor, List.of(food, drink, bread));
        expected.forEach((client, orders) -> {
            client.barrier();
            assertThat(ids(client, "order:created")).containsExactlyElementsOf(ids(orders));
        });
        for (TestClient client : List.of(expo, pos, floor)) {
            assertThat(ids(client, "order:status_changed")).containsExactly(food.id().toString(),
                    drink.id().toString());
        }
        assertThat(ids(kitchen, "order:status_changed")).containsExactly(food.id().toString());
        assertThat(ids(bar, "order:status_changed")).containsExactly(drink.id().toString());
    }

    @Test
    void aSocketAtTwoStationsGetsEachEventOnce() {
        TestClient both = server.atStation("kitchen", restaurant, "kitchen");
        Acks.data(both.ack("join:station", new JsonObject().put("station", "bar")));

        Order order = server.order(restaurant, "1", "kitchen", "bar");

        both.barrier();
        assertThat(ids(both, "order:created")).containsExactly(order.id().toString());
    }

    @Test
    void tableEventsReachTheWholeRestaurantRoomStationsIncluded() {
        TestClient bar = server.atStation("kitchen", restaurant, "bar");
        TestClient floor = server.joined("server", restaurant);
        TestClient elsewhere = server.joined("server", other);
        Order food = server.order(restaurant, "7", "kitchen");
        for (OrderStatus status : List.of(OrderStatus.CONFIRMED, OrderStatus.PREPARING, OrderStatus.READY)) {
            server.orders.changeStatus(WAITER, restaurant, food.id(), status);
        }

        server.orders.completeTable(WAITER, restaurant, "7");

        for (TestClient client : List.of(bar, floor)) {
            JsonObject ready = client.first("table:ready").object();
            assertThat(ready.fieldNames()).containsExactlyInAnyOrder("tableNumber", "orderIds", "readyAt");
            assertThat(ready.getJsonArray("orderIds").getList()).containsExactly(food.id().toString());
            JsonObject completed = client.first("table:completed").object();
            assertThat(completed.getString("tableNumber")).isEqualTo("7");
            assertThat(completed.getString("restaurant_id")).isEqualTo(restaurant.toString());
        }
        elsewhere.barrier();
        assertThat(elsewhere.names()).doesNotContain("table:ready", "table:completed");
    }

    @Test
    void aDomainEventIsRoutedWhoeverPublishedIt() {
        TestClient floor = server.joined("server", restaurant);
        TestClient elsewhere = server.joined("server", other);
        Instant at = Instant.parse("2025-03-14T12:00:00.120Z");
        UUID orderId = UUID.randomUUID();

        server.events.publish(new DomainEvent.TableReady(restaurant, "B4", List.of(orderId), at));

        assertThat(floor.first("table:ready").object()).isEqualTo(new JsonObject().put("tableNumber", "B4")
                .put("orderIds", new JsonArray().add(orderId.toString()))
                .put("readyAt", "2025-03-14T12:00:00.120Z"));
        elsewhere.barrier();
        assertThat(elsewhere.names()).doesNotContain("table:ready");
    }

    @Test
    void aBatchedSocketGetsOrderAndTableEventsOnlyInItsBatch() {
        TestClient batched = server.connect("server", restaurant);
        Acks.data(batched.ack("join:restaurant", new JsonObject().put("restaurantId", restaurant.toString())
                .put("batch", true)));

        Order order = server.order(restaurant, "1");
        server.orders.completeTable(WAITER, restaurant, "1");

        List<JsonObject> items = awaitBatched(batched, 3);
        assertThat(items).map(i -> i.getString("event"))
                .containsExactly("order:created", "order:status_changed", "table:completed");
        assertThat(items.get(0).getJsonObject("data").getString("id")).isEqualTo(order.id().toString());
        batched.barrier();
        assertThat(batched.names()).doesNotContain("order:created", "order:status_changed", "table:completed");
    }

    @Test
    void aKitchenAlertForAStationReachesOnlyThatStation() {
        TestClient kitchen = server.atStation("kitchen", restaurant, "kitchen");
        TestClient bar = server.atStation("kitchen", restaurant, "bar");
        TestClient floor = server.joined("server", restaurant);

        server.alerts.raise(WAITER, restaurant, new AlertDraft("warning", "out of limes", 3, null, null, "bar"));

        assertThat(bar.first("kitchen:alert").object().getString("message")).isEqualTo("out of limes");
        for (TestClient outside : List.of(kitchen, floor)) {
            outside.barrier();
            assertThat(outside.names()).doesNotContain("kitchen:alert");
        }
    }

    @Test
    void aKitchenAlertWithoutAStationReachesEverySocketOfTheRestaurantBatchedOnesAtOnce() {
        TestClient kitchen = server.atStation("kitchen", restaurant, "kitchen");
        TestClient floor = server.joined("server", restaurant);
        TestClient batched = server.connect("server", restaurant);
        Acks.data(batched.ack("join:restaurant", new JsonObject().put("restaurantId", restaurant.toString())
                .put("batch", true)));
        TestClient elsewhere = server.joined("server", other);

        server.alerts.raise(WAITER, restaurant, new AlertDraft("urgent", "fire in the fryer", 5, null, "3", null));

        for (TestClient client : List.of(kitchen, floor, batched)) {
            JsonObject alert = client.first("kitchen:alert").object();
            assertThat(alert.getString("type")).isEqualTo("urgent");
            assertThat(alert.getString("tableNumber")).isEqualTo("3");
            assertThat(alert.getInteger("severity")).isEqualTo(5);
        }
        elsewhere.barrier();
        assertThat(elsewhere.names()).doesNotContain("kitchen:alert");
    }

    // ---- helpers -------------------------------------------------------------------------

    private static List<String> ids(TestClient client, String event) {
        return client.all(event).stream().map(p -> (JsonObject) p)
                .map(p -> p.containsKey("orderId") ? p.getString("orderId") : p.getString("id")).toList();
    }

    private static List<String> ids(List<Order> orders) {
        return orders.stream().map(o -> o.id().toString()).toList();
    }

    /** The items of the batches received until there are at least {@code n}. */
    private static List<JsonObject> awaitBatched(TestClient client, int n) {
        return TestClient.awaiting().until(() -> client.all("orders:batch_update")
                .stream().flatMap(b -> ((JsonArray) b).stream()).map(i -> (JsonObject) i).toList(),
                items -> items.size() >= n);
    }

    private static void assertReceivedNothingOf(TestClient client, Order order) {
        client.barrier();
        assertThat(client.received()).noneMatch(r -> r.payload() instanceof JsonObject json
                && (order.id().toString().equals(json.getString("id"))
                || order.id().toString().equals(json.getString("orderId"))));
    }
}
