package com.restaurantos.engineio;

import com.restaurantos.engineio.WebSocketFramesTest.Frame;
import com.restaurantos.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Over a real connection: a client that offers permessage-deflate gets messages from the threshold on
 * compressed, and smaller ones plain; a client that does not offer it gets everything plain.
 */
class WebSocketCompressionTest {
    private final SessionRecorder sessions = SessionRecorder.recording();

    @Test
    void compressesMessagesFromTheThresholdOnForAClientThatOffersDeflate() throws Exception {
        try (TestServer server = TestServer.engine(EngineOptions.defaults(), sessions);
             RawWebSocket ws = upgrade(server, "permessage-deflate; client_max_window_bits")) {
            assertThat(ws.read().rsv1()).as("the open packet is small").isFalse();
            EngineSession session = server.engine().sessions().iterator().next();
            String large = "4" + "order 1042, table 7, 2x margherita; ".repeat(100);

            session.send(EnginePacket.message(large.substring(1)));
            session.send(EnginePacket.message("small"));

            Frame first = ws.read();
            assertThat(first.rsv1()).isTrue();
            assertThat(first.payload().length).isLessThan(large.length() / 4);
            assertThat(new String(first.message(), StandardCharsets.UTF_8)).isEqualTo(large);
            Frame second = ws.read();
            assertThat(second.rsv1()).isFalse();
            assertThat(new String(second.message(), StandardCharsets.UTF_8)).isEqualTo("4small");
        }
    }

    @Test
    void sendsEverythingPlainToAClientThatDoesNotOfferDeflate() throws Exception {
        try (TestServer server = TestServer.engine(EngineOptions.defaults(), sessions);
             RawWebSocket ws = upgrade(server, null)) {
            ws.read();
            EngineSession session = server.engine().sessions().iterator().next();
            String large = "x".repeat(5000);

            session.send(EnginePacket.message(large));

            Frame frame = ws.read();
            assertThat(frame.rsv1()).isFalse();
            assertThat(new String(frame.payload(), StandardCharsets.UTF_8)).isEqualTo("4" + large);
        }
    }

    private RawWebSocket upgrade(TestServer server, String extensions) throws IOException {
        RawWebSocket ws = RawWebSocket.open(server, extensions);
        assertThat(ws.head).startsWith("HTTP/1.1 101");
        assertThat(ws.head.toLowerCase().contains("permessage-deflate")).isEqualTo(extensions != null);
        await().atMost(Duration.ofSeconds(5)).until(() -> sessions.count() == 1);
        return ws;
    }
}
