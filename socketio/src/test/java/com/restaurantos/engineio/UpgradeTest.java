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

/** Moving a polling session onto a WebSocket: probe, noop to the poll, upgrade, and what is refused after. */
class UpgradeTest {
    private final SessionRecorder sessions = SessionRecorder.echoing();
    private final Http http = new Http();
    private TestServer server;
    private String sid;
    private String pollUrl;

    @BeforeEach
    void start() {
        server = TestServer.engine(EngineOptions.defaults()
                .withHeartbeat(Duration.ofSeconds(25), Duration.ofMillis(300))
                .withUpgradeTimeout(Duration.ofMillis(500)), sessions);
        sid = http.handshake(server);
        pollUrl = server.url("EIO=4&transport=polling&sid=" + sid);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private WsClient upgradeSocket() {
        return WsClient.connect(server, "EIO=4&transport=websocket&sid=" + sid);
    }

    private WsClient upgraded() {
        WsClient ws = upgradeSocket();
        ws.send("2probe");
        assertThat(ws.nextText()).isEqualTo("3probe");
        ws.send("5");
        await().atMost(Duration.ofSeconds(5)).until(() -> sessions.session(sid).transport().equals("websocket"));
        return ws;
    }

    @Test
    void upgradesAPollingSessionToWebSocket() throws Exception {
        CompletableFuture<Http.Response> waitingPoll = http.getAsync(pollUrl);
        await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(2)).until(() -> !waitingPoll.isDone());

        try (WsClient ws = upgradeSocket()) {
            ws.send("2probe");
            assertThat(ws.nextText()).as("no open packet on an upgrade WebSocket").isEqualTo("3probe");

            Http.Response released = waitingPoll.get(5, SECONDS);
            assertThat(released.status()).isEqualTo(200);
            assertThat(released.body()).isEqualTo("6");

            ws.send("5");
            ws.send("4hello");
            assertThat(ws.nextText()).isEqualTo("4hello");
            assertThat(sessions.get(sid).nextMessage()).isEqualTo(EnginePacket.message("hello"));
            assertThat(sessions.session(sid).transport()).isEqualTo("websocket");

            ws.sendBinary(new byte[]{1, 2, 3, 4});
            assertThat(ws.nextBinary()).containsExactly(1, 2, 3, 4);
        }
    }

    @Test
    void answersAPollThatArrivesDuringTheUpgradeWithNoop() {
        try (WsClient ws = upgradeSocket()) {
            ws.send("2probe");
            assertThat(ws.nextText()).isEqualTo("3probe");

            Http.Response poll = http.get(pollUrl);

            assertThat(poll.status()).isEqualTo(200);
            assertThat(poll.body()).isEqualTo("6");
            ws.send("5");
            ws.send("4hello");
            assertThat(ws.nextText()).isEqualTo("4hello");
        }
    }

    @Test
    void refusesPollingWithTheSidAfterTheUpgrade() {
        try (WsClient ws = upgraded()) {
            Http.Response get = http.get(pollUrl);
            Http.Response post = http.post(pollUrl, "4hello");

            assertThat(get.status()).isEqualTo(400);
            assertThat(get.body()).isEqualTo("{\"code\":3,\"message\":\"Bad request\"}");
            assertThat(post.status()).isEqualTo(400);
            assertThat(sessions.get(sid).messages).isEmpty();
            ws.send("4still here");
            assertThat(ws.nextText()).isEqualTo("4still here");
        }
    }

    @Test
    void refusesAPollThatRacesTheUpgradePacket() {
        try (WsClient ws = upgradeSocket()) {
            ws.send("2probe");
            ws.send("5");

            assertThat(http.get(pollUrl).status()).isEqualTo(400);
            assertThat(ws.nextText()).isEqualTo("3probe");
            ws.send("4hello");
            assertThat(ws.nextText()).isEqualTo("4hello");
        }
    }

    @Test
    void acceptsThenClosesASecondWebSocketWithTheSameSid() {
        try (WsClient first = upgraded(); WsClient second = upgradeSocket()) {
            second.awaitClosed();

            first.send("4hello");
            assertThat(first.nextText()).isEqualTo("4hello");
            assertThat(sessions.session(sid).isOpen()).isTrue();
        }
    }

    @Test
    void sendsWhatWasQueuedDuringTheUpgradeOverTheWebSocket() {
        try (WsClient ws = upgradeSocket()) {
            ws.send("2probe");
            assertThat(ws.nextText()).isEqualTo("3probe");
            EngineSession session = sessions.session(sid);
            session.send(EnginePacket.message("while upgrading"));
            session.send(EnginePacket.binaryMessage(new byte[]{9}));

            ws.send("5");

            assertThat(ws.nextText()).isEqualTo("4while upgrading");
            assertThat(ws.nextBinary()).containsExactly(9);
        }
    }

    @Test
    void abandonsTheUpgradeWhenTheFirstPacketIsNotAProbe() {
        try (WsClient ws = upgradeSocket()) {
            ws.send("2notaprobe");

            ws.awaitClosed();
            assertStillPolling();
        }
    }

    @Test
    void abandonsTheUpgradeWhenTheUpgradePacketComesBeforeTheProbe() {
        try (WsClient ws = upgradeSocket()) {
            ws.send("5");

            ws.awaitClosed();
            assertStillPolling();
        }
    }

    @Test
    void abandonsTheUpgradeWhenTheProbeIsNotFollowedInTime() {
        try (WsClient ws = upgradeSocket()) {
            ws.send("2probe");
            assertThat(ws.nextText()).isEqualTo("3probe");

            ws.awaitClosed();
            assertStillPolling();
        }
    }

    @Test
    void abandonsTheUpgradeWhenTheClientClosesTheWebSocket() {
        WsClient ws = upgradeSocket();
        ws.send("2probe");
        assertThat(ws.nextText()).isEqualTo("3probe");

        ws.close();

        assertStillPolling();
    }

    @Test
    void refusesToUpgradeASessionThatIsAlreadyOnWebSocket() {
        try (WsClient ws = WsClient.connect(server, "EIO=4&transport=websocket")) {
            String wsSid = SioClient.json(ws.nextText().substring(1)).get("sid").asText();

            try (WsClient second = WsClient.connect(server, "EIO=4&transport=websocket&sid=" + wsSid)) {
                second.awaitClosed();
            }
            ws.send("4hello");
            assertThat(ws.nextText()).isEqualTo("4hello");
        }
    }

    private void assertStillPolling() {
        assertThat(sessions.session(sid).isOpen()).isTrue();
        assertThat(sessions.session(sid).transport()).isEqualTo("polling");
        assertThat(http.post(pollUrl, "4after").body()).isEqualTo("ok");
        assertThat(http.get(pollUrl).body()).isEqualTo("4after");
    }
}
