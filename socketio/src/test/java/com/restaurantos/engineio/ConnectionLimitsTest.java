package com.restaurantos.engineio;

import com.restaurantos.testing.Http;
import com.restaurantos.testing.SioClient;
import com.restaurantos.testing.TestServer;
import com.restaurantos.testing.WsClient;
import io.vertx.core.http.UpgradeRejectedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link EngineOptions.Limits} over real connections: each limit refuses exactly past it, with its status and
 * Engine.IO error body, admits again once a slot is free, and every way a session ends frees its slot.
 */
class ConnectionLimitsTest {
    private static final String POLLING = "EIO=4&transport=polling";
    private static final String WEBSOCKET = "EIO=4&transport=websocket";
    // Long pings, so that no session ends by itself; a short timeout, so that a closed polling session is
    // forgotten soon after (it waits that long for the client's last poll).
    private static final EngineOptions OPTIONS = EngineOptions.defaults()
            .withHeartbeat(Duration.ofSeconds(25), Duration.ofMillis(300));

    private final SessionRecorder sessions = SessionRecorder.recording();
    private final Http http = new Http();
    private final AtomicLong nanoTime = new AtomicLong();
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(EngineOptions options) {
        server = TestServer.engine(options, sessions, nanoTime::get);
    }

    private static String sid(String openPacket) {
        return SioClient.json(openPacket.substring(1)).get("sid").asText();
    }

    private static String sid(Http.Response handshake) {
        assertThat(handshake.status()).as("handshake status, body %s", handshake.body()).isEqualTo(200);
        return sid(handshake.body());
    }

    private int refusedWebSocketStatus() {
        Throwable failure = TestServer.await(WsClient.attempt(server, WEBSOCKET)
                .map(c -> (Throwable) null)
                .otherwise(e -> e));
        assertThat(failure).isInstanceOf(UpgradeRejectedException.class);
        return ((UpgradeRejectedException) failure).getStatus();
    }

    private void awaitNoConnection() {
        await().atMost(TestServer.TIMEOUT).untilAsserted(() -> {
            assertThat(server.engine().connections()).as("connections counted").isZero();
            assertThat(server.engine().slots().addresses()).as("addresses counted").isZero();
            assertThat(server.engine().sessions()).as("sessions held").isEmpty();
        });
    }

    @Test
    void refusesHandshakesPastMaxConnectionsWith503OnBothTransportsUntilASessionEnds() {
        start(OPTIONS.withLimits(new EngineOptions.Limits(2, 0, 0, 0)));
        WsClient ws = WsClient.connect(server, WEBSOCKET);
        ws.nextText();
        sid(http.get(server.url(POLLING)));

        Http.Response refused = http.get(server.url(POLLING));

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.body()).isEqualTo("{\"code\":6,\"message\":\"Server at connection limit\"}");
        assertThat(refusedWebSocketStatus()).isEqualTo(503);
        assertThat(sessions.count()).isEqualTo(2);
        assertThat(server.engine().refused(HandshakeRefusal.MAX_CONNECTIONS)).isEqualTo(2);
        assertThat(server.engine().connections()).isEqualTo(2);

        ws.close();
        await().atMost(TestServer.TIMEOUT).until(() -> server.engine().connections() == 1);
        sid(http.get(server.url(POLLING)));
        assertThat(server.engine().refused(HandshakeRefusal.MAX_CONNECTIONS_PER_ADDRESS)).isZero();
        assertThat(server.engine().refused(HandshakeRefusal.HANDSHAKE_RATE)).isZero();
    }

    @Test
    void refusesAnAddressPastItsConnectionsWith429WhileOtherAddressesStillConnect() {
        start(OPTIONS.withLimits(new EngineOptions.Limits(0, 2, 0, 0)));
        String first = sid(Http.getFrom("127.0.0.1", server.url(POLLING)));
        sid(Http.getFrom("127.0.0.1", server.url(POLLING)));

        Http.Response refused = Http.getFrom("127.0.0.1", server.url(POLLING));

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body()).isEqualTo("{\"code\":7,\"message\":\"Too many connections from this address\"}");
        assertThat(refusedWebSocketStatus()).as("a websocket from 127.0.0.1").isEqualTo(429);
        sid(Http.getFrom("127.0.0.2", server.url(POLLING)));
        sid(Http.getFrom("127.0.0.2", server.url(POLLING)));
        assertThat(Http.getFrom("127.0.0.2", server.url(POLLING)).status()).isEqualTo(429);
        assertThat(server.engine().slots().connections("127.0.0.1")).isEqualTo(2);
        assertThat(server.engine().slots().connections("127.0.0.2")).isEqualTo(2);
        assertThat(server.engine().refused(HandshakeRefusal.MAX_CONNECTIONS_PER_ADDRESS)).isEqualTo(3);

        sessions.session(first).close();
        await().atMost(TestServer.TIMEOUT).until(() -> server.engine().slots().connections("127.0.0.1") == 1);
        sid(Http.getFrom("127.0.0.1", server.url(POLLING)));
        assertThat(Http.getFrom("127.0.0.1", server.url(POLLING)).status()).isEqualTo(429);
    }

    @Test
    void refusesHandshakesFasterThanTheRateOfAnAddressUntilItsBucketRefills() {
        // 10 a second: one every 100 ms, 3 at once.
        start(OPTIONS.withLimits(new EngineOptions.Limits(0, 0, 10, 3)));
        for (int i = 0; i < 3; i++) {
            sid(Http.getFrom("127.0.0.1", server.url(POLLING)));
        }

        Http.Response refused = Http.getFrom("127.0.0.1", server.url(POLLING));

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body()).isEqualTo("{\"code\":8,\"message\":\"Too many handshakes from this address\"}");
        assertThat(refusedWebSocketStatus()).as("a websocket from 127.0.0.1").isEqualTo(429);
        sid(Http.getFrom("127.0.0.2", server.url(POLLING)));

        nanoTime.addAndGet(TimeUnit.MILLISECONDS.toNanos(99));
        assertThat(Http.getFrom("127.0.0.1", server.url(POLLING)).status()).as("after 99 ms").isEqualTo(429);
        nanoTime.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
        sid(Http.getFrom("127.0.0.1", server.url(POLLING)));
        assertThat(Http.getFrom("127.0.0.1", server.url(POLLING)).status()).as("the one token spent").isEqualTo(429);

        nanoTime.addAndGet(TimeUnit.SECONDS.toNanos(10));
        for (int i = 0; i < 3; i++) {
            sid(Http.getFrom("127.0.0.1", server.url(POLLING)));
        }
        assertThat(Http.getFrom("127.0.0.1", server.url(POLLING)).status()).as("no more than the burst after a pause")
                .isEqualTo(429);
        assertThat(server.engine().refused(HandshakeRefusal.HANDSHAKE_RATE)).isEqualTo(5);
        assertThat(sessions.count()).isEqualTo(8);
    }

    @Test
    void freesTheSlotOfAPollingSessionTheClientCloses() {
        start(OPTIONS.withLimits(new EngineOptions.Limits(1, 1, 0, 0)));
        String sid = http.handshake(server);

        assertThat(http.post(server.url(POLLING + "&sid=" + sid), "1").body()).isEqualTo("ok");

        awaitNoConnection();
        http.handshake(server);
    }

    @Test
    void freesTheSlotOfAWebSocketTheClientCloses() {
        start(OPTIONS.withLimits(new EngineOptions.Limits(1, 1, 0, 0)));
        WsClient ws = WsClient.connect(server, WEBSOCKET);
        ws.nextText();

        ws.close();

        awaitNoConnection();
        http.handshake(server);
    }

    @Test
    void freesTheSlotOfASessionTheServerCloses() {
        start(OPTIONS.withLimits(new EngineOptions.Limits(2, 2, 0, 0)));
        WsClient ws = WsClient.connect(server, WEBSOCKET);
        String websocketSid = sid(ws.nextText());
        String pollingSid = http.handshake(server);

        sessions.session(websocketSid).close();
        sessions.session(pollingSid).close();

        awaitNoConnection();
        ws.close();
    }

    @Test
    void freesTheSlotOfASessionThatMissesItsPing() {
        start(OPTIONS.withHeartbeat(Duration.ofMillis(100), Duration.ofMillis(100))
                .withLimits(new EngineOptions.Limits(2, 2, 0, 0)));
        String pollingSid = http.handshake(server);
        WsClient ws = WsClient.connect(server, WEBSOCKET);
        String websocketSid = sid(ws.nextText());

        assertThat(sessions.get(pollingSid).awaitClose()).isEqualTo(CloseReason.PING_TIMEOUT);
        assertThat(sessions.get(websocketSid).awaitClose()).isEqualTo(CloseReason.PING_TIMEOUT);
        awaitNoConnection();
        ws.close();
    }

    @Test
    void freesTheSlotOfASessionWhoseConnectionBreaks() throws IOException {
        start(OPTIONS.withLimits(new EngineOptions.Limits(2, 2, 0, 0)));
        WsClient ws = WsClient.connect(server, WEBSOCKET);
        String websocketSid = sid(ws.nextText());
        String pollingSid = http.handshake(server);
        try (Socket poll = new Socket()) {
            poll.connect(new InetSocketAddress("127.0.0.1", server.port()));
            poll.getOutputStream().write(("GET " + server.uri(POLLING + "&sid=" + pollingSid)
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            await().atMost(TestServer.TIMEOUT).until(() -> server.handledRequests() >= 2);
        }

        ws.send("not an engine.io packet");

        assertThat(sessions.get(pollingSid).awaitClose()).isEqualTo(CloseReason.TRANSPORT_ERROR);
        assertThat(sessions.get(websocketSid).awaitClose()).isEqualTo(CloseReason.PARSE_ERROR);
        awaitNoConnection();
        ws.close();
    }

    @Test
    void freesTheSlotOfAWebSocketHandshakeThatFails() throws IOException {
        start(OPTIONS.withLimits(new EngineOptions.Limits(1, 1, 0, 0)));
        // An upgrade without Sec-WebSocket-Key: the engine takes the slot, then the upgrade itself fails.
        try (Socket socket = new Socket()) {
            socket.setSoTimeout((int) TestServer.TIMEOUT.toMillis());
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
            socket.getOutputStream().write(("GET " + server.uri(WEBSOCKET) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 4");
        }

        awaitNoConnection();
        assertThat(sessions.count()).isZero();
        WsClient.connect(server, WEBSOCKET).close();
    }

    @Test
    void freesEverySlotWhenTheServerShutsDown() {
        start(OPTIONS.withLimits(new EngineOptions.Limits(3, 3, 0, 0)));
        WsClient ws = WsClient.connect(server, WEBSOCKET);
        ws.nextText();
        http.handshake(server);
        String waiting = http.handshake(server);
        var poll = http.getAsync(server.url(POLLING + "&sid=" + waiting));
        await().atMost(TestServer.TIMEOUT).until(() -> server.handledRequests() >= 3);

        TestServer.await(server.engine().close());

        awaitNoConnection();
        assertThat(poll.join().body()).isEqualTo("1");
        ws.close();
    }
}
