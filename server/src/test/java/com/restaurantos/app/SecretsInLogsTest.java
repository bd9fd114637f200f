package com.restaurantos.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import com.restaurantos.auth.AuthSettings;
import com.restaurantos.auth.KeySource;
import com.restaurantos.auth.TokenMinter;
import com.restaurantos.store.DatabaseSettings;
import com.restaurantos.testing.RawSocketIo;
import com.restaurantos.testing.RawWebSocket;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No credential reaches the log: tokens sent in the {@code Authorization} header, in a {@code token} query
 * parameter and in the Socket.IO auth payload, valid, expired and wrongly signed, over REST, WebSocket and
 * long-polling, with the log at DEBUG. Checked twice: the code never logs them (the events as logged), and the
 * production layout of {@code logback.xml} masks what a careless message or exception would carry.
 */
class SecretsInLogsTest {
    private static final String SECRET = "secrets-in-logs-secret-of-enough-bytes!!";
    private static final UUID RESTAURANT = UUID.fromString("12121212-1212-4212-8212-121212121212");

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final List<String> written = new CopyOnWriteArrayList<>();
    private Level level;
    private Capture capture;

    /** Keeps each event twice: as the code logged it, and as the production layout writes it. */
    private final class Capture extends AppenderBase<ILoggingEvent> {
        private final Encoder<ILoggingEvent> layout;

        Capture(Encoder<ILoggingEvent> layout) {
            this.layout = layout;
        }

        @Override
        protected void append(ILoggingEvent event) {
            logged.add(event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                    : ThrowableProxyUtil.asString(event.getThrowableProxy())));
            written.add(new String(layout.encode(event), StandardCharsets.UTF_8));
        }
    }

    @BeforeEach
    void capture() {
        // The server module has no logback-test.xml: the root logger is configured by the production logback.xml.
        @SuppressWarnings("unchecked")
        OutputStreamAppender<ILoggingEvent> stdout = (OutputStreamAppender<ILoggingEvent>) root.getAppender("STDOUT");
        assertThat(stdout).as("the STDOUT appender of logback.xml").isNotNull();
        capture = new Capture(stdout.getEncoder());
        capture.setContext(root.getLoggerContext());
        capture.start();
        root.addAppender(capture);
        level = root.getLevel();
        root.setLevel(Level.DEBUG);
    }

    @AfterEach
    void release() {
        root.setLevel(level);
        root.detachAppender(capture);
    }

    @Test
    void noTokenAndNoSecretIsEverLogged(@TempDir Path dir) throws Exception {
        AuthSettings auth = AuthSettings.of(new KeySource.Secret(SECRET));
        String valid = new TokenMinter(auth, Clock.systemUTC())
                .mint("staff", "manager", RESTAURANT, List.of(), List.of(), Duration.ofHours(1));
        String expired = new TokenMinter(auth, Clock.fixed(Instant.now().minus(Duration.ofHours(3)), ZoneOffset.UTC))
                .mint("staff", "manager", RESTAURANT, List.of(), List.of(), Duration.ofHours(1));
        String forged = new TokenMinter(AuthSettings.of(new KeySource.Secret("another-secret-of-enough-bytes!!!!")),
                Clock.systemUTC()).mint("staff", "manager", RESTAURANT, List.of(), List.of(), Duration.ofHours(1));
        List<String> tokens = List.of(valid, expired, forged, "not-a-jwt-but-a-secret-value");

        Application app = Application.start(AppConfig.fromEnvironment(Map.of("HOST", "127.0.0.1", "PORT", "0",
                "JWT_SECRET", SECRET, "DATA_DIR", dir.toString())), Clock.systemUTC(),
                DatabaseSettings.inMemory("secrets-" + UUID.randomUUID()));
        try {
            int port = app.port();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (String token : tokens) {
                String base = "http://127.0.0.1:" + port;
                http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/orders"))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding());
                http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/orders?token=" + token)).build(),
                        HttpResponse.BodyHandlers.discarding());
                // A failing request that carries the token: an order body that is not JSON.
                http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/orders"))
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + token)).build(),
                        HttpResponse.BodyHandlers.discarding());
                connectByWebSocket(port, "/socket.io/?EIO=4&transport=websocket",
                        new JsonObject().put("token", token));
                connectByWebSocket(port, "/socket.io/?EIO=4&transport=websocket&token=" + token, null);
                http.send(HttpRequest.newBuilder(URI.create(base + "/socket.io/?EIO=4&transport=polling&token="
                        + token)).header("Authorization", "Bearer " + token).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            // A connected socket that sends a token where it does not belong, and a packet that does not parse.
            try (RawSocketIo socket = RawSocketIo.connect(port, valid)) {
                socket.call("join:restaurant", valid);
                socket.ws().sendText("42[\"orders:sync\",{\"token\":\"" + valid + "\"");
                // A packet that does not parse ends the session (and is logged at DEBUG).
                socket.ws().closed().get(5, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            app.stop(Duration.ofSeconds(8));
        }

        assertThat(written).as("log lines captured").anyMatch(line -> line.contains("listening on"));
        for (String token : tokens) {
            String signature = token.substring(token.lastIndexOf('.') + 1);
            assertThat(logged).as("what the code logged").noneMatch(line -> line.contains(token))
                    .noneMatch(line -> line.contains(signature));
            assertThat(written).as("what the log shows").noneMatch(line -> line.contains(token))
                    .noneMatch(line -> line.contains(signature));
        }
        assertThat(logged).as("the JWT secret").noneMatch(line -> line.contains(SECRET));
        assertThat(written).as("the JWT secret").noneMatch(line -> line.contains(SECRET));
    }

    @Test
    void theProductionLayoutMasksCredentialsInMessagesAndStackTraces() {
        String jwt = new TokenMinter(AuthSettings.of(new KeySource.Secret(SECRET)), Clock.systemUTC())
                .mint("staff", "kitchen", RESTAURANT, List.of(), List.of(), Duration.ofHours(1));
        String opaque = "opaque-credential-1234";
        org.slf4j.Logger careless = LoggerFactory.getLogger("careless");

        careless.warn("handshake with Authorization: Bearer {} at /socket.io/?EIO=4&token={}&transport=polling"
                + " and auth {\"token\":\"{}\"}", opaque, opaque, opaque);
        careless.warn("token {} did not verify", jwt, new IllegalStateException("cannot parse " + jwt,
                new IllegalArgumentException("Authorization: bearer " + opaque)));

        List<String> lines = new ArrayList<>(written);
        assertThat(lines).hasSize(2);
        assertThat(lines).allSatisfy(line -> assertThat(line).doesNotContain(jwt).doesNotContain(opaque)
                .doesNotContain(jwt.substring(jwt.lastIndexOf('.') + 1)).contains("<redacted>"));
        assertThat(lines.get(0)).contains("Bearer <redacted>", "token=<redacted>&transport=polling",
                "{\"token\":\"<redacted>\"}");
        assertThat(lines.get(1)).contains("IllegalStateException: cannot parse <redacted>",
                "Caused by: java.lang.IllegalArgumentException: Authorization: bearer <redacted>");
        // What the code logged is there unmasked: the masking is the layout's.
        assertThat(logged).anyMatch(line -> line.contains(jwt));
    }

    /** Opens a WebSocket session and sends CONNECT (with this auth payload, or none); waits for the answer. */
    private static void connectByWebSocket(int port, String path, JsonObject auth) throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(port, path)) {
            assertThat(ws.nextText(5_000)).startsWith("0{");
            ws.sendText("40" + (auth == null ? "" : auth.encode()));
            String reply = ws.nextText(5_000);
            assertThat(reply).matches("4[04].*");
        }
    }
}
