package com.restaurantos.engineio;

import com.fasterxml.jackson.databind.JsonNode;
import com.restaurantos.testing.Http;
import com.restaurantos.testing.SioClient;
import com.restaurantos.testing.TestServer;
import com.restaurantos.testing.WsClient;
import io.vertx.core.http.UpgradeRejectedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Opening a session: the open packet, and the 400 answers to handshakes that break the rules. */
class EngineHandshakeTest {
    // A short ping timeout also shortens how long a closed polling session waits for its last poll.
    private static final EngineOptions OPTIONS = EngineOptions.defaults()
            .withHeartbeat(Duration.ofMillis(24_000), Duration.ofMillis(200))
            .withMaxPayload(4321);

    private final List<EngineSession> sessions = new CopyOnWriteArrayList<>();
    private final Http http = new Http();
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.engine(OPTIONS, sessions::add);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static JsonNode openPayload(String body) {
        assertThat(body).startsWith("0");
        return SioClient.json(body.substring(1));
    }

    @Test
    void opensAPollingSessionWithExactlyTheFiveHandshakeValues() {
        Http.Response response = http.get(server.url("EIO=4&transport=polling"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("content-type")).startsWith("text/plain");
        assertThat(response.body()).doesNotContain("\u001e");
        JsonNode open = openPayload(response.body());
        assertThat(open.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("sid", "upgrades", "pingInterval", "pingTimeout", "maxPayload");
        assertThat(open.get("sid").isTextual()).isTrue();
        assertThat(open.get("upgrades")).isEqualTo(SioClient.json("[\"websocket\"]"));
        assertThat(open.get("pingInterval").isInt()).isTrue();
        assertThat(open.get("pingInterval").intValue()).isEqualTo(24_000);
        assertThat(open.get("pingTimeout").intValue()).isEqualTo(200);
        assertThat(open.get("maxPayload").intValue()).isEqualTo(4321);
    }

    @Test
    void opensAWebSocketSessionThatOffersNoUpgrade() {
        try (WsClient ws = WsClient.connect(server, "EIO=4&transport=websocket")) {
            JsonNode open = openPayload(ws.nextText());

            assertThat(open.get("upgrades")).isEqualTo(SioClient.json("[]"));
            assertThat(open.get("pingInterval").intValue()).isEqualTo(24_000);
            assertThat(open.get("maxPayload").intValue()).isEqualTo(4321);
            assertThat(sessions).singleElement().satisfies(s -> {
                assertThat(s.id()).isEqualTo(open.get("sid").asText());
                assertThat(s.transport()).isEqualTo("websocket");
            });
        }
    }

    @Test
    void givesEverySessionItsOwnUrlSafeSid() {
        String first = http.handshake(server);
        String second = http.handshake(server);

        assertThat(first).isNotEqualTo(second).matches("[A-Za-z0-9_-]{20}");
        assertThat(sessions).extracting(EngineSession::id).containsExactly(first, second);
        assertThat(server.engine().sessions()).hasSize(2);
    }

    @Test
    void keepsTheHandshakeRequestForTheLayerAbove() {
        http.send(Http.request(server.url("EIO=4&transport=polling&t=N8hyd6w&token=abc"))
                .header("X-Kitchen", "grill").GET().build());

        HandshakeRequest handshake = sessions.get(0).handshake();
        assertThat(handshake.query()).containsEntry("token", "abc").containsEntry("EIO", "4");
        assertThat(handshake.headers().get("x-kitchen")).isEqualTo("grill");
        assertThat(handshake.headers().get("HOST")).isEqualTo("127.0.0.1:" + server.port());
        assertThat(List.copyOf(handshake.headers().names())).as("well-known names in lower case")
                .contains("host", "X-Kitchen").doesNotContain("Host");
        assertThat(handshake.remoteAddress()).startsWith("127.0.0.1:");
        assertThat(handshake.clientAddress()).isEqualTo("127.0.0.1");
        assertThat(handshake.secure()).isFalse();
    }

    @Test
    void ignoresUnknownQueryParameters() {
        assertThat(http.get(server.url("EIO=4&transport=polling&t=burst&foo=bar")).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"transport=polling", "EIO=abc&transport=polling", "EIO=3&transport=polling",
            "EIO=&transport=polling", "EIO=5&transport=polling"})
    void rejectsAMissingOrUnsupportedProtocolVersion(String query) {
        Http.Response response = http.get(server.url(query));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("content-type")).isEqualTo("application/json");
        assertThat(response.body()).isEqualTo("{\"code\":5,\"message\":\"Unsupported protocol version\"}");
        assertThat(sessions).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"EIO=4", "EIO=4&transport=abc", "EIO=4&transport=", "EIO=4&transport=POLLING"})
    void rejectsAMissingOrUnknownTransport(String query) {
        Http.Response response = http.get(server.url(query));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"code\":0,\"message\":\"Transport unknown\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE"})
    void rejectsAHandshakeThatIsNotAGet(String method) {
        Http.Response response = http.send(Http.request(server.url("EIO=4&transport=polling"))
                .method(method, HttpRequest.BodyPublishers.noBody()).build());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"code\":2,\"message\":\"Bad handshake method\"}");
        assertThat(sessions).isEmpty();
    }

    @Test
    void rejectsUnknownSid() {
        String unknown = server.url("EIO=4&transport=polling&sid=doesnotexist");

        Http.Response get = http.get(unknown);
        Http.Response post = http.post(unknown, "4hello");

        assertThat(get.status()).isEqualTo(400);
        assertThat(get.body()).isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
        assertThat(post.status()).isEqualTo(400);
        assertThat(post.body()).isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
    }

    @Test
    void rejectsAPlainGetForTheWebSocketTransport() {
        Http.Response response = http.get(server.url("EIO=4&transport=websocket"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"code\":3,\"message\":\"Bad request\"}");
    }

    @Test
    void rejectsAnUnknownMethodOnAnExistingSession() {
        String sid = http.handshake(server);

        Http.Response response = http.send(Http.request(server.url("EIO=4&transport=polling&sid=" + sid))
                .method("PUT", HttpRequest.BodyPublishers.ofString("4x")).build());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"code\":3,\"message\":\"Bad request\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"transport=websocket", "EIO=abc&transport=websocket", "EIO=4", "EIO=4&transport=abc"})
    void refusesAWebSocketWithAnInvalidQuery(String query) {
        Throwable failure = TestServer.await(WsClient.attempt(server, query)
                .map(c -> (Throwable) null)
                .otherwise(e -> e));

        assertThat(failure).isInstanceOf(UpgradeRejectedException.class);
        assertThat(((UpgradeRejectedException) failure).getStatus()).isEqualTo(400);
        assertThat(sessions).isEmpty();
    }

    @Test
    void answersOnlyOnItsOwnPath() {
        Http.Response response = http.get("http://127.0.0.1:" + server.port() + "/other/?EIO=4&transport=polling");

        assertThat(response.status()).isEqualTo(404);
        assertThat(http.get("http://127.0.0.1:" + server.port() + "/engine.io?EIO=4&transport=polling").status())
                .isEqualTo(200);
    }

    @Test
    void offersNoUpgradeWhenWebSocketIsDisabled() {
        try (TestServer pollingOnly = TestServer.engine(OPTIONS.withTransports(false, true), s -> { })) {
            JsonNode open = openPayload(http.get(pollingOnly.url("EIO=4&transport=polling")).body());

            assertThat(open.get("upgrades")).isEqualTo(SioClient.json("[]"));
            assertThat(http.get(pollingOnly.url("EIO=4&transport=websocket")).body())
                    .isEqualTo("{\"code\":0,\"message\":\"Transport unknown\"}");
        }
    }

    @Test
    void refusesPollingWhenItIsDisabled() {
        try (TestServer websocketOnly = TestServer.engine(OPTIONS.withTransports(true, false), s -> { })) {
            Http.Response response = http.get(websocketOnly.url("EIO=4&transport=polling"));

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body()).isEqualTo("{\"code\":0,\"message\":\"Transport unknown\"}");
        }
    }

    @Test
    void rejectsInvalidOptions() {
        assertThatThrownBy(() -> OPTIONS.withPath("no-slash")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OPTIONS.withMaxPayload(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OPTIONS.withHeartbeat(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OPTIONS.withTransports(false, false)).isInstanceOf(IllegalArgumentException.class);
    }
}
