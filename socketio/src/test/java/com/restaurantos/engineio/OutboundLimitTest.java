package com.restaurantos.engineio;

import com.restaurantos.testing.Http;
import com.restaurantos.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A client that does not read cannot make the server hold unbounded data: its session is closed. */
class OutboundLimitTest {
    private static EngineOptions limits(int packets, long bytes) {
        return EngineOptions.defaults()
                .withHeartbeat(Duration.ofSeconds(25), Duration.ofMillis(300))
                .withOutboundLimits(packets, bytes);
    }

    private final SessionRecorder sessions = SessionRecorder.recording();
    private final Http http = new Http();

    @Test
    void closesAPollingSessionWhoseClientStopsPolling() {
        try (TestServer server = TestServer.engine(limits(5, 1_000_000), sessions)) {
            String sid = http.handshake(server);
            EngineSession session = sessions.session(sid);

            for (int i = 0; i < 5; i++) {
                assertThat(session.send(EnginePacket.message("ticket " + i))).isTrue();
            }
            assertThat(session.send(EnginePacket.message("one too many"))).isFalse();

            assertThat(sessions.get(sid).awaitClose()).isEqualTo("outbound buffer full");
            assertThat(http.get(server.url("EIO=4&transport=polling&sid=" + sid)).status()).isEqualTo(400);
        }
    }

    @Test
    void limitsTheQueuedBytesToo() {
        try (TestServer server = TestServer.engine(limits(100, 1_000), sessions)) {
            String sid = http.handshake(server);
            EngineSession session = sessions.session(sid);
            EnginePacket big = EnginePacket.message("x".repeat(299));

            assertThat(List.of(session.send(big), session.send(big), session.send(big))).containsOnly(true);
            assertThat(session.send(big)).isFalse();

            assertThat(sessions.get(sid).awaitClose()).isEqualTo("outbound buffer full");
        }
    }

    @Test
    void keepsASessionWhoseClientPollsInTime() {
        try (TestServer server = TestServer.engine(limits(5, 1_000_000), sessions)) {
            String sid = http.handshake(server);
            String url = server.url("EIO=4&transport=polling&sid=" + sid);
            EngineSession session = sessions.session(sid);

            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 5; i++) {
                    assertThat(session.send(EnginePacket.message(round + "-" + i))).isTrue();
                }
                assertThat(http.get(url).body()).startsWith("4" + round + "-0").endsWith("4" + round + "-4");
            }
            assertThat(session.isOpen()).isTrue();
        }
    }

    @Test
    void queuesPacketsThatMustLeaveTogetherAllOrNone() {
        try (TestServer server = TestServer.engine(limits(5, 1_000_000), sessions)) {
            String sid = http.handshake(server);
            EngineSession session = sessions.session(sid);
            assertThat(session.sendAll(List.of(EnginePacket.message("a"), EnginePacket.message("b")))).isTrue();
            assertThat(session.sendAll(List.of(EnginePacket.message("c"), EnginePacket.message("d")))).isTrue();
            assertThat(session.queuedPackets()).isEqualTo(4);

            assertThat(session.sendAll(List.of(EnginePacket.message("e"), EnginePacket.binaryMessage(new byte[]{1}))))
                    .isFalse();

            assertThat(sessions.get(sid).awaitClose()).isEqualTo("outbound buffer full");
        }
    }

    @Test
    void closesAWebSocketSessionWhoseClientStopsReading() throws Exception {
        try (TestServer server = TestServer.engine(limits(10_000, 256 * 1024), sessions);
             Socket socket = new Socket()) {
            // A tiny receive window and a client that never reads: the server's writes back up.
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            OutputStream out = socket.getOutputStream();
            String key = Base64.getEncoder().encodeToString("restaurant-os-123".getBytes(StandardCharsets.US_ASCII));
            out.write(("GET " + server.uri("EIO=4&transport=websocket") + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("HTTP/1.1 101");
            await().atMost(Duration.ofSeconds(5)).until(() -> sessions.count() == 1);
            EngineSession session = server.engine().sessions().iterator().next();

            EnginePacket chunk = EnginePacket.message("y".repeat(64 * 1024));
            int sent = 0;
            while (sent < 2_000 && session.send(chunk)) {
                sent++;
            }

            assertThat(sent).as("the limit was reached before 2000 packets of 64 KB").isLessThan(2_000);
            assertThat(sessions.get(session.id()).awaitClose()).isEqualTo("outbound buffer full");
        }
    }
}
