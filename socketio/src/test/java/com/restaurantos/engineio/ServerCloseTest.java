package com.restaurantos.engineio;

import com.restaurantos.testing.Http;
import com.restaurantos.testing.SioClient;
import com.restaurantos.testing.TestServer;
import com.restaurantos.testing.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Closing the server, or one session, from the server side. */
class ServerCloseTest {
    private final SessionRecorder sessions = SessionRecorder.recording();
    private final Http http = new Http();
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.engine(EngineOptions.defaults()
                .withHeartbeat(Duration.ofSeconds(25), Duration.ofMillis(300)), sessions);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String sidOf(WsClient ws) {
        return SioClient.json(ws.nextText().substring(1)).get("sid").asText();
    }

    @Test
    void closesEverySessionWhenTheServerCloses() throws Exception {
        String pollingSid = http.handshake(server);
        CompletableFuture<Http.Response> waitingPoll = http.getAsync(server.url("EIO=4&transport=polling&sid=" + pollingSid));
        await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(2)).until(() -> !waitingPoll.isDone());
        try (WsClient ws = WsClient.connect(server, "EIO=4&transport=websocket")) {
            String wsSid = sidOf(ws);

            TestServer.await(server.engine().close());

            assertThat(waitingPoll.get(5, SECONDS).body()).isEqualTo("1");
            ws.awaitClosed();
            assertThat(sessions.get(pollingSid).awaitClose()).isEqualTo("server shutting down");
            assertThat(sessions.get(wsSid).awaitClose()).isEqualTo("server shutting down");
            assertThat(server.engine().sessions()).isEmpty();
        }
    }

    @Test
    void sendsWhatIsQueuedBeforeClosingAWebSocket() {
        try (WsClient ws = WsClient.connect(server, "EIO=4&transport=websocket")) {
            EngineSession session = sessions.session(sidOf(ws));
            session.exec(() -> {
                session.send(EnginePacket.message("last orders"));
                session.send(EnginePacket.binaryMessage(new byte[]{7}));
                server.engine().close();
            });

            assertThat(ws.nextText()).isEqualTo("4last orders");
            assertThat(ws.nextBinary()).containsExactly(7);
            ws.awaitClosed();
        }
    }

    @Test
    void refusesNewSessionsOnceClosing() {
        TestServer.await(server.engine().close());

        assertThat(http.get(server.url("EIO=4&transport=polling")).status()).isEqualTo(503);
    }

    @Test
    void closesOneWebSocketSessionWithForcedClose() {
        try (WsClient ws = WsClient.connect(server, "EIO=4&transport=websocket");
             WsClient other = WsClient.connect(server, "EIO=4&transport=websocket")) {
            String sid = sidOf(ws);
            String otherSid = sidOf(other);
            EngineSession session = sessions.session(sid);
            session.send(EnginePacket.message("goodbye"));
            session.close();

            assertThat(ws.nextText()).isEqualTo("4goodbye");
            ws.awaitClosed();
            assertThat(sessions.get(sid).awaitClose()).isEqualTo("forced close");
            assertThat(sessions.session(otherSid).isOpen()).isTrue();
            assertThat(server.engine().sessions()).extracting(EngineSession::id).containsExactly(otherSid);
        }
    }

    @Test
    void reportsTransportCloseWhenTheClientClosesItsWebSocket() {
        WsClient ws = WsClient.connect(server, "EIO=4&transport=websocket");
        String sid = sidOf(ws);

        ws.close();

        assertThat(sessions.get(sid).awaitClose()).isEqualTo("transport close");
        await().atMost(Duration.ofSeconds(5)).until(() -> server.engine().sessions().isEmpty());
    }

    @Test
    void closesAWebSocketSessionWhenTheClientSendsClose() {
        try (WsClient ws = WsClient.connect(server, "EIO=4&transport=websocket")) {
            String sid = sidOf(ws);

            ws.send("1");

            ws.awaitClosed();
            assertThat(sessions.get(sid).awaitClose()).isEqualTo("transport close");
        }
    }

    @Test
    void closesAWebSocketSessionUponAnInvalidPacket() {
        try (WsClient ws = WsClient.connect(server, "EIO=4&transport=websocket")) {
            String sid = sidOf(ws);

            ws.send("abc");

            ws.awaitClosed();
            assertThat(sessions.get(sid).awaitClose()).isEqualTo("parse error");
        }
    }
}
