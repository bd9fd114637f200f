package com.restaurantos.app;

import com.restaurantos.auth.AuthSettings;
import com.restaurantos.auth.KeySource;
import com.restaurantos.auth.TokenMinter;
import com.restaurantos.store.DatabaseSettings;
import com.restaurantos.testing.RawSocketIo;
import com.restaurantos.testing.Rest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Stopping the server (what SIGTERM does through the shutdown hook): it stops accepting connections, tells every
 * socket "server shutting down", lets the writes under way finish, and returns in time. Two writes are held under
 * way by a row lock the test takes in the database: a REST creation, and behind it a status change sent by socket.
 */
class GracefulShutdownTest {
    private static final String SECRET = "graceful-shutdown-secret-of-enough-bytes";
    private static final UUID RESTAURANT = UUID.fromString("44444444-4444-4444-4444-444444444444");
    private static final int SCREENS = 5;

    private static String token(String role) {
        return new TokenMinter(AuthSettings.of(new KeySource.Secret(SECRET)), Clock.systemUTC())
                .mint("shutdown-" + role, role, RESTAURANT, List.of(), List.of(), Duration.ofHours(1));
    }

    private static JsonObject order(String name) {
        return new JsonObject().put("type", "takeout").put("customer_name", name).put("items", new JsonArray()
                .add(new JsonObject().put("name", "Soup").put("quantity", 1).put("price", 6.5))
                .add(new JsonObject().put("name", "Bread").put("quantity", 2).put("price", 1.25)));
    }

    @Test
    void stopsAcceptingTellsEverySocketAndFinishesTheWritesUnderWay(@TempDir Path dir) throws Exception {
        DatabaseSettings database = DatabaseSettings.inMemory("shutdown-" + UUID.randomUUID());
        AppConfig config = AppConfig.fromEnvironment(Map.of("HOST", "127.0.0.1", "PORT", "0", "JWT_SECRET", SECRET,
                "DATA_DIR", dir.toString(), "REST_RATE_LIMIT_PER_SECOND", "0"));
        Application app = Application.start(config, Clock.systemUTC(), database);
        Queue<String> serverSideReasons = new ConcurrentLinkedQueue<>();
        app.io().sockets().onConnection(socket -> socket.onDisconnect(serverSideReasons::add));
        String url = "http://127.0.0.1:" + app.port();
        Rest rest = new Rest(url, token("manager"));
        List<RawSocketIo> screens = new ArrayList<>();
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        boolean stopping = false;
        try (Connection locks = DriverManager.getConnection(database.url(), database.user(), database.password())) {
            rest.ok("POST", "/orders", order("first of the day"));
            String toConfirm = rest.ok("POST", "/orders", order("to confirm")).getString("id");
            for (int i = 0; i < SCREENS; i++) {
                screens.add(RawSocketIo.connect(app.port(), token("kitchen")).join(RESTAURANT.toString()));
            }

            // Hold the day's order counter and one order: the next creation and that order's change wait.
            locks.setAutoCommit(false);
            lockRow(locks, "SELECT last_value FROM order_number_counters WHERE restaurant_id = ? FOR UPDATE", RESTAURANT);
            lockRow(locks, "SELECT status FROM orders WHERE id = ? FOR UPDATE", UUID.fromString(toConfirm));
            CompletableFuture<Rest.Response> creation = CompletableFuture.supplyAsync(() -> {
                try {
                    return rest.call("POST", "/orders", order("under way"));
                } catch (IOException e) {
                    throw new AssertionError("the creation under way got no answer: " + e, e);
                }
            });
            screens.get(0).emit("order:update_status", new JsonObject().put("orderId", toConfirm)
                    .put("status", "confirmed").put("restaurantId", RESTAURANT.toString()));
            // On H2 writes take turns: the creation waits for the counter's lock, the status change for its turn.
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> waitingForLocks(locks) == 1 && app.database().writesWaitingForTheirTurn() == 1);

            long start = System.nanoTime();
            stopping = true;
            new Thread(() -> {
                app.stop(Duration.ofSeconds(8));
                stopped.complete(null);
            }, "stop").start();

            await().atMost(Duration.ofSeconds(5)).until(() -> serverSideReasons.size() == SCREENS);
            assertThat(serverSideReasons).as("why the server-side sockets ended").containsOnly("server shutting down");
            for (RawSocketIo screen : screens) {
                assertThat(screen.ws().closed().get(5, TimeUnit.SECONDS)).as("a clean WebSocket close").isEqualTo(1000);
            }
            assertThatThrownBy(() -> new Rest(url, token("manager")).call("GET", "/orders", null))
                    .as("a new connection is refused").isInstanceOf(ConnectException.class);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                    .until(() -> !stopped.isDone() && !creation.isDone());

            locks.commit();
            Rest.Response created = creation.get(10, TimeUnit.SECONDS);
            stopped.get(10, TimeUnit.SECONDS);
            long tookMillis = (System.nanoTime() - start) / 1_000_000;

            assertThat(created.status()).as("the creation under way was answered: " + created.body()).isEqualTo(201);
            assertThat(tookMillis).as("stop took").isLessThan(8_000);
            try (Statement s = locks.createStatement()) {
                assertThat(count(s, "SELECT COUNT(*) FROM orders")).isEqualTo(3);
                assertThat(count(s, "SELECT COUNT(*) FROM order_items")).as("every item of every order").isEqualTo(6);
                assertThat(count(s, "SELECT COUNT(*) FROM orders WHERE status = 'confirmed'"))
                        .as("the status change sent by socket was applied").isEqualTo(1);
                assertThat(count(s, "SELECT COUNT(*) FROM order_status_history")).isEqualTo(4);
            }
            System.out.printf("# graceful stop: %d sockets told 'server shutting down', new connections refused,"
                    + " 2 writes under way (REST creation, socket status change) finished, stopped in %d ms%n",
                    SCREENS, tookMillis);
        } finally {
            screens.forEach(RawSocketIo::close);
            if (!stopping) {
                app.stop(Duration.ofSeconds(8));
            }
            try (Connection c = DriverManager.getConnection(database.url(), database.user(), database.password());
                 Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            }
        }
    }

    private static void lockRow(Connection connection, String sql, UUID id) throws Exception {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, id);
            try (ResultSet rs = select.executeQuery()) {
                assertThat(rs.next()).as("the row to lock: " + sql).isTrue();
            }
        }
    }

    /** Sessions of the database waiting for a lock another one holds. */
    private static int waitingForLocks(Connection connection) throws Exception {
        try (Statement s = connection.createStatement()) {
            return count(s, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL");
        }
    }

    private static int count(Statement statement, String sql) throws Exception {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
