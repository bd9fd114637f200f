package com.restaurantos.app;

import com.restaurantos.auth.AuthSettings;
import com.restaurantos.auth.KeySource;
import com.restaurantos.auth.TokenMinter;
import com.restaurantos.orders.DomainEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The wired server: REST and Socket.IO on one port, the embedded database and the generated secret. */
class ApplicationTest {
    private static final UUID RESTAURANT = UUID.fromString("11111111-1111-1111-1111-111111111111");
    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> send(Application app, String method, String path, String token, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesRestAndSocketIoOnOnePortAndKeepsOrdersAcrossARestart(@TempDir Path dir) throws Exception {
        AppConfig config = AppConfig.fromEnvironment(Map.of("HOST", "127.0.0.1", "PORT", "0",
                "DATA_DIR", dir.toString(), "TAX_RATE", "10%"));
        Application app = Application.start(config, Clock.systemUTC());
        String token;
        String id;
        try {
            List<DomainEvent> events = new CopyOnWriteArrayList<>();
            app.events().subscribe(events::add);
            String secret = Files.readString(dir.resolve("jwt-secret")).strip();
            token = new TokenMinter(AuthSettings.of(new KeySource.Secret(secret)), Clock.systemUTC())
                    .mint("server-1", "server", RESTAURANT, List.of(), List.of(), Duration.ofMinutes(5));

            HttpResponse<String> created = send(app, "POST", "/api/v1/orders", token,
                    "{\"type\":\"takeout\",\"items\":[{\"name\":\"Soup\",\"quantity\":1,\"price\":10}]}");
            HttpResponse<String> handshake = send(app, "GET", "/socket.io/?EIO=4&transport=polling", null, null);
            HttpResponse<String> ready = send(app, "GET", "/health/ready", null, null);

            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(created.body()).contains("\"tax\":1.00", "\"total\":11.00");
            id = new io.vertx.core.json.JsonObject(created.body()).getString("id");
            assertThat(handshake.statusCode()).isEqualTo(200);
            assertThat(handshake.body()).startsWith("0{\"sid\":");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(events).hasSize(1);
            assertThat(dir.resolve("restaurant-os.mv.db")).exists();
        } finally {
            app.stop(Duration.ofSeconds(20));
        }

        Application restarted = Application.start(config, Clock.systemUTC());
        try {
            HttpResponse<String> found = send(restarted, "GET", "/api/v1/orders/" + id, token, null);

            assertThat(found.statusCode()).isEqualTo(200);
            assertThat(found.body()).contains("\"order_number\"", "Soup");
        } finally {
            restarted.stop(Duration.ofSeconds(20));
        }
    }
}
