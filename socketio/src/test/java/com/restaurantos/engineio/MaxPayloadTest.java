package com.restaurantos.engineio;

import java.util.function.Consumer;
import com.restaurantos.testing.Http;
import com.restaurantos.testing.SioClient;
import com.restaurantos.testing.TestServer;
import com.restaurantos.testing.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** maxPayload bounds a POST body and a WebSocket message, in bytes; past it the session is closed. */
class MaxPayloadTest {
    private static final int MAX = 1000;

    private final SessionRecorder sessions = SessionRecorder.recording();
    private final Http http = new Http();
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.engine(EngineOptions.defaults()
                .withHeartbeat(Duration.ofSeconds(25), Duration.ofMillis(300))
                .withMaxPayload(MAX), sessions);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String pollUrl(String sid) {
        return server.url("EIO=4&transport=polling&sid=" + sid);
    }

    @Test
    void acceptsAPostOfExactlyMaxPayloadBytes() {
        String sid = http.handshake(server);

        Http.Response response = http.post(pollUrl(sid), "4" + "x".repeat(MAX - 1));

        assertThat(response.status()).isEqualTo(200);
        assertThat(sessions.get(sid).nextMessage().text()).hasSize(MAX - 1);
    }

    @Test
    void refusesALargerPostWith413AndClosesTheSession() {
        String sid = http.handshake(server);

        Http.Response response = http.post(pollUrl(sid), "4" + "x".repeat(MAX));

        assertThat(response.status()).isEqualTo(413);
        assertThat(sessions.get(sid).awaitClose()).isEqualTo("transport error");
        assertThat(sessions.get(sid).messages).isEmpty();
        assertThat(http.get(pollUrl(sid)).status()).isEqualTo(400);
    }

    @Test
    void countsThePostInBytesNotCharacters() {
        String sid = http.handshake(server);
        String body = "4" + "€".repeat(400);
        assertThat(body.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(MAX);

        assertThat(http.post(pollUrl(sid), body).status()).isEqualTo(413);
        assertThat(sessions.get(sid).awaitClose()).isEqualTo("transport error");
    }

    @Test
    void refusesAChunkedPostThatGrowsPastTheLimit() {
        String sid = http.handshake(server);
        byte[] body = ("4" + "x".repeat(3 * MAX)).getBytes(StandardCharsets.UTF_8);

        Http.Response response = http.send(Http.request(pollUrl(sid))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build());

        assertThat(response.status()).isEqualTo(413);
        assertThat(sessions.get(sid).awaitClose()).isEqualTo("transport error");
    }

    @Test
    void acceptsAWebSocketMessageOfExactlyMaxPayloadBytes() {
        try (WsClient ws = WsClient.connect(server, "EIO=4&transport=websocket")) {
            String sid = SioClient.json(ws.nextText().substring(1)).get("sid").asText();

            ws.send("4" + "x".repeat(MAX - 1));
            ws.sendBinary(new byte[MAX]);

            assertThat(sessions.get(sid).nextMessage().text()).hasSize(MAX - 1);
            assertThat(sessions.get(sid).nextMessage().binary()).hasSize(MAX);
        }
    }

    @Test
    void closesAWebSocketThatSendsALargerTextMessage() {
        assertWebSocketClosedAfter(ws -> ws.send("4" + "x".repeat(MAX)));
    }

    @Test
    void closesAWebSocketThatSendsALargerBinaryMessage() {
        assertWebSocketClosedAfter(ws -> ws.sendBinary(new byte[MAX + 1]));
    }

    @Test
    void countsAWebSocketMessageInBytesNotCharacters() {
        assertWebSocketClosedAfter(ws -> ws.send("4" + "€".repeat(400)));
    }

    @Test
    void countsAWebSocketMessageInBytesEvenWhenTheHttpServerWouldTakeMore() {
        // The HTTP server is left as it comes: the limit is the engine's own, whatever the server allows.
        try (TestServer bare = TestServer.engine(EngineOptions.defaults().withMaxPayload(MAX), sessions, false);
             WsClient ws = WsClient.connect(bare, "EIO=4&transport=websocket")) {
            String sid = SioClient.json(ws.nextText().substring(1)).get("sid").asText();

            ws.send("4" + "€".repeat(400));

            ws.awaitClosed();
            assertThat(sessions.get(sid).awaitClose()).isEqualTo("transport error");
            assertThat(sessions.get(sid).messages).isEmpty();
        }
    }

    @Test
    void countsUtf8BytesOfEveryKindOfCharacter() {
        assertThat(EngineSession.utf8Length("a€\u00e9\ud83c\udf54")).isEqualTo("a€\u00e9\ud83c\udf54"
                .getBytes(StandardCharsets.UTF_8).length);
    }

    private void assertWebSocketClosedAfter(Consumer<WsClient> oversized) {
        try (WsClient ws = WsClient.connect(server, "EIO=4&transport=websocket")) {
            String sid = SioClient.json(ws.nextText().substring(1)).get("sid").asText();

            oversized.accept(ws);

            ws.awaitClosed();
            sessions.get(sid).awaitClose();
            assertThat(sessions.get(sid).messages).isEmpty();
            assertThat(server.engine().sessions()).isEmpty();
        }
    }
}
