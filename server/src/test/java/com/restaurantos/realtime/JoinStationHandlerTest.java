package com.restaurantos.realtime;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code join:station}: the station room and the restaurant room, and every way it can be refused. */
class JoinStationHandlerTest extends RealtimeServerTest {
    private final UUID restaurant = UUID.randomUUID();
    private final UUID other = UUID.randomUUID();

    private JsonObject station(String station) {
        return new JsonObject().put("restaurantId", restaurant.toString()).put("station", station);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kitchen", "expo", "bar", "pos"})
    void joinsTheStationRoomAndAcksRestaurantStationAndRoom(String name) {
        TestClient client = server.connect("kitchen", restaurant);

        JsonObject data = Acks.data(client.ack("join:station", station(name)));

        assertThat(data).isEqualTo(new JsonObject()
                .put("restaurantId", restaurant.toString())
                .put("station", name)
                .put("room", "station:" + restaurant + ":" + name));
    }

    @Test
    void aStationGetsTheOrdersWithItemsForItAndNotTheOthers() {
        TestClient kitchen = server.connect("kitchen", restaurant);
        Acks.data(kitchen.ack("join:station", station("kitchen")));

        server.order(restaurant, "1", "bar");
        String food = server.order(restaurant, "2", "kitchen", "bar").id().toString();

        assertThat(kitchen.first("order:created").object().getString("id")).isEqualTo(food);
        kitchen.barrier();
        assertThat(kitchen.all("order:created")).hasSize(1);
    }

    @Test
    void alsoJoinsTheRestaurantRoomForRestaurantWideEvents() {
        TestClient bar = server.connect("kitchen", restaurant);
        Acks.data(bar.ack("join:station", station("bar")));

        server.alerts.raise(com.restaurantos.orders.Actor.staff("chef"), restaurant,
                new com.restaurantos.orders.AlertDraft("info", "staff meal at 4", 1, null, null, null));

        assertThat(bar.first("kitchen:alert").object().getString("message")).isEqualTo("staff meal at 4");
    }

    @Test
    void theRestaurantMayBeLeftOutWhenTheTokenNamesOnlyOne() {
        TestClient client = server.connect("kitchen", restaurant);

        JsonObject data = Acks.data(client.ack("join:station", new JsonObject().put("station", "bar")));

        assertThat(data.getString("restaurantId")).isEqualTo(restaurant.toString());
    }

    @Test
    void theRestaurantMayBeLeftOutOnceTheSocketJoinedOne() {
        TestClient client = server.connect(server.token("manager", restaurant, other));
        Acks.data(client.ack("join:restaurant", other.toString()));

        JsonObject data = Acks.data(client.ack("join:station", new JsonObject().put("station", "expo")));

        assertThat(data.getString("restaurantId")).isEqualTo(other.toString());
    }

    @Test
    void withSeveralRestaurantsAndNoneJoinedTheRestaurantMustBeNamed() {
        TestClient client = server.connect(server.token("manager", restaurant, other));

        Acks.error(client.ack("join:station", new JsonObject().put("station", "expo")), "INVALID_RESTAURANT");
    }

    static Stream<Object> wrongShapes() {
        return Stream.of("kitchen", 3, new JsonArray(), new JsonObject().put("restaurantId", "x"),
                new JsonObject().put("station", 1),
                new JsonObject().put("station", new JsonArray().add("kitchen")),
                new JsonObject().put("station", "bar").put("restaurantId", 12));
    }

    @ParameterizedTest
    @MethodSource("wrongShapes")
    void refusesAPayloadOfTheWrongShapeOrTypesWithInvalidPayload(Object payload) {
        TestClient client = server.connect("kitchen", restaurant);

        Acks.error(client.ack("join:station", payload), "INVALID_PAYLOAD");

        assertInNoRoom(client);
    }

    @ParameterizedTest
    @ValueSource(strings = {"grill", "", "KITCHEN"})
    void refusesAStationThatDoesNotExistWithValidationErrorNamingTheField(String name) {
        TestClient client = server.connect("kitchen", restaurant);

        JsonObject details = Acks.details(client.ack("join:station", station(name)));

        assertThat(details).isEqualTo(new JsonObject().put("station", "must be one of [kitchen, expo, bar, pos]"));
        assertInNoRoom(client);
    }

    @Test
    void refusesAMalformedRestaurantIdWithInvalidRestaurant() {
        TestClient client = server.connect("kitchen", restaurant);

        Acks.error(client.ack("join:station", new JsonObject().put("restaurantId", "kitchen-1").put("station",
                "kitchen")), "INVALID_RESTAURANT");

        assertInNoRoom(client);
    }

    @Test
    void refusesTheStationOfARestaurantTheTokenDoesNotNameWithPermissionDenied() {
        TestClient client = server.connect("kitchen", restaurant);

        Acks.error(client.ack("join:station", new JsonObject().put("restaurantId", other.toString())
                .put("station", "kitchen")), "PERMISSION_DENIED");

        server.order(other, "1", "kitchen");
        client.barrier();
        assertThat(client.names()).doesNotContain("order:created");
    }

    @Test
    void aRefusedStationKeepsTheSocketWhereItWas() {
        TestClient client = server.connect("kitchen", restaurant);
        Acks.data(client.ack("join:station", station("bar")));

        Acks.details(client.ack("join:station", station("grill")));
        Acks.error(client.ack("join:station", new JsonObject().put("restaurantId", other.toString())
                .put("station", "bar")), "PERMISSION_DENIED");

        String drink = server.order(restaurant, "1", "bar").id().toString();
        assertThat(client.first("order:created").object().getString("id")).isEqualTo(drink);
    }

    @Test
    void withoutAnAckTheErrorComesAsAnErrorEvent() {
        TestClient client = server.connect("kitchen", restaurant);

        client.emit("join:station", station("grill"));

        JsonObject error = client.first("error").object();
        assertThat(Acks.details(error).fieldNames()).containsExactly("station");
        assertThat(client.connected()).isTrue();
    }

    @Test
    void aBadEventNeverDisconnects() {
        TestClient client = server.connect("kitchen", restaurant);

        for (Object bad : new Object[]{42, station("grill"), new JsonObject().put("restaurantId", other.toString())
                .put("station", "bar"), new JsonObject()}) {
            client.ack("join:station", bad);
            client.emit("join:station", bad);
        }

        assertThat(client.connected()).isTrue();
        Acks.data(client.ack("join:station", station("kitchen")));
    }

    private void assertInNoRoom(TestClient client) {
        server.order(restaurant, "1", "kitchen", "bar", "expo", "pos");
        client.barrier();
        assertThat(client.names()).doesNotContain("order:created");
    }
}
