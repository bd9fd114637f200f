package com.restaurantos.realtime;

import com.restaurantos.orders.DomainEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code orders:batch_update}: what a batched socket gets instead of single order events. {@link Batches} is
 * flushed by hand here, on the sockets of a real namespace; the gateway's own flush runs every {@value
 * #INTERVAL_MILLIS} ms on this server, which the last tests measure.
 */
class BatchesTest {
    private static final Duration WINDOW = Duration.ofMinutes(2);

    private static final long INTERVAL_MILLIS = 400;

    private static RealtimeServer server;
    private final UUID restaurant = UUID.randomUUID();
    private final UUID other = UUID.randomUUID();

    @BeforeAll
    static void start() throws Exception {
        server = new RealtimeServer(new RealtimeSettings(1000, Duration.ofMillis(INTERVAL_MILLIS),
                Duration.ofMinutes(15), Duration.ofMinutes(20), Duration.ofHours(1)));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @AfterEach
    void closeClients() {
        server.closeClients();
    }

    private TestClient batched(UUID restaurant) {
        TestClient client = server.connect("server", restaurant);
        Acks.data(client.ack("join:restaurant", new JsonObject().put("restaurantId", restaurant.toString())
                .put("batch", true)));
        return client;
    }

    private static JsonObject data(int n) {
        return new JsonObject().put("n", n);
    }

    private static JsonObject item(String event, int n) {
        return new JsonObject().put("event", event).put("data", data(n));
    }

    // ---- Batches, flushed by hand ----------------------------------------------------------

    @Test
    void aFlushSendsWhatWasCollectedAsOneBatchInTheOrderItCame() {
        TestClient client = batched(restaurant);
        Batches batches = new Batches(server.io.sockets(), WINDOW, Clock.systemUTC());

        batches.add(restaurant, "order:created", data(1));
        batches.add(restaurant, "order:status_changed", data(2));
        batches.add(restaurant, "table:ready", data(3));
        batches.flush();

        assertThat(client.first("orders:batch_update").array()).isEqualTo(new JsonArray()
                .add(item("order:created", 1)).add(item("order:status_changed", 2)).add(item("table:ready", 3)));
    }

    @Test
    void eachFlushSendsOnlyWhatCameSinceTheLastOne() {
        TestClient client = batched(restaurant);
        Batches batches = new Batches(server.io.sockets(), WINDOW, Clock.systemUTC());

        batches.add(restaurant, "order:created", data(1));
        batches.flush();
        batches.add(restaurant, "order:created", data(2));
        batches.add(restaurant, "order:updated", data(3));
        batches.flush();

        assertThat(client.atLeast(2, "orders:batch_update")).map(TestClient.Received::array).containsExactly(
                new JsonArray().add(item("order:created", 1)),
                new JsonArray().add(item("order:created", 2)).add(item("order:updated", 3)));
    }

    @Test
    void aFlushWithNothingCollectedSendsNothing() {
        TestClient client = batched(restaurant);
        Batches batches = new Batches(server.io.sockets(), WINDOW, Clock.systemUTC());
        batches.add(restaurant, "order:created", data(1));
        batches.flush();

        batches.flush();
        batches.flush();
        batches.add(restaurant, "order:deleted", data(2));
        batches.flush();

        assertThat(client.atLeast(2, "orders:batch_update")).map(TestClient.Received::array).containsExactly(
                new JsonArray().add(item("order:created", 1)), new JsonArray().add(item("order:deleted", 2)));
    }

    @Test
    void nothingIsCollectedForARestaurantWithoutBatchedSockets() {
        TestClient plain = server.joined("server", restaurant);
        Batches batches = new Batches(server.io.sockets(), WINDOW, Clock.systemUTC());

        batches.add(restaurant, "order:created", data(1));
        TestClient client = batched(restaurant);
        batches.add(restaurant, "order:created", data(2));
        batches.flush();

        assertThat(client.first("orders:batch_update").array()).isEqualTo(new JsonArray().add(item("order:created", 2)));
        plain.barrier();
        assertThat(plain.names()).doesNotContain("orders:batch_update");
    }

    @Test
    void keepsCollectingForTheRecoveryWindowAfterTheLastBatchedSocketLeft() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-26T19:00:00Z"));
        Batches batches = new Batches(server.io.sockets(), WINDOW, clock);
        batches.left(restaurant);

        batches.add(restaurant, "order:created", data(1));
        clock.advance(WINDOW.plusSeconds(1));
        batches.add(restaurant, "order:created", data(2));
        TestClient client = batched(restaurant);
        batches.add(restaurant, "order:created", data(3));
        batches.flush();

        assertThat(client.first("orders:batch_update").array()).isEqualTo(new JsonArray()
                .add(item("order:created", 1)).add(item("order:created", 3)));
    }

    @Test
    void eachRestaurantGetsOnlyItsOwnBatch() {
        TestClient here = batched(restaurant);
        TestClient there = batched(other);
        Batches batches = new Batches(server.io.sockets(), WINDOW, Clock.systemUTC());

        batches.add(restaurant, "order:created", data(1));
        batches.add(other, "order:created", data(2));
        batches.flush();

        assertThat(here.first("orders:batch_update").array()).isEqualTo(new JsonArray().add(item("order:created", 1)));
        assertThat(there.first("orders:batch_update").array()).isEqualTo(new JsonArray().add(item("order:created", 2)));
        here.barrier();
        there.barrier();
        assertThat(here.all("orders:batch_update")).hasSize(1);
        assertThat(there.all("orders:batch_update")).hasSize(1);
    }

    // ---- the gateway's batches -------------------------------------------------------------

    @Test
    void aSocketThatAskedForBatchingInItsAuthPayloadGetsBatches() throws Exception {
        try (RawClient client = RawClient.connect(server.port(), new JsonObject()
                .put("token", server.token("server", restaurant)).put("batch", true))) {
            client.ack(1, "join:restaurant", restaurant.toString());

            String id = server.order(restaurant, "1").id().toString();

            JsonObject item = awaitFirstItem(client);
            assertThat(item.getString("event")).isEqualTo("order:created");
            assertThat(item.getJsonObject("data").getString("id")).isEqualTo(id);
            assertThat(client.eventNames()).doesNotContain("order:created");
        }
    }

    @Test
    void theGatewaySendsABurstAsOneBatchInOrderAnIntervalAfterThePrevious() {
        TestClient client = batched(restaurant);
        Instant readyAt = Instant.parse("2025-03-14T12:00:00Z");
        server.events.publish(new DomainEvent.TableReady(restaurant, "0", List.of(), readyAt));
        long previous = client.first("orders:batch_update").atNanos();

        for (String table : List.of("1", "2", "3")) {
            server.events.publish(new DomainEvent.TableReady(restaurant, table, List.of(), readyAt));
        }

        TestClient.Received next = client.atLeast(2, "orders:batch_update").get(1);
        JsonArray burst = next.array();
        long gapMillis = (next.atNanos() - previous) / 1_000_000;
        assertThat(burst).map(i -> ((JsonObject) i).getJsonObject("data").getString("tableNumber"))
                .containsExactly("1", "2", "3");
        assertThat(gapMillis).as("time from the previous batch").isGreaterThanOrEqualTo(INTERVAL_MILLIS / 2);
        client.barrier();
        assertThat(client.names()).doesNotContain("table:ready");
    }

    private static JsonObject awaitFirstItem(RawClient client) {
        return TestClient.awaiting().until(() -> client.events().stream()
                        .filter(e -> e.getString(0).equals("orders:batch_update")).findFirst(),
                java.util.Optional::isPresent).orElseThrow().getJsonArray(1).getJsonObject(0);
    }
}
