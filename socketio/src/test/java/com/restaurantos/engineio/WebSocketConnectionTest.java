package com.restaurantos.engineio;

import com.restaurantos.engineio.WebSocketFramesTest.Frame;
import com.restaurantos.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.Deflater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The WebSocket connection as RFC 6455 and RFC 7692 describe it, below Engine.IO: control frames, fragments,
 * the closing handshake, invalid text and compressed messages that would inflate past the payload limit.
 */
class WebSocketConnectionTest {
    private static final int MAX_PAYLOAD = 1_000;

    private final SessionRecorder sessions = SessionRecorder.recording();
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.engine(EngineOptions.defaults()
                .withHeartbeat(Duration.ofSeconds(25), Duration.ofSeconds(20))
                .withMaxPayload(MAX_PAYLOAD), sessions);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void answersAPingFrameWithAPongOfTheSamePayload() throws IOException {
        try (RawWebSocket ws = opened(null)) {
            ws.send(true, false, RawWebSocket.PING, bytes("are you there"));

            Frame pong = ws.read();
            assertThat(pong.opcode()).isEqualTo(RawWebSocket.PONG);
            assertThat(new String(pong.payload(), StandardCharsets.UTF_8)).isEqualTo("are you there");
        }
    }

    @Test
    void hearsAFragmentedMessageAsOneMessage() throws IOException {
        try (RawWebSocket ws = opened(null)) {
            String sid = onlySid();

            ws.send(false, false, RawWebSocket.TEXT, bytes("4table 7, "));
            ws.send(false, false, RawWebSocket.CONTINUATION, bytes("2x margherita, "));
            ws.send(true, false, RawWebSocket.CONTINUATION, bytes("no basil"));

            assertThat(sessions.get(sid).nextMessage().text()).isEqualTo("table 7, 2x margherita, no basil");
        }
    }

    @Test
    void answersAPingThatComesBetweenTheFragmentsOfAMessage() throws IOException {
        try (RawWebSocket ws = opened(null)) {
            String sid = onlySid();

            ws.send(false, false, RawWebSocket.TEXT, bytes("4first half, "));
            ws.send(true, false, RawWebSocket.PING, bytes("still there?"));
            ws.send(true, false, RawWebSocket.CONTINUATION, bytes("second half"));

            assertThat(ws.read().opcode()).isEqualTo(RawWebSocket.PONG);
            assertThat(sessions.get(sid).nextMessage().text()).isEqualTo("first half, second half");
        }
    }

    @Test
    void closesWith1002OnAContinuationThatContinuesNothing() throws IOException {
        try (RawWebSocket ws = opened(null)) {
            String sid = onlySid();

            ws.send(true, false, RawWebSocket.CONTINUATION, bytes("4orphan"));

            assertClosedWith(ws, sid, 1002);
        }
    }

    @Test
    void closesWith1009WhenFragmentsAddUpToMoreThanMaxPayload() throws IOException {
        try (RawWebSocket ws = opened(null)) {
            String sid = onlySid();
            byte[] part = bytes("x".repeat(MAX_PAYLOAD / 2 + 1));

            ws.send(false, false, RawWebSocket.TEXT, part);
            ws.send(true, false, RawWebSocket.CONTINUATION, part);

            assertClosedWith(ws, sid, 1009);
        }
    }

    @Test
    void answersTheClientsCloseFrameAndEndsTheSessionAsATransportClose() throws IOException {
        try (RawWebSocket ws = opened(null)) {
            String sid = onlySid();

            ws.send(true, false, RawWebSocket.CLOSE, new byte[] {0x03, (byte) 0xE8});

            Frame answer = ws.read();
            assertThat(answer.opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(RawWebSocket.closeStatus(answer)).isEqualTo(1000);
            assertThat(ws.closedByServer()).isTrue();
            assertThat(sessions.get(sid).awaitClose()).isEqualTo(CloseReason.TRANSPORT_CLOSE);
        }
    }

    @Test
    void closesWith1007OnTextThatIsNotUtf8() throws IOException {
        try (RawWebSocket ws = opened(null)) {
            String sid = onlySid();

            ws.send(true, false, RawWebSocket.TEXT, new byte[] {'4', (byte) 0xC3, (byte) 0x28});

            assertClosedWith(ws, sid, 1007);
        }
    }

    @Test
    void inflatesACompressedMessageFromTheClient() throws IOException {
        try (RawWebSocket ws = opened("permessage-deflate")) {
            String sid = onlySid();
            String text = "4" + "order 1042 ready; ".repeat(40);

            ws.send(true, true, RawWebSocket.TEXT, deflate(bytes(text)));

            assertThat(sessions.get(sid).nextMessage().text()).isEqualTo(text.substring(1));
        }
    }

    @Test
    void closesAConnectionWhoseCompressedMessageInflatesPastMaxPayload() throws IOException {
        try (RawWebSocket ws = opened("permessage-deflate")) {
            String sid = onlySid();
            byte[] bomb = deflate(bytes("4" + "0".repeat(MAX_PAYLOAD * 100)));
            assertThat(bomb.length).as("small on the wire").isLessThan(MAX_PAYLOAD);

            ws.send(true, true, RawWebSocket.TEXT, bomb);

            Frame close = ws.read();
            assertThat(close.opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(ws.closedByServer()).isTrue();
            assertThat(sessions.get(sid).awaitClose()).isEqualTo(CloseReason.TRANSPORT_ERROR);
            assertThat(sessions.get(sid).messages).isEmpty();
        }
    }

    @Test
    void cutsAConnectionThatNeverAnswersTheServersCloseFrame() throws IOException {
        try (RawWebSocket ws = opened(null)) {
            String sid = onlySid();

            sessions.session(sid).close();

            Frame closeFrame = ws.read();
            assertThat(closeFrame.opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(RawWebSocket.closeStatus(closeFrame)).isEqualTo(1000);
            assertThat(ws.closedByServer()).as("cut after the grace period, with no answer").isTrue();
        }
    }

    @Test
    void endsTheConnectionAsSoonAsTheClientAnswersTheServersCloseFrame() throws IOException {
        try (RawWebSocket ws = opened(null)) {
            sessions.session(onlySid()).close();
            assertThat(ws.read().opcode()).isEqualTo(RawWebSocket.CLOSE);
            long answered = System.nanoTime();

            ws.send(true, false, RawWebSocket.CLOSE, new byte[] {0x03, (byte) 0xE8});

            assertThat(ws.closedByServer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - answered))
                    .as("well before the 1 s granted to a client that never answers")
                    .isLessThan(Duration.ofMillis(800));
        }
    }

    @Test
    void answers426ToAnotherProtocolVersion() throws IOException {
        try (RawWebSocket ws = RawWebSocket.openWithHeaders(server, "Sec-WebSocket-Version: 8\r\n")) {
            assertThat(ws.head).startsWith("HTTP/1.1 426");
            assertThat(ws.head).containsIgnoringCase("Sec-WebSocket-Version: 13");
        }
        assertThat(sessions.count()).isZero();
        await().atMost(TestServer.TIMEOUT).until(() -> server.engine().connections() == 0);
    }

    private RawWebSocket opened(String extensions) throws IOException {
        RawWebSocket ws = RawWebSocket.open(server, extensions);
        assertThat(ws.head).startsWith("HTTP/1.1 101");
        Frame open = ws.read();
        assertThat(new String(open.payload(), StandardCharsets.UTF_8)).startsWith("0{\"sid\"");
        await().atMost(TestServer.TIMEOUT).until(() -> sessions.count() == 1);
        return ws;
    }

    private void assertClosedWith(RawWebSocket ws, String sid, int status) throws IOException {
        Frame close = ws.read();
        assertThat(close.opcode()).isEqualTo(RawWebSocket.CLOSE);
        assertThat(RawWebSocket.closeStatus(close)).isEqualTo(status);
        assertThat(ws.closedByServer()).isTrue();
        assertThat(sessions.get(sid).awaitClose()).isEqualTo(CloseReason.TRANSPORT_ERROR);
        assertThat(sessions.get(sid).messages).isEmpty();
    }

    private String onlySid() {
        return server.engine().sessions().iterator().next().id();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A permessage-deflate payload: raw DEFLATE, sync-flushed, its empty-block tail removed (RFC 7692). */
    private static byte[] deflate(byte[] message) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(message);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        int n;
        while ((n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH)) > 0) {
            out.write(chunk, 0, n);
        }
        deflater.end();
        byte[] all = out.toByteArray();
        return Arrays.copyOf(all, all.length - 4);
    }
}
