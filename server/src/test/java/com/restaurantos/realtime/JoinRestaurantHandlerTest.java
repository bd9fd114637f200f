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

/** {@code join:restaurant}: which rooms a socket ends up in, and every way it can be refused. */
class JoinRestaurantHandlerTest extends RealtimeServerTest {
    private final UUID restaurant = UUID.randomUUID();
    private final UUID other = UUID.randomUUID();

    @Test
    void joinsTheRestaurantOfTheTokenAndAcksItsIdAndRoom() {
        TestClient client = server.connect("server", restaurant);

        JsonObject data = Acks.data(client.ack("join:restaurant", restaurant.toString()));

        assertThat(data).isEqualTo(new JsonObject()
                .put("restaurantId", restaurant.toString())
                .put("room", "restaurant:" + restaurant));
        String orderId = server.order(restaurant, "4").id().toString();
        assertThat(client.first("order:created").object().getString("id")).isEqualTo(orderId);
    }

    @Test
    void acceptsTheObjectForm() {
        TestClient client = server.connect("server", restaurant);

        JsonObject data = Acks.data(client.ack("join:restaurant", new JsonObject().put("restaurantId",
                restaurant.toString())));

        assertThat(data.getString("room")).isEqualTo("restaurant:" + restaurant);
        server.order(restaurant, "4");
        client.first("order:created");
    }

    @Test
    void aSocketThatJoinedNoRestaurantReceivesNoOrderEvents() {
        TestClient client = server.connect("server", restaurant);

        server.order(restaurant, "4");
        client.barrier();

        assertThat(client.names()).doesNotContain("order:created");
    }

    @Test
    void joiningAnotherRestaurantLeavesTheRoomsOfTheFirst() {
        TestClient client = server.connect(server.token("manager", restaurant, other));
        Acks.data(client.ack("join:station", new JsonObject().put("restaurantId", restaurant.toString())
                .put("station", "kitchen")));

        Acks.data(client.ack("join:restaurant", other.toString()));
        server.order(restaurant, "1", "kitchen");
        String inOther = server.order(other, "2").id().toString();

        assertThat(client.first("order:created").object().getString("id")).isEqualTo(inOther);
        client.barrier();
        assertThat(client.all("order:created")).hasSize(1);
    }

    @Test
    void anAdminJoinsAnyRestaurant() {
        TestClient client = server.connect(server.minter.mint("root", "admin", null, java.util.List.of(),
                java.util.List.of(), java.time.Duration.ofHours(1)));

        Acks.data(client.ack("join:restaurant", other.toString()));

        server.order(other, "9");
        client.first("order:created");
    }

    @Test
    void aTokenWithSeveralRestaurantsJoinsEachOfThem() {
        TestClient client = server.connect(server.token("server", restaurant, other));

        assertThat(Acks.data(client.ack("join:restaurant", other.toString())).getString("restaurantId"))
                .isEqualTo(other.toString());
        assertThat(Acks.data(client.ack("join:restaurant", restaurant.toString())).getString("restaurantId"))
                .isEqualTo(restaurant.toString());
    }

    static Stream<Object> wrongShapes() {
        return Stream.of(42, true, new JsonArray().add("x"), new JsonObject(),
                new JsonObject().put("restaurantId", 7),
                new JsonObject().put("restaurantId", new JsonObject()),
                new JsonObject().put("restaurantId", "11111111-1111-1111-1111-111111111111").put("batch", "yes"));
    }

    @ParameterizedTest
    @MethodSource("wrongShapes")
    void refusesAPayloadOfTheWrongShapeOrTypesWithInvalidPayload(Object payload) {
        TestClient client = server.connect("server", restaurant);

        Acks.error(client.ack("join:restaurant", payload), "INVALID_PAYLOAD");

        assertStillOutOfEveryRestaurant(client);
    }

    @Test
    void refusesNoPayloadAtAllWithInvalidPayload() {
        TestClient client = server.connect("server", restaurant);

        Acks.error(client.ack("join:restaurant"), "INVALID_PAYLOAD");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-uuid", "1-1-1-1-1", "11111111-1111-1111-1111-11111111111g"})
    void refusesAMalformedRestaurantIdWithInvalidRestaurant(String id) {
        TestClient client = server.connect("server", restaurant);

        Acks.error(client.ack("join:restaurant", id), "INVALID_RESTAURANT");
        Acks.error(client.ack("join:restaurant", new JsonObject().put("restaurantId", id)), "INVALID_RESTAURANT");

        assertStillOutOfEveryRestaurant(client);
    }

    @Test
    void refusesARestaurantTheTokenDoesNotNameWithPermissionDenied() {
        TestClient client = server.connect("server", restaurant);

        Acks.error(client.ack("join:restaurant", other.toString()), "PERMISSION_DENIED");
        Acks.error(client.ack("join:restaurant", new JsonObject().put("restaurantId", other.toString())
                .put("batch", true)), "PERMISSION_DENIED");

        server.order(other, "1");
        client.barrier();
        Stream.of("order:created", "orders:batch_update").forEach(name -> assertThat(client.names()).doesNotContain(name));
    }

    @Test
    void refusesACustomerTheRestaurantsFeedOfEveryOrder() {
        TestClient client = server.connect("customer", restaurant);

        Acks.error(client.ack("join:restaurant", restaurant.toString()), "PERMISSION_DENIED");
        Acks.error(client.ack("join:station", new JsonObject().put("restaurantId", restaurant.toString())
                .put("station", "kitchen")), "PERMISSION_DENIED");
    }

    @Test
    void aRefusedJoinKeepsTheSocketInTheRestaurantItHadJoined() {
        TestClient client = server.joined("server", restaurant);

        Acks.error(client.ack("join:restaurant", other.toString()), "PERMISSION_DENIED");
        Acks.error(client.ack("join:restaurant", "garbage"), "INVALID_RESTAURANT");

        server.order(restaurant, "3");
        client.first("order:created");
    }

    @Test
    void withoutAnAckTheErrorComesAsAnErrorEvent() {
        TestClient client = server.connect("server", restaurant);

        client.emit("join:restaurant", other.toString());

        JsonObject error = client.first("error").object();
        Acks.error(error, "PERMISSION_DENIED");
        client.emit("join:restaurant", 42);
        Acks.error(client.atLeast(2, "error").get(1).object(), "INVALID_PAYLOAD");
        assertThat(client.connected()).isTrue();
    }

    @Test
    void aBadEventNeverDisconnects() {
        TestClient client = server.connect("server", restaurant);

        for (Object bad : new Object[]{42, "nope", other.toString(), new JsonObject()}) {
            client.ack("join:restaurant", bad);
            client.emit("join:restaurant", bad);
        }

        assertThat(client.connected()).isTrue();
        Acks.data(client.ack("join:restaurant", restaurant.toString()));
        assertThat(client.connected()).isTrue();
    }

    private void assertStillOutOfEveryRestaurant(TestClient client) {
        server.order(restaurant, "1");
        client.barrier();
        assertThat(client.names()).doesNotContain("order:created");
    }
}
