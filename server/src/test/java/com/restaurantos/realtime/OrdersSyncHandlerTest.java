package com.restaurantos.realtime;

import com.restaurantos.orders.Actor;
import com.restaurantos.orders.ItemDraft;
import com.restaurantos.orders.Order;
import com.restaurantos.orders.OrderDraft;
import com.restaurantos.orders.OrderStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code orders:sync}: the orders a client asks for, by ack and as {@code orders:sync:complete}. */
class OrdersSyncHandlerTest extends RealtimeServerTest {
    private final UUID restaurant = UUID.randomUUID();
    private final UUID other = UUID.randomUUID();

    private JsonObject sync() {
        return new JsonObject().put("restaurantId", restaurant.toString());
    }

    @Test
    void sendsTheActiveOrdersOldestFirstByAckAndAsSyncComplete() {
        Order first = server.order(restaurant, "1");
        Order second = server.order(restaurant, "2", List.of(OrderStatus.CONFIRMED, OrderStatus.PREPARING,
                OrderStatus.READY));
        server.order(restaurant, "3", List.of(OrderStatus.CANCELLED));
        server.order(restaurant, "4", List.of(OrderStatus.CONFIRMED, OrderStatus.PREPARING, OrderStatus.READY,
                OrderStatus.COMPLETED));
        Order third = server.order(restaurant, "5", List.of(OrderStatus.PENDING));
        server.order(other, "1");
        TestClient client = server.connect("kitchen", restaurant);

        JsonObject data = Acks.data(client.ack("orders:sync", sync()));

        assertThat(data.fieldNames()).containsExactlyInAnyOrder("restaurantId", "orders", "statuses", "syncedAt");
        assertThat(data.getString("restaurantId")).isEqualTo(restaurant.toString());
        assertThat(ids(data)).containsExactly(first.id().toString(), second.id().toString(), third.id().toString());
        assertThat(data.getJsonArray("statuses").getList())
                .containsExactlyInAnyOrder("new", "pending", "confirmed", "preparing", "ready");
        assertThat(Instant.parse(data.getString("syncedAt"))).isCloseTo(Instant.now(), within(Duration.ofMinutes(1)));
        JsonObject order = data.getJsonArray("orders").getJsonObject(1);
        assertThat(order.getString("status")).isEqualTo("ready");
        assertThat(order.getString("restaurant_id")).isEqualTo(restaurant.toString());
        assertThat(order.getString("table_number")).isEqualTo("2");
        assertThat(order.getJsonArray("items")).hasSize(1);
        assertThat(client.first("orders:sync:complete").object()).isEqualTo(data);
    }

    @Test
    void sendsTheOrdersInTheStatusesAskedFor() {
        server.order(restaurant, "1");
        Order cancelled = server.order(restaurant, "2", List.of(OrderStatus.CANCELLED));
        TestClient client = server.connect("kitchen", restaurant);

        JsonObject data = Acks.data(client.ack("orders:sync", sync().put("statuses", new JsonArray()
                .add("cancelled").add("completed"))));

        assertThat(ids(data)).containsExactly(cancelled.id().toString());
        assertThat(data.getJsonArray("statuses").getList()).containsExactlyInAnyOrder("cancelled", "completed");
    }

    @Test
    void withNoPayloadSyncsTheActiveOrdersOfTheTokensRestaurant() {
        Order active = server.order(restaurant, "1");
        TestClient client = server.connect("kitchen", restaurant);

        JsonObject data = Acks.data(client.ack("orders:sync"));

        assertThat(data.getString("restaurantId")).isEqualTo(restaurant.toString());
        assertThat(ids(data)).containsExactly(active.id().toString());
    }

    @Test
    void theRestaurantMayBeLeftOutOnceTheSocketJoinedOne() {
        Order inOther = server.order(other, "1");
        TestClient client = server.connect(server.token("manager", restaurant, other));
        Acks.data(client.ack("join:restaurant", other.toString()));

        JsonObject data = Acks.data(client.ack("orders:sync", new JsonObject()));

        assertThat(ids(data)).containsExactly(inOther.id().toString());
    }

    @Test
    void aCustomerSyncsOnlyTheOrdersItCreated() {
        Order own = server.orders.create(new Actor("guest-7", true), restaurant, new OrderDraft("takeout", null,
                "Guest", List.of(new ItemDraft(null, null, "Soup", 1, new BigDecimal("4.00"), List.of(), null,
                        "kitchen")), null));
        server.order(restaurant, "1");
        TestClient client = server.connect(server.token("guest-7", "customer", restaurant, Duration.ofHours(1)));

        assertThat(ids(Acks.data(client.ack("orders:sync", sync())))).containsExactly(own.id().toString());
    }

    static Stream<Object> wrongShapes() {
        return Stream.of(42, "all", true, new JsonArray().add("new"),
                new JsonObject().put("statuses", "new"),
                new JsonObject().put("statuses", new JsonArray().add(1)),
                new JsonObject().put("statuses", new JsonObject()),
                new JsonObject().put("restaurantId", 5));
    }

    @ParameterizedTest
    @MethodSource("wrongShapes")
    void refusesAPayloadOfTheWrongShapeOrTypesWithInvalidPayload(Object payload) {
        TestClient client = server.connect("kitchen", restaurant);

        Acks.error(client.ack("orders:sync", payload), "INVALID_PAYLOAD");

        assertNoSyncComplete(client);
    }

    @Test
    void refusesAStatusThatDoesNotExistWithValidationErrorNamingTheField() {
        TestClient client = server.connect("kitchen", restaurant);

        JsonObject details = Acks.details(client.ack("orders:sync", sync().put("statuses", new JsonArray()
                .add("new").add("eaten"))));

        assertThat(details.fieldNames()).containsExactly("statuses");
        assertThat(details.getString("statuses")).startsWith("must be one of [new, pending");
        assertNoSyncComplete(client);
    }

    @Test
    void refusesAMalformedRestaurantIdWithInvalidRestaurant() {
        TestClient client = server.connect("kitchen", restaurant);

        Acks.error(client.ack("orders:sync", new JsonObject().put("restaurantId", "the-bistro")),
                "INVALID_RESTAURANT");

        assertNoSyncComplete(client);
    }

    @Test
    void refusesTheOrdersOfARestaurantTheTokenDoesNotNameWithPermissionDenied() {
        server.order(other, "1");
        TestClient client = server.connect("kitchen", restaurant);

        Acks.error(client.ack("orders:sync", new JsonObject().put("restaurantId", other.toString())),
                "PERMISSION_DENIED");

        assertNoSyncComplete(client);
    }

    @Test
    void refusesATokenWithoutOrdersReadWithPermissionDenied() {
        server.order(restaurant, "1");
        TestClient client = server.connect(server.tokenWithScopes("kitchen", restaurant, "kitchen:alert"));

        Acks.error(client.ack("orders:sync", sync()), "PERMISSION_DENIED");

        assertNoSyncComplete(client);
    }

    @Test
    void withoutAnAckTheErrorComesAsAnErrorEventAndThereIsNoSyncComplete() {
        TestClient client = server.connect("kitchen", restaurant);

        client.emit("orders:sync", new JsonObject().put("restaurantId", other.toString()));

        Acks.error(client.first("error").object(), "PERMISSION_DENIED");
        assertNoSyncComplete(client);
        assertThat(client.connected()).isTrue();
    }

    @Test
    void withoutAnAckASuccessfulSyncStillSendsSyncComplete() {
        Order active = server.order(restaurant, "1");
        TestClient client = server.connect("kitchen", restaurant);

        client.emit("orders:sync", sync());

        assertThat(ids(client.first("orders:sync:complete").object())).containsExactly(active.id().toString());
    }

    @Test
    void aBadEventNeverDisconnects() {
        TestClient client = server.connect("kitchen", restaurant);

        for (Object bad : new Object[]{42, new JsonObject().put("statuses", new JsonArray().add("eaten")),
                new JsonObject().put("restaurantId", other.toString())}) {
            client.ack("orders:sync", bad);
            client.emit("orders:sync", bad);
        }

        assertThat(client.connected()).isTrue();
        Acks.data(client.ack("orders:sync", sync()));
    }

    private static List<String> ids(JsonObject data) {
        JsonArray orders = data.getJsonArray("orders");
        return orders.stream().map(o -> ((JsonObject) o).getString("id")).toList();
    }

    private static void assertNoSyncComplete(TestClient client) {
        client.barrier();
        assertThat(client.names()).doesNotContain("orders:sync:complete");
    }
}
