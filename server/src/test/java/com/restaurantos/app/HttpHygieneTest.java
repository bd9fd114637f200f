package com.restaurantos.app;

import com.restaurantos.auth.AuthSettings;
import com.restaurantos.auth.KeySource;
import com.restaurantos.auth.TokenMinter;
import com.restaurantos.store.DatabaseSettings;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every HTTP answer of the wired server, whoever writes it (REST, health, metrics, the router's 404 and 405,
 * Socket.IO's polling transport, Vert.x for a request it cannot parse, a failing database): it carries the security
 * headers, CORS still works, and errors come in the contract's shape without a Java class name, a stack trace or an
 * exception's text.
 */
class HttpHygieneTest {
    private static final String SECRET = "http-hygiene-secret-of-enough-bytes!!";
    private static final UUID RESTAURANT = UUID.fromString("99999999-9999-4999-8999-999999999999");
    private static final String ORIGIN = "https://pos.example";
    private static final Map<String, String> SECURITY_HEADERS = Map.of(
            "x-content-type-options", "nosniff",
            "x-frame-options", "DENY",
            "referrer-policy", "no-referrer",
            "content-security-policy", "default-src 'none'; frame-ancestors 'none'",
            "cache-control", "no-store");
    /** What would betray the server's insides in an answer. */
    private static final List<String> INTERNALS = List.of("exception", "java.", "javax.", "com.restaurantos",
            "io.vertx", "io.netty", "jackson", "com.fasterxml", "\tat ", "caused by", "h2", "sql", "hikari",
            "failed to decode", "line: ", "column: ");

    @TempDir
    static Path dataDir;
    private static Application app;
    private static String token;
    private static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        app = start(dataDir, DatabaseSettings.inMemory("hygiene-" + UUID.randomUUID()));
        token = new TokenMinter(AuthSettings.of(new KeySource.Secret(SECRET)), Clock.systemUTC())
                .mint("hygiene", "manager", RESTAURANT, List.of(), List.of(), Duration.ofHours(1));
    }

    private static Application start(Path dir, DatabaseSettings database) {
        return Application.start(AppConfig.fromEnvironment(Map.of("HOST", "127.0.0.1", "PORT", "0",
                "JWT_SECRET", SECRET, "DATA_DIR", dir.toString(), "CORS_ORIGINS", ORIGIN)), Clock.systemUTC(),
                database);
    }

    @AfterAll
    static void stop() {
        app.stop(Duration.ofSeconds(8));
    }

    static Stream<Arguments> answers() {
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        return Stream.of(
                arguments("GET", "/health/live", null, true, 200),
                arguments("GET", "/health/ready", null, true, 200),
                arguments("GET", "/metrics", null, true, 200),
                arguments("GET", "/api/v1/orders", null, true, 200),
                arguments("GET", "/api/v1/orders", null, false, 401),
                arguments("GET", "/nowhere", null, true, 404),
                arguments("GET", "/api/v1/nowhere", null, true, 404),
                // The router answers a method it has no route for as an unknown route.
                arguments("PUT", "/api/v1/orders", "{}", true, 404),
                arguments("GET", "/api/v1/orders/not-a-uuid", null, true, 400),
                arguments("GET", "/api/v1/orders?limit=x&status=java.lang.Object", null, true, 400),
                arguments("POST", "/api/v1/orders", "{\"type\":", true, 400),
                arguments("POST", "/api/v1/orders", "{\"type\":\"dine-in\",\"items\":[{\"name\":\"x\",\"quantity\""
                        + ":1e999999999,\"price\":1}]}", true, 400),
                arguments("POST", "/api/v1/orders", "{\"type\":\"dine-in\",\"items\":[{\"name\":\"x\",\"quantity\""
                        + ":1,\"price\":\"12,50\"}],\"\\ud800\":1}", true, 400),
                arguments("POST", "/api/v1/orders", "{\"items\":" + deep + "}", true, 400),
                arguments("POST", "/api/v1/orders", "\u0000\u0001 not JSON", true, 400),
                arguments("PATCH", "/api/v1/orders/" + UUID.randomUUID() + "/status", "{\"status\":{\"@class\":"
                        + "\"java.lang.Runtime\"}}", true, 400),
                arguments("GET", "/socket.io/?EIO=4&transport=polling", null, false, 200),
                arguments("GET", "/socket.io/?EIO=3&transport=polling", null, false, 400));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("answers")
    void everyAnswerHasTheSecurityHeadersAndNoInternals(String method, String path, String body, boolean withToken,
                                                      int status) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Origin", ORIGIN);
        if (withToken) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
        hasSecurityHeaders(response.headers().map());
        if (path.startsWith("/socket.io/")) {
            assertThat(response.headers().firstValue("access-control-allow-origin")).as("CORS").contains(ORIGIN);
        } else if (status >= 400) {
            contractError(response.body(), status == 401 ? "AUTH_FAILED" : null);
        }
        // The metrics are for operators and name their libraries; a polling answer carries a random sid.
        if (!path.startsWith("/metrics") && !path.startsWith("/socket.io/")) {
            assertNoInternals(response.body());
        }
    }

    @Test
    void aBrowserPreflightIsStillAnswered() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/orders"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", ORIGIN)
                .header("Access-Control-Request-Method", "PATCH")
                .header("Access-Control-Request-Headers", "authorization,content-type,x-restaurant-id")
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isIn(200, 204);
        assertThat(response.headers().firstValue("access-control-allow-origin")).contains(ORIGIN);
        assertThat(response.headers().firstValue("access-control-allow-methods").orElse("")).contains("PATCH");
        hasSecurityHeaders(response.headers().map());
    }

    @Test
    void requestsVertxCannotParseGetTheContractsErrorToo() throws Exception {
        Map<String, Integer> requests = new LinkedHashMap<>();
        requests.put("GARBAGE\r\n\r\n", 400);
        requests.put("GET /api/v1/orders?x=" + "b".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n", 414);
        requests.put("GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n", 431);
        requests.put("GET /health/live HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n", 400);
        for (Map.Entry<String, Integer> entry : requests.entrySet()) {
            RawAnswer answer = raw(entry.getKey());

            assertThat(answer.status()).as("status of %s", answer).isEqualTo(entry.getValue());
            hasSecurityHeaders(answer.headers());
            contractError(answer.body(), "INVALID_PAYLOAD");
            assertNoInternals(answer.body());
        }
    }

    @Test
    void aDatabaseFailureIsAGenericInternalError(@TempDir Path dir) throws Exception {
        DatabaseSettings database = DatabaseSettings.inMemory("hygiene-failing-" + UUID.randomUUID());
        Application failing = start(dir, database);
        try {
            try (Connection connection = DriverManager.getConnection(database.url(), database.user(),
                    database.password())) {
                connection.createStatement().execute("SHUTDOWN");
            }
            String base = "http://127.0.0.1:" + failing.port();
            HttpResponse<String> orders = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/orders"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> ready = client.send(HttpRequest.newBuilder(URI.create(base + "/health/ready"))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(orders.statusCode()).isEqualTo(500);
            JsonObject error = contractError(orders.body(), "INTERNAL");
            assertThat(error.getString("message")).isEqualTo("internal error");
            hasSecurityHeaders(orders.headers().map());
            assertNoInternals(orders.body());
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(new JsonObject(ready.body()).getString("database")).isEqualTo("DOWN");
            hasSecurityHeaders(ready.headers().map());
            assertNoInternals(ready.body());
        } finally {
            failing.stop(Duration.ofSeconds(8));
        }
    }

    private static void hasSecurityHeaders(Map<String, List<String>> headers) {
        Map<String, List<String>> lower = new LinkedHashMap<>();
        headers.forEach((name, values) -> lower.put(name.toLowerCase(Locale.ROOT), values));
        SECURITY_HEADERS.forEach((name, value) ->
                assertThat(lower.get(name)).as("header %s in %s", name, headers.keySet()).containsExactly(value));
    }

    /** {@code {success: false, error: {code, message, details?}}}; the code checked when given. */
    private static JsonObject contractError(String body, String code) {
        JsonObject json = new JsonObject(body);
        assertThat(json.fieldNames()).as(body).containsExactlyInAnyOrder("success", "error");
        assertThat(json.getValue("success")).isEqualTo(false);
        JsonObject error = json.getJsonObject("error");
        assertThat(error.fieldNames()).as(body).contains("code", "message").isSubsetOf("code", "message", "details");
        if (code != null) {
            assertThat(error.getString("code")).isEqualTo(code);
        }
        return error;
    }

    private static void assertNoInternals(String body) {
        String lower = body.toLowerCase(Locale.ROOT);
        assertThat(INTERNALS).as("internals in %s", body).noneMatch(lower::contains);
    }

    private record RawAnswer(int status, Map<String, List<String>> headers, String body) {
    }

    /** Sends bytes as they are and reads the answer up to the server's close. */
    private static RawAnswer raw(String request) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", app.port()), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            assertThat(end).as("an HTTP answer: %s", text).isPositive();
            String[] lines = text.substring(0, end).split("\r\n");
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.computeIfAbsent(lines[i].substring(0, colon).strip(), k -> new java.util.ArrayList<>())
                        .add(lines[i].substring(colon + 1).strip());
            }
            return new RawAnswer(Integer.parseInt(lines[0].split(" ")[1]), headers, text.substring(end + 4));
        }
    }

    private static String base() {
        return "http://127.0.0.1:" + app.port();
    }
}
