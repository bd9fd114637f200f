package com.restaurantos.engineio;

import com.restaurantos.testing.Http;
import com.restaurantos.testing.SioClient;
import com.restaurantos.testing.TestServer;
import com.restaurantos.testing.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The server pings; a client that answers stays, one that does not is closed after pingTimeout. */
class HeartbeatTest {
    // The timeout is the client's slack to answer: generous, so a slow machine does not fail the test.
    private static final int INTERVAL = 250;
    private static final int TIMEOUT = 500;

    private final SessionRecorder sessions = SessionRecorder.recording();
    private final Http http = new Http();
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.engine(EngineOptions.defaults()
                .withHeartbeat(Duration.ofMillis(INTERVAL), Duration.ofMillis(TIMEOUT)), sessions);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String openWebSocket(WsClient ws) {
        return SioClient.json(ws.nextText().substring(1)).get("sid").asText();
    }

    @Test
    void pingsAPollingClientThatAnswersWithPong() {
        String sid = http.handshake(server);
        String url = server.url("EIO=4&transport=polling&sid=" + sid);

        for (int i = 0; i < 3; i++) {
            Http.Response ping = http.get(url);
            assertThat(ping.status()).isEqualTo(200);
            assertThat(ping.body()).isEqualTo("2");
            assertThat(http.post(url, "3").body()).isEqualTo("ok");
        }

        assertThat(sessions.session(sid).isOpen()).isTrue();
    }

    @Test
    void closesAPollingSessionThatDoesNotAnswerThePing() {
        String sid = http.handshake(server);

        assertThat(sessions.get(sid).awaitClose()).isEqualTo("ping timeout");
        assertThat(http.get(server.url("EIO=4&transport=polling&sid=" + sid)).status()).isEqualTo(400);
    }

    @Test
    void pingsAWebSocketClientThatAnswersWithPong() {
        try (WsClient ws = WsClient.connect(server, "EIO=4&transport=websocket")) {
            String sid = openWebSocket(ws);

            for (int i = 0; i < 3; i++) {
                assertThat(ws.nextText()).isEqualTo("2");
                ws.send("3");
            }

            assertThat(sessions.session(sid).isOpen()).isTrue();
            assertThat(ws.isClosed()).isFalse();
        }
    }

    @Test
    void closesAWebSocketThatDoesNotAnswerThePing() {
        try (WsClient ws = WsClient.connect(server, "EIO=4&transport=websocket")) {
            String sid = openWebSocket(ws);

            assertThat(ws.nextText()).isEqualTo("2");
            ws.awaitClosed();
            assertThat(sessions.get(sid).awaitClose()).isEqualTo("ping timeout");
        }
    }

    @Test
    void waitsAFullIntervalAfterAPongBeforeTheNextPing() {
        try (WsClient ws = WsClient.connect(server, "EIO=4&transport=websocket")) {
            openWebSocket(ws);
            assertThat(ws.nextText()).isEqualTo("2");

            long pongSent = System.nanoTime();
            ws.send("3");
            assertThat(ws.nextText()).isEqualTo("2");

            assertThat(Duration.ofNanos(System.nanoTime() - pongSent)).isGreaterThanOrEqualTo(Duration.ofMillis(INTERVAL));
        }
    }

    @Test
    void messagesDoNotStandInForAPong() {
        try (WsClient ws = WsClient.connect(server, "EIO=4&transport=websocket")) {
            String sid = openWebSocket(ws);
            assertThat(ws.nextText()).isEqualTo("2");

            ws.send("4busy");
            ws.send("4still busy");

            assertThat(sessions.get(sid).awaitClose()).isEqualTo("ping timeout");
            assertThat(sessions.get(sid).messages).hasSize(2);
        }
    }

    @Test
    void closesTheSessionWhenTheClientPings() {
        try (TestServer slow = TestServer.engine(EngineOptions.defaults(), sessions);
             WsClient ws = WsClient.connect(slow, "EIO=4&transport=websocket")) {
            String sid = openWebSocket(ws);

            ws.send("2");

            ws.awaitClosed();
            assertThat(sessions.get(sid).awaitClose()).isEqualTo("parse error");
        }
    }
}
