package com.restaurantos.realtime;

import com.restaurantos.orders.DomainEvent;
import com.restaurantos.orders.Order;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code kitchen:alert}: checked, then broadcast to the restaurant or to one station; a refusal sends nothing. */
class KitchenAlertHandlerTest extends RealtimeServerTest {
    private final UUID restaurant = UUID.randomUUID();
    private final UUID other = UUID.randomUUID();

    private JsonObject alert() {
        return new JsonObject().put("restaurantId", restaurant.toString()).put("type", "urgent")
                .put("message", "walk-in fridge is warm").put("severity", 5);
    }

    @Test
    void acksTheAlertAndBroadcastsItToTheRestaurantRoom() {
        Order order = server.order(restaurant, "9");
        TestClient kitchen = server.connect("kitchen", restaurant);
        TestClient floor = server.joined("server", restaurant);
        TestClient bar = server.atStation("kitchen", restaurant, "bar");
        TestClient elsewhere = server.joined("server", other);

        JsonObject data = Acks.data(kitchen.ack("kitchen:alert", alert().put("orderId", order.id().toString())
                .put("tableNumber", "9")));

        assertThat(data.fieldNames()).containsExactlyInAnyOrder("id", "type", "message", "severity", "orderId",
                "tableNumber", "timestamp", "restaurant_id");
        assertThat(data.getString("type")).isEqualTo("urgent");
        assertThat(data.getString("message")).isEqualTo("walk-in fridge is warm");
        assertThat(data.getInteger("severity")).isEqualTo(5);
        assertThat(data.getString("orderId")).isEqualTo(order.id().toString());
        assertThat(data.getString("tableNumber")).isEqualTo("9");
        assertThat(data.getString("restaurant_id")).isEqualTo(restaurant.toString());
        assertThat(Instant.parse(data.getString("timestamp"))).isCloseTo(Instant.now(), within(Duration.ofMinutes(1)));
        assertThat(floor.first("kitchen:alert").object()).isEqualTo(data);
        assertThat(bar.first("kitchen:alert").object()).isEqualTo(data);
        elsewhere.barrier();
        assertThat(elsewhere.names()).doesNotContain("kitchen:alert");
    }

    @Test
    void anAlertForAStationReachesOnlyThatStationsRoom() {
        TestClient expo = server.connect("expo", restaurant);
        TestClient bar = server.atStation("kitchen", restaurant, "bar");
        TestClient kitchen = server.atStation("kitchen", restaurant, "kitchen");
        TestClient floor = server.joined("server", restaurant);

        JsonObject data = Acks.data(expo.ack("kitchen:alert", alert().put("type", "info").put("severity", 2)
                .put("message", "ice is low").put("station", "bar")));

        assertThat(data.getString("station")).isEqualTo("bar");
        assertThat(bar.first("kitchen:alert").object()).isEqualTo(data);
        for (TestClient outside : new TestClient[]{kitchen, floor}) {
            outside.barrier();
            assertThat(outside.names()).doesNotContain("kitchen:alert");
        }
    }

    @Test
    void theRestaurantMayBeLeftOutOnceTheSocketJoinedOne() {
        TestClient client = server.connect(server.token("manager", restaurant, other));
        Acks.data(client.ack("join:restaurant", other.toString()));

        JsonObject data = Acks.data(client.ack("kitchen:alert", alert().put("restaurantId", (String) null)));

        assertThat(data.getString("restaurant_id")).isEqualTo(other.toString());
        assertThat(client.first("kitchen:alert").object()).isEqualTo(data);
    }

    @Test
    void takesAWholeTableNumberAsItsDigits() {
        TestClient kitchen = server.connect("kitchen", restaurant);

        JsonObject data = Acks.data(kitchen.ack("kitchen:alert", alert().put("tableNumber", 12)));

        assertThat(data.getString("tableNumber")).isEqualTo("12");
    }

    static Stream<Object> wrongShapes() {
        return Stream.of("fire", 5, new JsonArray().add("urgent"), new JsonObject().put("type", 1),
                new JsonObject().put("type", "info").put("message", new JsonObject()).put("severity", 1),
                new JsonObject().put("type", "info").put("message", "m").put("severity", "high"),
                new JsonObject().put("type", "info").put("message", "m").put("severity", 2.5),
                new JsonObject().put("type", "info").put("message", "m").put("severity", 1).put("orderId", 4),
                new JsonObject().put("type", "info").put("message", "m").put("severity", 1).put("tableNumber", 2.5),
                new JsonObject().put("type", "info").put("message", "m").put("severity", 1).put("station", true),
                new JsonObject().put("type", "info").put("message", "m").put("severity", 1).put("restaurantId", 3));
    }

    @ParameterizedTest
    @MethodSource("wrongShapes")
    void refusesAPayloadOfTheWrongShapeOrTypesWithInvalidPayload(Object payload) {
        TestClient kitchen = server.joined("kitchen", restaurant);

        Acks.error(kitchen.ack("kitchen:alert", payload), "INVALID_PAYLOAD");

        assertNothingRaised(kitchen);
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of(new JsonObject().put("type", "panic").put("message", "m").put("severity", 3),
                        new String[]{"type"}),
                Arguments.of(new JsonObject().put("message", "m").put("severity", 3), new String[]{"type"}),
                Arguments.of(new JsonObject().put("type", "info").put("message", " ").put("severity", 3),
                        new String[]{"message"}),
                Arguments.of(new JsonObject().put("type", "info").put("message", "m").put("severity", 0),
                        new String[]{"severity"}),
                Arguments.of(new JsonObject().put("type", "info").put("message", "m").put("severity", 6),
                        new String[]{"severity"}),
                Arguments.of(new JsonObject().put("type", "info").put("message", "m"), new String[]{"severity"}),
                Arguments.of(new JsonObject().put("type", "info").put("message", "m").put("severity", 3)
                        .put("orderId", "order-1"), new String[]{"orderId"}),
                Arguments.of(new JsonObject().put("type", "info").put("message", "m").put("severity", 3)
                        .put("station", "grill"), new String[]{"station"}),
                Arguments.of(new JsonObject().put("type", "info").put("message", "m".repeat(5000)).put("severity", 3),
                        new String[]{"message"}),
                Arguments.of(new JsonObject().put("type", "panic").put("severity", 9).put("station", "grill"),
                        new String[]{"type", "message", "severity", "station"}));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void refusesBadValuesWithValidationErrorNamingEachField(JsonObject payload, String[] fields) {
        TestClient kitchen = server.joined("kitchen", restaurant);

        JsonObject details = Acks.details(kitchen.ack("kitchen:alert", payload));

        assertThat(details.fieldNames()).containsExactlyInAnyOrder(fields);
        assertNothingRaised(kitchen);
    }

    @Test
    void refusesAnAlertAboutAnUnknownOrderWithOrderNotFound() {
        TestClient kitchen = server.joined("kitchen", restaurant);

        Acks.error(kitchen.ack("kitchen:alert", alert().put("orderId", UUID.randomUUID().toString())),
                "ORDER_NOT_FOUND");

        assertNothingRaised(kitchen);
    }

    @Test
    void refusesAnAlertAboutAnOrderOfAnotherRestaurantWithOrderNotFound() {
        Order foreign = server.order(other, "1");
        TestClient kitchen = server.joined("kitchen", restaurant);

        Acks.error(kitchen.ack("kitchen:alert", alert().put("orderId", foreign.id().toString())), "ORDER_NOT_FOUND");

        assertNothingRaised(kitchen);
    }

    @Test
    void refusesAMalformedRestaurantIdWithInvalidRestaurant() {
        TestClient kitchen = server.joined("kitchen", restaurant);

        Acks.error(kitchen.ack("kitchen:alert", alert().put("restaurantId", "downtown")), "INVALID_RESTAURANT");

        assertNothingRaised(kitchen);
    }

    @Test
    void refusesATokenWithoutKitchenAlertWithPermissionDenied() {
        TestClient floor = server.joined("server", restaurant);

        Acks.error(floor.ack("kitchen:alert", alert()), "PERMISSION_DENIED");

        assertNothingRaised(floor);
    }

    @Test
    void refusesAnAlertToARestaurantTheTokenDoesNotNameWithPermissionDenied() {
        TestClient kitchen = server.joined("kitchen", restaurant);
        TestClient elsewhere = server.joined("kitchen", other);

        Acks.error(kitchen.ack("kitchen:alert", alert().put("restaurantId", other.toString())), "PERMISSION_DENIED");

        assertNothingRaised(elsewhere);
        assertThat(server.publishedFor(other)).isEmpty();
    }

    @Test
    void withoutAnAckTheErrorComesAsAnErrorEvent() {
        TestClient kitchen = server.joined("kitchen", restaurant);

        kitchen.emit("kitchen:alert", alert().put("severity", 42));

        JsonObject details = Acks.details(kitchen.first("error").object());
        assertThat(details.fieldNames()).containsExactly("severity");
        assertNothingRaised(kitchen);
        assertThat(kitchen.connected()).isTrue();
    }

    @Test
    void withoutAnAckASuccessfulAlertIsStillBroadcast() {
        TestClient kitchen = server.joined("kitchen", restaurant);

        kitchen.emit("kitchen:alert", alert());

        assertThat(kitchen.first("kitchen:alert").object().getString("message")).isEqualTo("walk-in fridge is warm");
    }

    @Test
    void badEventsNeverDisconnect() {
        TestClient kitchen = server.joined("kitchen", restaurant);

        for (Object bad : new Object[]{"fire", alert().put("severity", "5"), alert().put("type", "panic"),
                alert().put("restaurantId", other.toString()), alert().put("orderId", UUID.randomUUID().toString())}) {
            kitchen.ack("kitchen:alert", bad);
            kitchen.emit("kitchen:alert", bad);
        }

        assertNothingRaised(kitchen);
        assertThat(kitchen.connected()).isTrue();
        Acks.data(kitchen.ack("kitchen:alert", alert()));
    }

    private void assertNothingRaised(TestClient witness) {
        witness.barrier();
        assertThat(witness.names()).doesNotContain("kitchen:alert");
        assertThat(server.publishedFor(restaurant)).noneMatch(e -> e instanceof DomainEvent.KitchenAlertRaised);
    }
}
