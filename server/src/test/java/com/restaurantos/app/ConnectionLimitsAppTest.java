package com.restaurantos.app;

import com.restaurantos.auth.AuthSettings;
import com.restaurantos.auth.KeySource;
import com.restaurantos.auth.TokenMinter;
import com.restaurantos.socketio.Socket;
import com.restaurantos.store.DatabaseSettings;
import com.restaurantos.testing.RawSocketIo;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The limit settings as the application wires them: refusals counted on /metrics, a room too many answered. */
class ConnectionLimitsAppTest {
    private static final String SECRET = "connection-limits-secret-of-enough-bytes!";
    private static final UUID RESTAURANT = UUID.fromString("33333333-3333-3333-3333-333333333333");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Application start(Path dir, Map<String, String> settings) {
        Map<String, String> env = new HashMap<>(Map.of("HOST", "127.0.0.1", "PORT", "0", "JWT_SECRET", SECRET,
                "DATA_DIR", dir.toString()));
        env.putAll(settings);
        return Application.start(AppConfig.fromEnvironment(env), Clock.systemUTC(),
                DatabaseSettings.inMemory("limits-" + UUID.randomUUID()));
    }

    private static String token() {
        return new TokenMinter(AuthSettings.of(new KeySource.Secret(SECRET)), Clock.systemUTC())
                .mint("kds-1", "kitchen", RESTAURANT, List.of(), List.of(), Duration.ofHours(1));
    }

    private HttpResponse<String> get(Application app, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private String metrics(Application app) throws Exception {
        return get(app, "/metrics").body();
    }

    @Test
    void refusesAConnectionPastMaxConnectionsPerAddressAndCountsItOnMetrics(@TempDir Path dir) throws Exception {
        Application app = start(dir, Map.of("MAX_CONNECTIONS_PER_ADDRESS", "1"));
        try {
            try (RawSocketIo screen = RawSocketIo.connect(app.port(), token())) {
                HttpResponse<String> refused = get(app, "/socket.io/?EIO=4&transport=polling");

                assertThat(refused.statusCode()).isEqualTo(429);
                assertThat(refused.body())
                        .isEqualTo("{\"code\":7,\"message\":\"Too many connections from this address\"}");
                assertThat(metrics(app)).contains(
                        "realtime_engine_connections 1.0",
                        "realtime_connections_refused_total{reason=\"max_connections_per_address\"} 1.0",
                        "realtime_connections_refused_total{reason=\"max_connections\"} 0.0",
                        "realtime_connections_refused_total{reason=\"handshake_rate\"} 0.0");
            }

            await().atMost(Duration.ofSeconds(5)).until(() -> metrics(app).contains("realtime_engine_connections 0.0"));
            try (RawSocketIo again = RawSocketIo.connect(app.port(), token())) {
                assertThat(again.join(RESTAURANT.toString())).isNotNull();
            }
        } finally {
            app.stop(Duration.ofSeconds(10));
        }
    }

    @Test
    void answersAJoinPastMaxRoomsPerSocketWithAValidationErrorAndKeepsTheSocket(@TempDir Path dir) throws Exception {
        Application app = start(dir, Map.of("MAX_ROOMS_PER_SOCKET", "5"));
        try (RawSocketIo screen = RawSocketIo.connect(app.port(), token())) {
            // Its own room, the restaurant's, the station members', kitchen and bar: five.
            assertThat(screen.call("join:station", station("kitchen")).getBoolean("success")).isTrue();
            assertThat(screen.call("join:station", station("bar")).getBoolean("success")).isTrue();
            Socket socket = app.io().sockets().sockets().iterator().next();
            var roomsBefore = socket.rooms();

            JsonObject refused = screen.call("join:station", station("expo"));

            assertThat(refused.getBoolean("success")).isFalse();
            JsonObject error = refused.getJsonObject("error");
            assertThat(error.getString("code")).isEqualTo("VALIDATION_ERROR");
            assertThat(error.getJsonObject("details").getString("rooms")).contains("at most 5 rooms");
            assertThat(socket.rooms()).isEqualTo(roomsBefore);
            assertThat(screen.call("join:station", station("kitchen")).getBoolean("success"))
                    .as("a room it is in already").isTrue();
            assertThat(screen.call("orders:sync", new JsonObject().put("restaurantId", RESTAURANT.toString()))
                    .getBoolean("success")).as("the socket still answered").isTrue();
            assertThat(metrics(app)).contains("realtime_errors_total{code=\"VALIDATION_ERROR\"} 1.0");
        } finally {
            app.stop(Duration.ofSeconds(10));
        }
    }

    private static JsonObject station(String name) {
        return new JsonObject().put("restaurantId", RESTAURANT.toString()).put("station", name);
    }
}
