package com.restaurantos.realtime;

import com.restaurantos.orders.Order;
import com.restaurantos.orders.OrderStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code order:update_status}: one transition, stored and broadcast; a refused one changes nothing. */
class UpdateStatusHandlerTest extends RealtimeServerTest {
    private final UUID restaurant = UUID.randomUUID();
    private final UUID other = UUID.randomUUID();

    private JsonObject update(Order order, String status) {
        return new JsonObject().put("orderId", order.id().toString()).put("status", status)
                .put("restaurantId", restaurant.toString());
    }

    @Test
    void appliesTheTransitionAcksTheOrderAndBroadcastsStatusChangedToTheRestaurant() {
        Order order = server.order(restaurant, "7");
        TestClient kitchen = server.connect("kitchen", restaurant);
        TestClient floor = server.joined("server", restaurant);
        TestClient elsewhere = server.joined("server", other);

        JsonObject data = Acks.data(kitchen.ack("order:update_status", update(order, "confirmed")));

        assertThat(data.getString("id")).isEqualTo(order.id().toString());
        assertThat(data.getString("status")).isEqualTo("confirmed");
        assertThat(data.getString("order_number")).isEqualTo(order.orderNumber());
        assertThat(server.stored(order).status()).isEqualTo(OrderStatus.CONFIRMED);
        JsonObject changed = floor.first("order:status_changed").object();
        assertThat(changed.fieldNames()).containsExactlyInAnyOrder("orderId", "previousStatus", "status",
                "timestamp", "restaurant_id");
        assertThat(changed.getString("orderId")).isEqualTo(order.id().toString());
        assertThat(changed.getString("previousStatus")).isEqualTo("new");
        assertThat(changed.getString("status")).isEqualTo("confirmed");
        assertThat(changed.getString("restaurant_id")).isEqualTo(restaurant.toString());
        assertThat(Instant.parse(changed.getString("timestamp"))).isCloseTo(Instant.now(), within(Duration.ofMinutes(1)));
        elsewhere.barrier();
        assertThat(elsewhere.names()).doesNotContain("order:status_changed");
    }

    @Test
    void theRestaurantMayBeLeftOutOnceTheSocketJoinedOne() {
        Order order = server.order(other, "1");
        TestClient client = server.connect(server.token("manager", restaurant, other));
        Acks.data(client.ack("join:restaurant", other.toString()));

        Acks.data(client.ack("order:update_status", new JsonObject().put("orderId", order.id().toString())
                .put("status", "cancelled")));

        assertThat(server.stored(order).status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void aCancellationBroadcastsStatusChangedThenDeleted() {
        Order order = server.order(restaurant, "2", List.of(OrderStatus.CONFIRMED));
        TestClient kitchen = server.joined("kitchen", restaurant);

        Acks.data(kitchen.ack("order:update_status", update(order, "cancelled")));

        kitchen.first("order:deleted");
        assertThat(kitchen.names()).containsSubsequence("order:status_changed", "order:deleted");
        JsonObject deleted = kitchen.first("order:deleted").object();
        assertThat(deleted.fieldNames()).containsExactlyInAnyOrder("orderId", "timestamp");
        assertThat(deleted.getString("orderId")).isEqualTo(order.id().toString());
    }

    @Test
    void theLastActiveOrderOfATableBecomingReadyAnnouncesTableReady() {
        List<OrderStatus> preparing = List.of(OrderStatus.CONFIRMED, OrderStatus.PREPARING);
        Order soup = server.order(restaurant, "12", preparing);
        Order steak = server.order(restaurant, "12", preparing);
        TestClient kitchen = server.joined("kitchen", restaurant);

        Acks.data(kitchen.ack("order:update_status", update(soup, "ready")));
        kitchen.barrier();
        assertThat(kitchen.names()).doesNotContain("table:ready");
        Acks.data(kitchen.ack("order:update_status", update(steak, "ready")));

        JsonObject ready = kitchen.first("table:ready").object();
        assertThat(ready.getString("tableNumber")).isEqualTo("12");
        assertThat(ready.getJsonArray("orderIds").getList())
                .containsExactlyInAnyOrder(soup.id().toString(), steak.id().toString());
    }

    @Test
    void actsOnTheEventsOfOneSocketInTheOrderTheyCame() {
        Order slow = server.order(restaurant, "3");
        Order fast = server.order(restaurant, "4");
        // The first change takes a while: acted on side by side, the second would overtake it.
        server.slowStatusUpdates(slow, Duration.ofMillis(300));
        TestClient kitchen = server.joined("kitchen", restaurant);

        CompletableFuture<JsonObject> first = kitchen.ackLater("order:update_status", update(slow, "confirmed"));
        CompletableFuture<JsonObject> second = kitchen.ackLater("order:update_status", update(fast, "confirmed"));
        CompletableFuture<JsonObject> third = kitchen.ackLater("order:update_status", update(slow, "preparing"));

        Acks.data(first.join());
        Acks.data(second.join());
        Acks.data(third.join());
        assertThat(kitchen.atLeast(3, "order:status_changed")).map(r -> r.object().getString("orderId"))
                .containsExactly(slow.id().toString(), fast.id().toString(), slow.id().toString());
    }

    static Stream<Object> wrongShapes() {
        String id = UUID.randomUUID().toString();
        return Stream.of(42, "confirmed", new JsonArray().add(id).add("confirmed"), new JsonObject(),
                new JsonObject().put("status", "confirmed"),
                new JsonObject().put("orderId", id),
                new JsonObject().put("orderId", 17).put("status", "confirmed"),
                new JsonObject().put("orderId", id).put("status", 2),
                new JsonObject().put("orderId", id).put("status", "confirmed").put("restaurantId", true));
    }

    @ParameterizedTest
    @MethodSource("wrongShapes")
    void refusesAPayloadOfTheWrongShapeOrTypesWithInvalidPayload(Object payload) {
        TestClient client = server.connect("kitchen", restaurant);

        Acks.error(client.ack("order:update_status", payload), "INVALID_PAYLOAD");
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("orderId", "order-1", "confirmed"),
                Arguments.of("orderId", "1-1-1-1-1", "confirmed"),
                Arguments.of("status", null, "eaten"),
                Arguments.of("status", null, "CONFIRMED"));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void refusesABadValueWithValidationErrorNamingTheField(String field, String orderId, String status) {
        Order order = server.order(restaurant, "1");
        int published = server.publishedFor(restaurant).size();
        TestClient client = server.connect("kitchen", restaurant);

        JsonObject details = Acks.details(client.ack("order:update_status", new JsonObject()
                .put("orderId", orderId == null ? order.id().toString() : orderId).put("status", status)));

        assertThat(details.fieldNames()).containsExactly(field);
        assertUnchanged(order, published);
    }

    @Test
    void refusesAMalformedRestaurantIdWithInvalidRestaurant() {
        Order order = server.order(restaurant, "1");
        int published = server.publishedFor(restaurant).size();
        TestClient client = server.connect("kitchen", restaurant);

        Acks.error(client.ack("order:update_status", update(order, "confirmed").put("restaurantId", "main-st")),
                "INVALID_RESTAURANT");

        assertUnchanged(order, published);
    }

    @Test
    void refusesATokenWithoutOrdersStatusWithPermissionDenied() {
        Order order = server.order(restaurant, "1");
        int published = server.publishedFor(restaurant).size();
        TestClient cashier = server.connect("cashier", restaurant);

        Acks.error(cashier.ack("order:update_status", update(order, "confirmed")), "PERMISSION_DENIED");

        assertUnchanged(order, published);
    }

    @Test
    void refusesAnOrderOfARestaurantTheTokenDoesNotNameWithPermissionDenied() {
        Order order = server.order(other, "1");
        int published = server.publishedFor(other).size();
        TestClient kitchen = server.connect("kitchen", restaurant);

        Acks.error(kitchen.ack("order:update_status", new JsonObject().put("orderId", order.id().toString())
                .put("status", "confirmed").put("restaurantId", other.toString())), "PERMISSION_DENIED");

        assertThat(server.stored(order).status()).isEqualTo(OrderStatus.NEW);
        assertThat(server.publishedFor(other)).hasSize(published);
    }

    @Test
    void refusesAnUnknownOrderWithOrderNotFound() {
        TestClient kitchen = server.connect("kitchen", restaurant);

        Acks.error(kitchen.ack("order:update_status", new JsonObject().put("orderId", UUID.randomUUID().toString())
                .put("status", "confirmed")), "ORDER_NOT_FOUND");
    }

    @Test
    void anOrderOfAnotherRestaurantIsNotFoundThroughTheOwnRestaurant() {
        Order foreign = server.order(other, "1");
        int published = server.publishedFor(other).size();
        TestClient kitchen = server.connect("kitchen", restaurant);

        Acks.error(kitchen.ack("order:update_status", new JsonObject().put("orderId", foreign.id().toString())
                .put("status", "confirmed").put("restaurantId", restaurant.toString())), "ORDER_NOT_FOUND");

        assertThat(server.stored(foreign).status()).isEqualTo(OrderStatus.NEW);
        assertThat(server.publishedFor(other)).hasSize(published);
    }

    static Stream<Arguments> illegalTransitions() {
        return Stream.of(
                Arguments.of(List.of(), "ready"),
                Arguments.of(List.of(), "new"),
                Arguments.of(List.of(OrderStatus.CONFIRMED), "pending"),
                Arguments.of(List.of(OrderStatus.CANCELLED), "confirmed"),
                Arguments.of(List.of(OrderStatus.CONFIRMED, OrderStatus.PREPARING, OrderStatus.READY,
                        OrderStatus.COMPLETED), "preparing"));
    }

    @ParameterizedTest
    @MethodSource("illegalTransitions")
    void refusesATransitionTheTableDoesNotAllowWithInvalidTransition(List<OrderStatus> path, String to) {
        Order order = server.order(restaurant, "1", path);
        int published = server.publishedFor(restaurant).size();
        TestClient kitchen = server.joined("kitchen", restaurant);

        Acks.error(kitchen.ack("order:update_status", update(order, to)), "INVALID_TRANSITION");

        assertUnchanged(order, published);
        kitchen.barrier();
        assertThat(kitchen.names()).doesNotContain("order:status_changed", "order:deleted");
    }

    @Test
    void withoutAnAckTheErrorComesAsAnErrorEvent() {
        Order order = server.order(restaurant, "1");
        TestClient kitchen = server.connect("kitchen", restaurant);

        kitchen.emit("order:update_status", update(order, "ready"));

        Acks.error(kitchen.first("error").object(), "INVALID_TRANSITION");
        assertThat(kitchen.connected()).isTrue();
    }

    @Test
    void withoutAnAckASuccessfulChangeIsStillAppliedAndBroadcast() {
        Order order = server.order(restaurant, "1");
        TestClient kitchen = server.joined("kitchen", restaurant);

        kitchen.emit("order:update_status", update(order, "confirmed"));

        assertThat(kitchen.first("order:status_changed").object().getString("status")).isEqualTo("confirmed");
        assertThat(server.stored(order).status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(kitchen.names()).doesNotContain("error");
    }

    @Test
    void badEventsNeverDisconnectAndNeverChangeData() {
        Order order = server.order(restaurant, "1");
        int published = server.publishedFor(restaurant).size();
        TestClient kitchen = server.connect("kitchen", restaurant);

        for (Object bad : new Object[]{42, new JsonObject(), update(order, "eaten"), update(order, "ready"),
                update(order, "confirmed").put("restaurantId", other.toString()),
                update(order, "confirmed").put("orderId", UUID.randomUUID().toString())}) {
            kitchen.ack("order:update_status", bad);
            kitchen.emit("order:update_status", bad);
        }
        kitchen.barrier();

        assertThat(kitchen.connected()).isTrue();
        assertUnchanged(order, published);
        Acks.data(kitchen.ack("order:update_status", update(order, "confirmed")));
    }

    private void assertUnchanged(Order order, int publishedBefore) {
        Order stored = server.stored(order);
        assertThat(stored.status()).isEqualTo(order.status());
        assertThat(stored.version()).isEqualTo(order.version());
        assertThat(server.publishedFor(order.restaurantId())).hasSize(publishedBefore);
    }
}
