package com.restaurantos.realtime;

import com.restaurantos.orders.Order;
import com.restaurantos.orders.OrderStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code table:complete}: every active order of a table completed and broadcast; a refusal changes nothing. */
class TableCompleteHandlerTest extends RealtimeServerTest {
    private static final List<OrderStatus> PREPARING = List.of(OrderStatus.CONFIRMED, OrderStatus.PREPARING);
    private static final List<OrderStatus> READY = List.of(OrderStatus.CONFIRMED, OrderStatus.PREPARING,
            OrderStatus.READY);

    private final UUID restaurant = UUID.randomUUID();
    private final UUID other = UUID.randomUUID();

    private JsonObject complete(Object table) {
        return new JsonObject().put("tableNumber", table).put("restaurantId", restaurant.toString());
    }

    @Test
    void completesEveryActiveOrderOfTheTableAndBroadcastsEachChangeThenTableCompleted() {
        Order fresh = server.order(restaurant, "5");
        Order cooking = server.order(restaurant, "5", PREPARING);
        Order served = server.order(restaurant, "5", READY);
        Order cancelled = server.order(restaurant, "5", List.of(OrderStatus.CANCELLED));
        Order nextTable = server.order(restaurant, "6");
        TestClient floor = server.joined("server", restaurant);
        TestClient elsewhere = server.joined("server", other);

        JsonObject data = Acks.data(floor.ack("table:complete", complete("5")));

        List<String> completed = List.of(fresh.id().toString(), cooking.id().toString(), served.id().toString());
        assertThat(data.getString("tableNumber")).isEqualTo("5");
        assertThat(data.getString("restaurant_id")).isEqualTo(restaurant.toString());
        assertThat(data.getJsonArray("orderIds").getList()).containsExactlyInAnyOrderElementsOf(completed);
        assertThat(Instant.parse(data.getString("completedAt"))).isCloseTo(Instant.now(), within(Duration.ofMinutes(1)));
        for (Order order : List.of(fresh, cooking, served)) {
            assertThat(server.stored(order).status()).isEqualTo(OrderStatus.COMPLETED);
        }
        assertThat(server.stored(cancelled).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(server.stored(nextTable).status()).isEqualTo(OrderStatus.NEW);

        JsonObject tableCompleted = floor.first("table:completed").object();
        assertThat(tableCompleted.fieldNames()).containsExactlyInAnyOrder("tableNumber", "orderIds", "completedAt",
                "restaurant_id");
        assertThat(tableCompleted.getString("tableNumber")).isEqualTo("5");
        assertThat(tableCompleted.getJsonArray("orderIds").getList()).containsExactlyInAnyOrderElementsOf(completed);
        List<TestClient.Received> received = floor.received();
        List<String> changedIds = received.stream().filter(r -> r.name().equals("order:status_changed"))
                .map(r -> r.object().getString("orderId")).toList();
        assertThat(changedIds).containsExactlyInAnyOrderElementsOf(completed);
        assertThat(received.stream().filter(r -> r.name().equals("order:status_changed"))
                .map(r -> r.object().getString("status"))).containsOnly("completed");
        assertThat(floor.names().indexOf("table:completed"))
                .isGreaterThan(floor.names().lastIndexOf("order:status_changed"));
        elsewhere.barrier();
        assertThat(elsewhere.names()).doesNotContain("order:status_changed", "table:completed");
    }

    @Test
    void acceptsTheTableNumberAsANumber() {
        Order order = server.order(restaurant, "14");
        TestClient floor = server.connect("server", restaurant);

        JsonObject data = Acks.data(floor.ack("table:complete", complete(14)));

        assertThat(data.getJsonArray("orderIds").getList()).containsExactly(order.id().toString());
        assertThat(server.stored(order).status()).isEqualTo(OrderStatus.COMPLETED);
    }

    @Test
    void aTableWithoutActiveOrdersCompletesNothingAndBroadcastsNothing() {
        server.order(restaurant, "8", List.of(OrderStatus.CANCELLED));
        int published = server.publishedFor(restaurant).size();
        TestClient floor = server.joined("server", restaurant);

        JsonObject data = Acks.data(floor.ack("table:complete", complete("8")));

        assertThat(data.getJsonArray("orderIds")).isEmpty();
        assertThat(server.publishedFor(restaurant)).hasSize(published);
        floor.barrier();
        assertThat(floor.names()).doesNotContain("table:completed", "order:status_changed");
    }

    @Test
    void theRestaurantMayBeLeftOutOnceTheSocketJoinedOne() {
        Order order = server.order(other, "2");
        TestClient client = server.connect(server.token("manager", restaurant, other));
        Acks.data(client.ack("join:restaurant", other.toString()));

        Acks.data(client.ack("table:complete", new JsonObject().put("tableNumber", "2")));

        assertThat(server.stored(order).status()).isEqualTo(OrderStatus.COMPLETED);
    }

    @Test
    void aKitchenTokenMayCompleteATable() {
        Order order = server.order(restaurant, "3");
        TestClient kitchen = server.connect("kitchen", restaurant);

        Acks.data(kitchen.ack("table:complete", complete("3")));

        assertThat(server.stored(order).status()).isEqualTo(OrderStatus.COMPLETED);
    }

    static Stream<Object> wrongShapes() {
        return Stream.of(5, "5", new JsonArray().add("5"), new JsonObject(),
                new JsonObject().put("tableNumber", true),
                new JsonObject().put("tableNumber", 5.5),
                new JsonObject().put("tableNumber", new JsonArray().add(5)),
                new JsonObject().put("tableNumber", "5").put("restaurantId", 1));
    }

    @ParameterizedTest
    @MethodSource("wrongShapes")
    void refusesAPayloadOfTheWrongShapeOrTypesWithInvalidPayload(Object payload) {
        Order order = server.order(restaurant, "5");
        int published = server.publishedFor(restaurant).size();
        TestClient floor = server.connect("server", restaurant);

        Acks.error(floor.ack("table:complete", payload), "INVALID_PAYLOAD");

        assertUnchanged(order, published);
    }

    @Test
    void refusesABlankTableWithValidationErrorNamingTheField() {
        TestClient floor = server.connect("server", restaurant);

        JsonObject details = Acks.details(floor.ack("table:complete", complete("  ")));

        assertThat(details).isEqualTo(new JsonObject().put("tableNumber", "is required"));
    }

    @Test
    void refusesAnOverlongTableWithValidationErrorNamingTheField() {
        TestClient floor = server.connect("server", restaurant);

        JsonObject details = Acks.details(floor.ack("table:complete", complete("7".repeat(500))));

        assertThat(details.fieldNames()).containsExactly("tableNumber");
        assertThat(details.getString("tableNumber")).startsWith("must be at most");
    }

    @Test
    void refusesAMalformedRestaurantIdWithInvalidRestaurant() {
        Order order = server.order(restaurant, "5");
        int published = server.publishedFor(restaurant).size();
        TestClient floor = server.connect("server", restaurant);

        Acks.error(floor.ack("table:complete", complete("5").put("restaurantId", "terrace")), "INVALID_RESTAURANT");

        assertUnchanged(order, published);
    }

    @Test
    void refusesATokenWithoutOrdersStatusWithPermissionDenied() {
        Order order = server.order(restaurant, "5");
        int published = server.publishedFor(restaurant).size();
        TestClient cashier = server.connect("cashier", restaurant);

        Acks.error(cashier.ack("table:complete", complete("5")), "PERMISSION_DENIED");

        assertUnchanged(order, published);
    }

    @Test
    void refusesATableOfARestaurantTheTokenDoesNotNameWithPermissionDenied() {
        Order order = server.order(other, "5");
        int published = server.publishedFor(other).size();
        TestClient floor = server.connect("server", restaurant);

        Acks.error(floor.ack("table:complete", new JsonObject().put("tableNumber", "5")
                .put("restaurantId", other.toString())), "PERMISSION_DENIED");

        assertUnchanged(order, published);
    }

    @Test
    void withoutAnAckTheErrorComesAsAnErrorEvent() {
        TestClient cashier = server.connect("cashier", restaurant);

        cashier.emit("table:complete", complete("5"));

        Acks.error(cashier.first("error").object(), "PERMISSION_DENIED");
        assertThat(cashier.connected()).isTrue();
    }

    @Test
    void badEventsNeverDisconnectAndNeverChangeData() {
        Order order = server.order(restaurant, "5");
        int published = server.publishedFor(restaurant).size();
        TestClient floor = server.connect("server", restaurant);

        for (Object bad : new Object[]{"5", new JsonObject().put("tableNumber", false), complete(""),
                complete("5").put("restaurantId", other.toString()), complete("5").put("restaurantId", "x")}) {
            floor.ack("table:complete", bad);
            floor.emit("table:complete", bad);
        }
        floor.barrier();

        assertThat(floor.connected()).isTrue();
        assertUnchanged(order, published);
        Acks.data(floor.ack("table:complete", complete("5")));
    }

    private void assertUnchanged(Order order, int publishedBefore) {
        Order stored = server.stored(order);
        assertThat(stored.status()).isEqualTo(order.status());
        assertThat(stored.version()).isEqualTo(order.version());
        assertThat(server.publishedFor(order.restaurantId())).hasSize(publishedBefore);
    }
}
